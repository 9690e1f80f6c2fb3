package org.vigil.core.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What a check's command line offers, for parsing and for --help.
 *
 * @param name the command, e.g. {@code check_drbd}
 * @param tagline what the check is, for the first line of --help
 * @param description paragraphs for --help; an empty string is a blank line
 * @param options the check's own options; the standard plugin options are added after them
 * @param examples lines shown under "Examples:"
 */
public record CommandSpec(String name, String tagline, List<String> description,
    List<OptionSpec> options, List<String> examples) {

  public static final OptionSpec TIMEOUT = OptionSpec.value("-t", "--timeout", "SECONDS",
      "UNKNOWN if no verdict within SECONDS (1-3600). Default: 10.");
  public static final OptionSpec VERBOSE = OptionSpec.counted("-v", "--verbose",
      "More detail: -v adds counters per object, -vvv stack traces on errors.");
  public static final OptionSpec HELP = OptionSpec.flag("-h", "--help",
      "Show this help message and exit.");
  public static final OptionSpec VERSION = OptionSpec.flag("-V", "--version",
      "Print version information and exit.");

  public CommandSpec {
    description = List.copyOf(description);
    examples = List.copyOf(examples);
    List<OptionSpec> all = new ArrayList<>(options);
    all.add(TIMEOUT);
    all.add(VERBOSE);
    all.add(HELP);
    all.add(VERSION);
    options = List.copyOf(all);
  }
}
