package org.vigil.raid.md;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.vigil.core.ParseException;
import org.vigil.core.TextLines;

/**
 * Parses the values of an array's sysfs files. Each file holds exactly one line: a decimal number
 * ({@code mismatch_cnt}, {@code degraded}) or one vocabulary word ({@code sync_action}, {@code
 * array_state}); anything else, an empty file, or a value without its newline is a {@link
 * ParseException} whose source is the file's path.
 */
public final class MdSysfsParser {
  public static final String MISMATCH_CNT = "mismatch_cnt";
  public static final String SYNC_ACTION = "sync_action";
  public static final String DEGRADED = "degraded";
  public static final String ARRAY_STATE = "array_state";
  public static final List<String> FILES =
      List.of(MISMATCH_CNT, SYNC_ACTION, DEGRADED, ARRAY_STATE);

  private MdSysfsParser() {}

  /**
   * @param name the array name, {@code md0}
   * @param files file name (one of {@link #FILES}) to its content; absent files are left out
   * @param directory the {@code md/} directory, used to name each file in errors
   */
  public static MdSysfs parse(String name, Map<String, String> files, String directory)
      throws ParseException {
    if (!Set.copyOf(FILES).containsAll(files.keySet())) {
      throw new IllegalArgumentException("unknown md sysfs file in " + files.keySet());
    }
    OptionalLong mismatch = OptionalLong.empty();
    Optional<SysfsSyncAction> action = Optional.empty();
    OptionalInt degraded = OptionalInt.empty();
    Optional<ArrayState> state = Optional.empty();
    if (files.containsKey(MISMATCH_CNT)) {
      String source = directory + "/" + MISMATCH_CNT;
      mismatch = OptionalLong.of(ParseNumbers.parseLong(value(files.get(MISMATCH_CNT), source),
          source, 1));
    }
    if (files.containsKey(SYNC_ACTION)) {
      String source = directory + "/" + SYNC_ACTION;
      action = Optional.of(SysfsSyncAction.VOCABULARY.parse(
          value(files.get(SYNC_ACTION), source), source, 1));
    }
    if (files.containsKey(DEGRADED)) {
      String source = directory + "/" + DEGRADED;
      degraded = OptionalInt.of(ParseNumbers.parseInt(value(files.get(DEGRADED), source),
          source, 1));
    }
    if (files.containsKey(ARRAY_STATE)) {
      String source = directory + "/" + ARRAY_STATE;
      state = Optional.of(ArrayState.VOCABULARY.parse(
          value(files.get(ARRAY_STATE), source), source, 1));
    }
    return new MdSysfs(name, mismatch, action, degraded, state);
  }

  private static String value(String content, String source) throws ParseException {
    List<String> lines = TextLines.split(content, source);
    if (lines.size() != 1) {
      throw new ParseException(
          source, 2, lines.get(1), "more than one line in a one-value sysfs file");
    }
    String v = lines.get(0);
    if (v.isEmpty() || !v.equals(v.strip())) {
      throw new ParseException(source, 1, v, "blanks around a sysfs value");
    }
    return v;
  }
}
