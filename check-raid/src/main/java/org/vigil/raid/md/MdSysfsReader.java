package org.vigil.raid.md;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vigil.core.BoundedInput;
import org.vigil.core.LineShape;
import org.vigil.core.ParseException;

/**
 * Reads {@code <root>/block/md*&#47;md/{mismatch_cnt,sync_action,degraded,array_state}} for every
 * md array under a sysfs root (normally {@code /sys}). The only class of the md package that does
 * I/O; the values go through {@link MdSysfsParser}.
 *
 * <p>An entry of {@code block/} is an md array when its name is an md name ({@code mdN}, {@code
 * md_name}) and it has an {@code md/} directory; other block devices are skipped. A missing
 * attribute file is "unknown" (empty); a present one that cannot be read or parsed fails the read.
 */
public final class MdSysfsReader {
  /** sysfs attributes are at most one page; anything larger is not an md attribute. */
  public static final int FILE_LIMIT = 4096;

  private final int fileLimit;

  public MdSysfsReader() {
    this(FILE_LIMIT);
  }

  /** For tests: a smaller per-file size limit. */
  public MdSysfsReader(int fileLimit) {
    this.fileLimit = fileLimit;
  }

  /**
   * @param root the sysfs root, e.g. {@code /sys}
   * @return the arrays by name, in natural order (md2 before md10)
   * @throws NoSuchFileException when {@code root/block} is not a directory
   */
  public Map<String, MdSysfs> read(Path root) throws IOException, ParseException {
    Path block = root.resolve("block");
    if (!Files.isDirectory(block)) {
      throw new NoSuchFileException(
          block.toString(), null, "not a sysfs root (no block/ directory)");
    }
    List<Path> arrays = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(block)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (MdNames.isMdName(name) && Files.isDirectory(entry.resolve("md"))) {
          arrays.add(entry);
        }
      }
    }
    Map<String, MdSysfs> sorted = new TreeMap<>(NATURAL);
    for (Path array : arrays) {
      String name = array.getFileName().toString();
      Path md = array.resolve("md");
      Map<String, String> contents = new LinkedHashMap<>();
      for (String file : MdSysfsParser.FILES) {
        Path path = md.resolve(file);
        if (Files.exists(path)) {
          try (InputStream in = Files.newInputStream(path)) {
            contents.put(file, BoundedInput.read(in, path.toString(), fileLimit));
          }
        }
      }
      sorted.put(name, MdSysfsParser.parse(name, contents, md.toString()));
    }
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
  }

  /**
   * md2 before md10: compares the names without their digits, then all their digits as one
   * number. A class rather than a lambda, and no regex: both would boot java.lang.invoke at the
   * start of every check run.
   */
  static final Comparator<String> NATURAL = new NaturalOrder();

  private static final class NaturalOrder implements Comparator<String> {
    @Override
    public int compare(String a, String b) {
      String da = digits(a, true);
      String db = digits(b, true);
      String pa = digits(a, false);
      String pb = digits(b, false);
      int c = pa.compareTo(pb);
      if (c != 0 || da.isEmpty() || db.isEmpty() || da.length() > 18 || db.length() > 18) {
        return c != 0 ? c : a.compareTo(b);
      }
      c = Long.compare(Long.parseLong(da), Long.parseLong(db));
      return c != 0 ? c : a.compareTo(b);
    }

    /** The ASCII digits of {@code s} ({@code \d}), or everything else. */
    private static String digits(String s, boolean keepDigits) {
      StringBuilder sb = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (LineShape.isDigit(c) == keepDigits) {
          sb.append(c);
        }
      }
      return sb.toString();
    }
  }
}
