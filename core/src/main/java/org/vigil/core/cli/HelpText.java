package org.vigil.core.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.vigil.core.Version;

/**
 * Renders --help in the layout the Monitoring Plugins guidelines and our man pages expect:
 * version first, a usage synopsis, the description, the options, the exit codes, examples.
 * Everything wraps at 80 columns so it reads the same in a terminal and in {@code man}.
 */
final class HelpText {
  static final int WIDTH = 80;
  /** The widest "--name=LABEL" that still shares a line with its description. */
  private static final int MAX_NAME_COLUMN = 24;

  private HelpText() {}

  static String render(CommandSpec spec) {
    StringBuilder out = new StringBuilder();
    out.append(spec.name()).append(" (Vigil ").append(Version.get()).append(") - ")
        .append(spec.tagline()).append('\n');
    out.append(usage(spec)).append("\n\n");
    for (String paragraph : spec.description()) {
      if (paragraph.isEmpty()) {
        out.append('\n');
      } else {
        wrap(out, paragraph, "", "");
      }
    }
    out.append("\nOptions:\n");
    int nameColumn = 0;
    for (OptionSpec o : spec.options()) {
      if (longPart(o).length() <= MAX_NAME_COLUMN) {
        nameColumn = Math.max(nameColumn, longPart(o).length());
      }
    }
    String continuation = " ".repeat(2 + 4 + nameColumn + 2 + 2);
    for (OptionSpec o : spec.options()) {
      String names = "  " + (o.shortName() == null ? "    " : o.shortName() + ", ") + longPart(o);
      if (longPart(o).length() > nameColumn) {
        out.append(names).append('\n');
        wrap(out, o.description(), " ".repeat(2 + 4 + nameColumn + 2), continuation);
      } else {
        String first = names + " ".repeat(2 + 4 + nameColumn + 2 - names.length());
        wrap(out, o.description(), first, continuation);
      }
    }
    out.append("\nExit codes:\n")
        .append("  0   OK\n")
        .append("  1   WARNING\n")
        .append("  2   CRITICAL\n")
        .append("  3   UNKNOWN (also --help, --version, bad arguments, unreadable input,"
            + " timeout)\n");
    if (!spec.examples().isEmpty()) {
      out.append("\nExamples:\n");
      for (String example : spec.examples()) {
        out.append(example).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * The synopsis: clustered short flags, long flags, options with values (alphabetically), then
   * the repeatable ones marked {@code ...}.
   */
  static String usage(CommandSpec spec) {
    List<String> words = new ArrayList<>();
    StringBuilder shortFlags = new StringBuilder();
    List<OptionSpec> longFlags = new ArrayList<>();
    List<OptionSpec> single = new ArrayList<>();
    List<OptionSpec> repeatable = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (!o.takesValue() && o.shortName() != null) {
        shortFlags.append(o.shortName().charAt(1));
      } else if (!o.takesValue()) {
        longFlags.add(o);
      } else if (o.arity() == OptionSpec.Arity.REPEATABLE) {
        repeatable.add(o);
      } else {
        single.add(o);
      }
    }
    // -hVv as getopt users know it: case-insensitive, upper case before lower case.
    List<Character> flags = new ArrayList<>();
    for (char c : shortFlags.toString().toCharArray()) {
      flags.add(c);
    }
    flags.sort(Comparator.comparing((Character c) -> Character.toLowerCase(c))
        .thenComparing(Comparator.naturalOrder()));
    if (!flags.isEmpty()) {
      StringBuilder cluster = new StringBuilder("[-");
      for (char c : flags) {
        cluster.append(c);
      }
      words.add(cluster.append(']').toString());
    }
    Comparator<OptionSpec> byName = Comparator.comparing(HelpText::sortKey);
    longFlags.sort(byName);
    single.sort(byName);
    repeatable.sort(byName);
    for (OptionSpec o : longFlags) {
      words.add("[" + o.longName() + "]");
    }
    for (OptionSpec o : single) {
      words.add("[" + preferredName(o) + "=" + o.label() + "]");
    }
    for (OptionSpec o : repeatable) {
      words.add("[" + preferredName(o) + "=" + o.label() + "]...");
    }
    StringBuilder out = new StringBuilder();
    String prefix = "Usage: " + spec.name() + " ";
    wrapWords(out, words, prefix, " ".repeat(prefix.length()));
    out.setLength(out.length() - 1);
    return out.toString();
  }

  private static String sortKey(OptionSpec o) {
    return preferredName(o).replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
  }

  private static String preferredName(OptionSpec o) {
    return o.shortName() != null ? o.shortName() : o.longName();
  }

  private static String longPart(OptionSpec o) {
    return o.longName() + (o.takesValue() ? "=" + o.label() : "");
  }

  private static void wrap(StringBuilder out, String text, String first, String continuation) {
    wrapWords(out, List.of(text.split(" ")), first, continuation);
  }

  /** Greedy word wrap; a word longer than the line stays whole. */
  private static void wrapWords(StringBuilder out, List<String> words, String first,
      String continuation) {
    StringBuilder line = new StringBuilder(first);
    int lineStart = first.length();
    boolean empty = true;
    for (String word : words) {
      if (word.isEmpty()) {
        continue;
      }
      if (!empty && line.length() + 1 + word.length() > WIDTH) {
        out.append(line).append('\n');
        line = new StringBuilder(continuation);
        lineStart = continuation.length();
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = line.length() == lineStart;
    }
    out.append(line).append('\n');
  }
}
