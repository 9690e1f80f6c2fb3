package org.vigil.core.cli;

import java.util.Objects;

/**
 * One command-line option of a check.
 *
 * @param shortName e.g. {@code -w}, or null when the option has only a long name
 * @param longName e.g. {@code --warning}; every option has one, and it is the option's key
 * @param label the value's name in --help (e.g. {@code RANGE}), or null for a flag
 * @param arity how often the option may appear and whether it takes a value
 * @param description one or more sentences for --help
 */
public record OptionSpec(String shortName, String longName, String label, Arity arity,
    String description) {

  /** How an option is used. */
  public enum Arity {
    /** No value, at most once. */
    FLAG,
    /** No value, may repeat; the count matters ({@code -vvv}). */
    COUNTED,
    /** One value, at most once. */
    SINGLE,
    /** One value per occurrence, may repeat. */
    REPEATABLE
  }

  public OptionSpec {
    Objects.requireNonNull(longName, "longName");
    Objects.requireNonNull(arity, "arity");
    Objects.requireNonNull(description, "description");
    // Checked without a regular expression: every option of every check runs this at start-up.
    if (!longName.startsWith("--") || (shortName != null && !isShortName(shortName))) {
      throw new IllegalArgumentException("bad option names " + shortName + " " + longName);
    }
    if ((label == null) != (arity == Arity.FLAG || arity == Arity.COUNTED)) {
      throw new IllegalArgumentException(longName + ": a value label goes with a value arity");
    }
  }

  private static boolean isShortName(String name) {
    if (name.length() != 2 || name.charAt(0) != '-') {
      return false;
    }
    char c = name.charAt(1);
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  public static OptionSpec flag(String longName, String description) {
    return new OptionSpec(null, longName, null, Arity.FLAG, description);
  }

  public static OptionSpec flag(String shortName, String longName, String description) {
    return new OptionSpec(shortName, longName, null, Arity.FLAG, description);
  }

  public static OptionSpec counted(String shortName, String longName, String description) {
    return new OptionSpec(shortName, longName, null, Arity.COUNTED, description);
  }

  public static OptionSpec value(String longName, String label, String description) {
    return new OptionSpec(null, longName, label, Arity.SINGLE, description);
  }

  public static OptionSpec value(String shortName, String longName, String label,
      String description) {
    return new OptionSpec(shortName, longName, label, Arity.SINGLE, description);
  }

  public static OptionSpec repeatable(String shortName, String longName, String label,
      String description) {
    return new OptionSpec(shortName, longName, label, Arity.REPEATABLE, description);
  }

  public boolean takesValue() {
    return label != null;
  }

  /** How the option reads in a usage error, e.g. {@code '-w' (--warning)}. */
  String displayName() {
    return shortName == null ? "'" + longName + "'" : "'" + shortName + "' (" + longName + ")";
  }
}
