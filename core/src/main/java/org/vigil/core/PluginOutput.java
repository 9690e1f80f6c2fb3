package org.vigil.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link CheckResult} in the Monitoring Plugins format.
 *
 * <pre>
 * DRBD CRITICAL - drbd0: peer disk DUnknown while Connected ...; drbd1: ... | 'drbd0 oos'=0B;0 ...
 * [CRITICAL] drbd0: Connected Primary/Secondary UpToDate/DUnknown - peer disk DUnknown ...
 * [OK] drbd1: Connected Secondary/Primary UpToDate/UpToDate
 * </pre>
 *
 * The first line names the problems, worst first (at most {@value #MAX_PROBLEMS_ON_FIRST_LINE},
 * then a count of the rest); every object gets one long-output line with its problems, worst
 * first, then its OK notes (such as a running online verify); {@code -v} adds the objects' detail
 * lines beneath them.
 */
public final class PluginOutput {
  static final int MAX_PROBLEMS_ON_FIRST_LINE = 3;

  private PluginOutput() {}

  public static String render(CheckResult result, int verbosity) {
    State overall = result.state();
    StringBuilder out = new StringBuilder();
    out.append(firstLineText(result.service(), overall, summary(result, overall)));
    List<String> perf = new ArrayList<>();
    for (Subcheck sc : result.subchecks()) {
      for (PerfData pd : sc.perfdata()) {
        perf.add(pd.format());
      }
    }
    if (!perf.isEmpty()) {
      out.append(" | ").append(String.join(" ", perf));
    }
    out.append('\n');
    for (Subcheck sc : result.subchecks()) {
      out.append('[').append(sc.state()).append("] ").append(objectLine(sc)).append('\n');
      if (verbosity >= 1) {
        for (String detail : sc.details()) {
          out.append("    ").append(text(detail)).append('\n');
        }
      }
    }
    return out.toString();
  }

  /**
   * One object on one line, without its state: {@code name: summary - problems worst first; OK
   * notes}. Control characters and '|' in any part are neutralised.
   */
  public static String objectLine(Subcheck sc) {
    StringBuilder out = new StringBuilder();
    out.append(text(sc.name())).append(": ").append(text(sc.summary()));
    List<Finding> notes = new ArrayList<>(sc.problems());
    for (Finding f : sc.findings()) {
      if (f.state() == State.OK) {
        notes.add(f);
      }
    }
    if (!notes.isEmpty()) {
      out.append(" - ").append(text(joinMessages(notes)));
    }
    return out.toString();
  }

  /** A one-line result with no objects, for errors that stop the check before it has any. */
  public static String single(String service, State state, String message) {
    return firstLineText(service, state, message) + "\n";
  }

  private static String firstLineText(String service, State state, String message) {
    return service + " " + state + " - " + text(message);
  }

  private static String summary(CheckResult result, State overall) {
    if (overall == State.OK) {
      return result.okSummary();
    }
    List<String> items = new ArrayList<>();
    for (State level : List.of(State.CRITICAL, State.WARNING, State.UNKNOWN)) {
      for (Subcheck sc : result.subchecks()) {
        for (Finding f : sc.problems()) {
          if (f.state() == level) {
            items.add(sc.name() + ": " + f.message());
          }
        }
      }
    }
    if (items.size() <= MAX_PROBLEMS_ON_FIRST_LINE) {
      return String.join("; ", items);
    }
    return String.join("; ", items.subList(0, MAX_PROBLEMS_ON_FIRST_LINE))
        + " (+" + (items.size() - MAX_PROBLEMS_ON_FIRST_LINE) + " more)";
  }

  private static String joinMessages(List<Finding> findings) {
    List<String> messages = new ArrayList<>();
    for (Finding f : findings) {
      messages.add(f.message());
    }
    return String.join("; ", messages);
  }

  /**
   * Keeps free text on its line and out of the perfdata: '|' would start perfdata, a line break
   * would start long output.
   */
  public static String text(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '|') {
        sb.append('/');
      } else if (c < 0x20 || c == 0x7f) {
        sb.append(' ');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
