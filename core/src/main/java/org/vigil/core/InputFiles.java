package org.vigil.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a check's input file the way every check does: bounded, strict, '-' for stdin. */
public final class InputFiles {
  private InputFiles() {}

  /**
   * Reads {@code file}: {@code -} means stdin; files under /proc/ are read through their links
   * (procfs entries are the kernel's, never planted symlinks); any other file is opened without
   * following a symbolic link.
   *
   * @param missingHint said when the file does not exist, e.g. "is the drbd module loaded?"
   */
  public static String read(String file, String missingHint) throws IOException, ParseException {
    if (file.equals("-")) {
      return BoundedInput.read(System.in, "stdin", BoundedInput.LIMIT);
    }
    Path path = Path.of(file);
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(file, null, missingHint);
    }
    if (file.startsWith("/proc/")) {
      try (InputStream in = Files.newInputStream(path)) {
        return BoundedInput.read(in, file, BoundedInput.LIMIT);
      }
    }
    return BoundedInput.read(path, file);
  }

  /** The source name parse errors use for {@code file}. */
  public static String sourceName(String file) {
    return file.equals("-") ? "stdin" : file;
  }
}
