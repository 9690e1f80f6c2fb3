package org.vigil.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BoundedInputTest {

  @TempDir Path dir;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Bytes from text where each "\xNN" stands for one raw byte. */
  private static byte[] bytes(String spec) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < spec.length(); i++) {
      if (spec.startsWith("\\x", i)) {
        out.write(Integer.parseInt(spec.substring(i + 2, i + 4), 16));
        i += 3;
      } else {
        out.write(spec.charAt(i));
      }
    }
    return out.toByteArray();
  }

  private static String read(byte[] input, int limit) throws Exception {
    return BoundedInput.read(new ByteArrayInputStream(input), "src", limit);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "",
        "version: 8.4.11\n",
        "a\nb\r\nc\td",
        "Gr\u00fc\u00dfe \u2013 \u65e5\u672c\u8a9e \u2013 \ud83d\ude00\n", // 2-, 3- and 4-byte
        "\u007f\u0080\uffff\udbff\udfff", // edges of each UTF-8 length
      })
  void validUtf8Passes(String text) throws Exception {
    assertThat(BoundedInput.decode(utf8(text), "src")).isEqualTo(text);
    assertThat(read(utf8(text), BoundedInput.LIMIT)).isEqualTo(text);
  }

  @ParameterizedTest(name = "NUL in [{0}] is on line {1}")
  @MethodSource
  void nulByteIsBinaryData(String spec, int line) {
    assertThatThrownBy(() -> BoundedInput.decode(bytes(spec), "/proc/drbd"))
        .isInstanceOfSatisfying(
            ParseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.reason()).contains("binary data");
              assertThat(e.source()).isEqualTo("/proc/drbd");
            })
        .hasMessage("/proc/drbd line " + line + ": binary data (NUL byte) '\\x00'");
  }

  static Stream<Arguments> nulByteIsBinaryData() {
    return Stream.of(
        arguments("\\x00", 1),
        arguments("abc\\x00def", 1),
        arguments("line1\nline2\nab\\x00c\nline4", 3),
        arguments("\n\n\n\n\\x00", 5),
        // NUL is refused even after an otherwise valid multi-byte text
        arguments("\u00e4\n\\x00", 2));
  }

  @ParameterizedTest(name = "{2}: [{0}]")
  @MethodSource
  void invalidUtf8NamesTheLine(String spec, int line, String description, String firstByte) {
    assertThatThrownBy(() -> BoundedInput.decode(bytes(spec), "src"))
        .isInstanceOfSatisfying(
            ParseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.reason()).startsWith("invalid UTF-8");
              assertThat(e.token()).startsWith(firstByte);
            })
        .hasMessageStartingWith("src line " + line + ": invalid UTF-8");
    assertThatThrownBy(() -> read(bytes(spec), 1024))
        .isInstanceOf(ParseException.class)
        .hasMessageStartingWith("src line " + line + ": invalid UTF-8");
  }

  static Stream<Arguments> invalidUtf8NamesTheLine() {
    return Stream.of(
        arguments("\\xff", 1, "0xff", "\\xff"),
        arguments("ok\n\\xff\n", 2, "0xff after a line", "\\xff"),
        arguments("ok\nok\nab\\xfe", 3, "0xfe", "\\xfe"),
        arguments("\\xc0\\x80", 1, "overlong NUL", "\\xc0"),
        arguments("a\n\\xe0\\x80\\xaf", 2, "overlong 3-byte '/'", "\\xe0"),
        arguments("a\n\n\\xe2\\x82", 3, "truncated 3-byte at end", "\\xe2"),
        arguments("a\n\\xf0\\x9f\\x98", 2, "truncated 4-byte at end", "\\xf0"),
        arguments("x\\xc3", 1, "truncated 2-byte at end", "\\xc3"),
        arguments("\\xc3(", 1, "lead byte without continuation", "\\xc3"),
        arguments("\\x80", 1, "lone continuation byte", "\\x80"),
        arguments("\\xed\\xa0\\x80", 1, "UTF-16 surrogate", "\\xed"),
        arguments("\\xf4\\x90\\x80\\x80", 1, "above U+10FFFF", "\\xf4"),
        arguments("latin1 Gr\\xfc\\xdfe", 1, "ISO-8859-1 text", "\\xfc"));
  }

  @Test
  void oversizedInputIsRefused() {
    byte[] eleven = utf8("01234567890");
    assertThatThrownBy(() -> read(eleven, 10))
        .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.line()).isZero())
        .hasMessage("src: input larger than 10 B, refusing to parse it");
  }

  @Test
  void inputOfExactlyTheLimitPasses() throws Exception {
    assertThat(read(utf8("0123456789"), 10)).isEqualTo("0123456789");
    // the limit counts bytes, not characters: 5 two-byte characters
    assertThat(read(utf8("\u00e4\u00e4\u00e4\u00e4\u00e4"), 10)).isEqualTo("\u00e4".repeat(5));
    assertThatThrownBy(() -> read(utf8("\u00e4\u00e4\u00e4\u00e4\u00e4\u00e4"), 10))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("larger than");
  }

  @Test
  void anEndlessStreamIsRefusedWithoutReadingItAll() {
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 'y';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) 'y');
            return len;
          }
        };
    assertThatThrownBy(() -> BoundedInput.read(endless, "yes", 4096))
        .isInstanceOf(ParseException.class)
        .hasMessage("yes: input larger than 4.0 KiB, refusing to parse it");
  }

  @Test
  void readsAFile() throws Exception {
    Path file = dir.resolve("drbd");
    String text = "version: 8.4.11 (api:1/proto:86-101)\n 0: cs:Connected ro:Primary/Secondary\n";
    Files.writeString(file, text);

    assertThat(BoundedInput.read(file, "/proc/drbd")).isEqualTo(text);
  }

  @Test
  void aFileIsCheckedLikeAStream() throws Exception {
    Path file = dir.resolve("bad");
    Files.write(file, bytes("ok\n\\xff"));

    assertThatThrownBy(() -> BoundedInput.read(file, "bad"))
        .isInstanceOf(ParseException.class)
        .hasMessageStartingWith("bad line 2: invalid UTF-8");
  }

  @Test
  void aFileOfMoreThanTheLimitIsRefused() throws Exception {
    Path file = dir.resolve("big");
    Files.write(file, new byte[BoundedInput.LIMIT + 1]);

    assertThatThrownBy(() -> BoundedInput.read(file, "big"))
        .isInstanceOf(ParseException.class)
        .hasMessage("big: input larger than 16.0 MiB, refusing to parse it");
  }

  @Test
  void aSymlinkIsRefused() throws Exception {
    Path target = dir.resolve("target");
    Files.writeString(target, "fine\n");
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);

    assertThatThrownBy(() -> BoundedInput.read(link, "link")).isInstanceOf(IOException.class);
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    assertThatThrownBy(() -> BoundedInput.read(dir.resolve("absent"), "absent"))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("absent");
  }
}
