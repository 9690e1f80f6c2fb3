package org.vigil.core.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vigil.core.Range;

/**
 * The options of one command line, keyed by long name, with strict typed accessors: a value that
 * does not convert is a {@link UsageException} naming the option and the value.
 */
public final class ParsedArgs {
  private final Map<String, List<String>> values;
  private final Map<String, Integer> counts;

  ParsedArgs(Map<String, List<String>> values, Map<String, Integer> counts) {
    Map<String, List<String>> copy = new HashMap<>();
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      copy.put(e.getKey(), List.copyOf(e.getValue()));
    }
    this.values = Map.copyOf(copy);
    this.counts = Map.copyOf(counts);
  }

  /** How often a flag was given (0 if never). */
  public int count(String longName) {
    return counts.getOrDefault(longName, 0);
  }

  public boolean flag(String longName) {
    return count(longName) > 0;
  }

  public Optional<String> value(String longName) {
    List<String> given = values.get(longName);
    return given == null || given.isEmpty() ? Optional.empty() : Optional.of(given.get(0));
  }

  public String value(String longName, String defaultValue) {
    return value(longName).orElse(defaultValue);
  }

  public List<String> values(String longName) {
    return values.getOrDefault(longName, List.of());
  }

  /** A whole number within [min, max], or the default when the option is absent. */
  public int intValue(String longName, int defaultValue, int min, int max) throws UsageException {
    Optional<String> given = value(longName);
    if (given.isEmpty()) {
      return defaultValue;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(given.get());
    } catch (NumberFormatException e) {
      throw new UsageException(longName + " needs a whole number, got '" + given.get() + "'");
    }
    if (parsed < min || parsed > max) {
      throw new UsageException(
          longName + " must be between " + min + " and " + max + ", got " + parsed);
    }
    return parsed;
  }

  /** A Monitoring Plugins range (strict syntax), if given. */
  public Optional<Range> range(String longName) throws UsageException {
    Optional<String> given = value(longName);
    if (given.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Range.parse(given.get()));
    } catch (IllegalArgumentException e) {
      throw new UsageException(longName + ": " + e.getMessage());
    }
  }

  /** One of the given words, case-insensitively; the canonical spelling is returned. */
  public Optional<String> choice(String longName, List<String> words) throws UsageException {
    Optional<String> given = value(longName);
    if (given.isEmpty()) {
      return Optional.empty();
    }
    for (String word : words) {
      if (word.toLowerCase(Locale.ROOT).equals(given.get().toLowerCase(Locale.ROOT))) {
        return Optional.of(word);
      }
    }
    throw new UsageException(longName + ": expected " + String.join(" or ", words) + ", got '"
        + given.get() + "'");
  }

  /** Parses {@code args} against {@code options}; getopt_long rules plus {@code -x=VALUE}. */
  static ParsedArgs parse(List<OptionSpec> options, String[] args) throws UsageException {
    Map<String, OptionSpec> byName = new HashMap<>();
    for (OptionSpec o : options) {
      byName.put(o.longName(), o);
      if (o.shortName() != null) {
        byName.put(o.shortName(), o);
      }
    }
    Map<String, List<String>> values = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        if (i + 1 < args.length) {
          throw new UsageException("unexpected argument '" + args[i + 1] + "' (this check takes"
              + " options only)");
        }
        break;
      }
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        OptionSpec option = known(byName, name);
        String value = null;
        if (option.takesValue()) {
          if (eq >= 0) {
            value = arg.substring(eq + 1);
          } else if (i + 1 < args.length) {
            value = args[++i];
          } else {
            throw new UsageException("missing value for " + option.displayName());
          }
        } else if (eq >= 0) {
          throw new UsageException(option.displayName() + " takes no value, got '" + arg + "'");
        }
        record(option, value, values, counts);
      } else if (arg.startsWith("-") && arg.length() > 1) {
        // A cluster of short options: flags first, the last one may take a value (-vvt5, -t=5).
        for (int at = 1; at < arg.length(); at++) {
          OptionSpec option = known(byName, "-" + arg.charAt(at));
          if (!option.takesValue()) {
            record(option, null, values, counts);
            continue;
          }
          String rest = arg.substring(at + 1);
          String value;
          if (!rest.isEmpty()) {
            value = rest.startsWith("=") ? rest.substring(1) : rest;
          } else if (i + 1 < args.length) {
            value = args[++i];
          } else {
            throw new UsageException("missing value for " + option.displayName());
          }
          record(option, value, values, counts);
          break;
        }
      } else {
        throw new UsageException(
            "unexpected argument '" + arg + "' (this check takes options only)");
      }
    }
    return new ParsedArgs(values, counts);
  }

  private static OptionSpec known(Map<String, OptionSpec> byName, String name)
      throws UsageException {
    OptionSpec option = byName.get(name);
    if (option == null) {
      throw new UsageException("unknown option '" + name + "'");
    }
    return option;
  }

  private static void record(OptionSpec option, String value, Map<String, List<String>> values,
      Map<String, Integer> counts) throws UsageException {
    int seen = counts.getOrDefault(option.longName(), 0) + 1;
    counts.put(option.longName(), seen);
    boolean repeats = option.arity() == OptionSpec.Arity.COUNTED
        || option.arity() == OptionSpec.Arity.REPEATABLE;
    if (seen > 1 && !repeats) {
      throw new UsageException(option.displayName() + " may be given only once");
    }
    if (value != null) {
      List<String> given = values.get(option.longName());
      if (given == null) {
        given = new ArrayList<>();
        values.put(option.longName(), given);
      }
      given.add(value);
    }
  }
}
