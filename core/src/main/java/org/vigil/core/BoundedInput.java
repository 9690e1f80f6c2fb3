package org.vigil.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Reads the text a parser will see, refusing what no tool we read would print: more than {@link
 * #LIMIT} bytes, NUL bytes, or invalid UTF-8. Files are read as a stream to EOF because /proc files
 * report a size of 0.
 */
public final class BoundedInput {
  /** 16 MiB: far above any real status output, far below what would hurt a plugin's memory. */
  public static final int LIMIT = 16 * 1024 * 1024;

  private BoundedInput() {}

  public static String read(Path path, String source) throws IOException, ParseException {
    try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
      return read(in, source, LIMIT);
    }
  }

  public static String read(InputStream in, String source, int limit)
      throws IOException, ParseException {
    byte[] bytes = in.readNBytes(limit + 1);
    if (bytes.length > limit) {
      throw new ParseException(
          source, 0, null, "input larger than " + Numbers.bytes(limit) + ", refusing to parse it");
    }
    return decode(bytes, source);
  }

  /** Decodes strict UTF-8 and rejects NUL bytes, naming the line of the first bad byte. */
  public static String decode(byte[] bytes, String source) throws ParseException {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new ParseException(source, lineOf(bytes, i), "\\x00", "binary data (NUL byte)");
      }
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int at = in.position();
      StringBuilder hex = new StringBuilder();
      for (int i = at; i < Math.min(bytes.length, at + Math.max(1, result.length())); i++) {
        hex.append(String.format("\\x%02x", bytes[i] & 0xff));
      }
      throw new ParseException(source, lineOf(bytes, at), hex.toString(), "invalid UTF-8");
    }
    try {
      CoderResult flush = decoder.flush(out);
      if (flush.isError()) {
        flush.throwException();
      }
    } catch (CharacterCodingException e) {
      throw new ParseException(source, lineOf(bytes, bytes.length), null, "invalid UTF-8 at end");
    }
    out.flip();
    return out.toString();
  }

  private static int lineOf(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
