package org.vigil.drbd.parse;

import java.util.Optional;
import org.vigil.core.LineShape;

/**
 * The two lines /proc/drbd prints under a minor while it resyncs or verifies (drbd_proc.c
 * {@code drbd_syncer_progress}): a progress bar, then a finish estimate or, in 0.7, "stalled".
 *
 * <pre>
 * 	[==============>.....] sync'ed: 75.1% (1048576/4194304)K
 * 	finish: 0:00:17 speed: 60,172 (51,448) want: 61,440 K/sec
 * </pre>
 */
final class ResyncLines {
  private ResyncLines() {}

  /**
   * {@code \s+\[=*>\.*\] (sync'ed|verified):\s*(\d{1,3}\.\d)% \((\d+)/(\d+)\)([KM])}
   * {@code (?: delay_probe: \d+)?}
   *
   * @param verified the word is "verified:" (online verify) rather than "sync'ed:"
   * @param unit 'K' or 'M': the unit of {@code left} and {@code total}
   */
  record ProgressBar(boolean verified, String percent, String left, String total, char unit) {

    static Optional<ProgressBar> match(String line) {
      LineShape s = new LineShape(line);
      if (!(s.spaces() && s.literal("[") && s.repeated('=') && s.literal(">")
          && s.repeated('.') && s.literal("] "))) {
        return Optional.empty();
      }
      boolean verified = s.literal("verified:");
      if (!(verified || s.literal("sync'ed:"))) {
        return Optional.empty();
      }
      s.optionalSpaces();
      int percent = s.position();
      if (!(s.digits(1, 3) && s.literal(".") && s.digits(1, 1))) {
        return Optional.empty();
      }
      String percentText = s.since(percent);
      if (!s.literal("% (")) {
        return Optional.empty();
      }
      int left = s.position();
      if (!s.digits()) {
        return Optional.empty();
      }
      String leftText = s.since(left);
      if (!s.literal("/")) {
        return Optional.empty();
      }
      int total = s.position();
      if (!s.digits()) {
        return Optional.empty();
      }
      String totalText = s.since(total);
      int unit = s.position();
      if (!(s.literal(")") && s.oneOf("KM"))) {
        return Optional.empty();
      }
      char unitLetter = line.charAt(unit + 1);
      if (s.literal(" delay_probe: ") && !s.digits()) {
        return Optional.empty();
      }
      return s.atEnd() ? Optional.of(new ProgressBar(
          verified, percentText, leftText, totalText, unitLetter)) : Optional.empty();
    }
  }

  /**
   * {@code \s+finish: (\d+):(\d\d):(\d\d) speed: (N) \(N(?: -- N)?\)(?: want: N)? K/sec}
   * {@code ( \(stalled\))?}, N a {@link LineShape#groupedNumber() grouped number}
   *
   * @param speed the first speed figure, with its thousands separators
   */
  record Finish(String hours, int minutes, int seconds, String speed, boolean stalled) {

    static Optional<Finish> match(String line) {
      LineShape s = new LineShape(line);
      if (!(s.spaces() && s.literal("finish: "))) {
        return Optional.empty();
      }
      int hours = s.position();
      if (!s.digits()) {
        return Optional.empty();
      }
      String hoursText = s.since(hours);
      int minutes = s.position() + 1;
      if (!(s.literal(":") && s.digits(2, 2) && s.literal(":") && s.digits(2, 2))) {
        return Optional.empty();
      }
      int seconds = minutes + 3;
      if (!s.literal(" speed: ")) {
        return Optional.empty();
      }
      int speed = s.position();
      if (!s.groupedNumber()) {
        return Optional.empty();
      }
      String speedText = s.since(speed);
      if (!(s.literal(" (") && s.groupedNumber()
          && (!s.literal(" -- ") || s.groupedNumber()) && s.literal(")")
          && (!s.literal(" want: ") || s.groupedNumber()) && s.literal(" K/sec"))) {
        return Optional.empty();
      }
      boolean stalled = s.literal(" (stalled)");
      return s.atEnd() ? Optional.of(new Finish(hoursText, twoDigits(line, minutes),
          twoDigits(line, seconds), speedText, stalled)) : Optional.empty();
    }

    private static int twoDigits(String line, int at) {
      return (line.charAt(at) - '0') * 10 + line.charAt(at + 1) - '0';
    }
  }

  /** {@code \s+stalled} */
  static boolean isStalled(String line) {
    LineShape s = new LineShape(line);
    return s.spaces() && s.literal("stalled") && s.atEnd();
  }
}
