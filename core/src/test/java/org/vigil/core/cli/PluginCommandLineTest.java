package org.vigil.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The checks' command line: getopt-style parsing, strict values, the plugin contract, --help. */
class PluginCommandLineTest {
  private static final CommandSpec SPEC = new CommandSpec("check_demo", "a demo check",
      List.of("First paragraph of the description, long enough that it has to wrap around at"
          + " the eightieth column of the terminal.", "", "CRITICAL: when it is."),
      List.of(
          OptionSpec.value("--file", "FILE", "Read FILE. Default: /proc/demo."),
          OptionSpec.repeatable("-r", "--resource", "NAME", "Only NAME (repeatable)."),
          OptionSpec.flag("--strict", "Be stricter."),
          OptionSpec.value("-w", "--warning", "RANGE", "WARNING outside RANGE."),
          OptionSpec.value("--a-very-long-option-name", "PATH",
              "Its description starts on the next line.")),
      List.of("  check_demo --file x   an example"));

  private record Run(int exitCode, String stdout, ParsedArgs args,
      PluginCommandLine.PluginRun plugin) {
    String firstLine() {
      return stdout.lines().findFirst().orElse("");
    }
  }

  private static Run run(Duration spent, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    AtomicReference<ParsedArgs> parsed = new AtomicReference<>();
    AtomicReference<PluginCommandLine.PluginRun> plugin = new AtomicReference<>();
    int code = PluginCommandLine.execute("DEMO", SPEC, args, out, spent, (a, p) -> {
      a.range("--warning");
      parsed.set(a);
      plugin.set(p);
      return 0;
    });
    return new Run(code, bytes.toString(StandardCharsets.UTF_8), parsed.get(), plugin.get());
  }

  private static Run run(String... args) {
    return run(Duration.ZERO, args);
  }

  static Stream<Arguments> spellings() {
    return Stream.of(
        Arguments.of(List.of("--file", "x"), "x"),
        Arguments.of(List.of("--file=x"), "x"),
        Arguments.of(List.of("--file="), ""),
        Arguments.of(List.of("--file", "-"), "-"),
        Arguments.of(List.of("--file", "--strict"), "--strict"));
  }

  @ParameterizedTest
  @MethodSource("spellings")
  void long_options_take_their_value_joined_or_separate(List<String> args, String expected) {
    Run run = run(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.stdout()).isZero();
    assertThat(run.args().value("--file")).contains(expected);
    assertThat(run.args().flag("--strict")).isFalse();
  }

  @Test
  void short_options_cluster_and_take_attached_values() {
    Run run = run("-vvv", "-rA", "-r=B", "-r", "C", "-t5", "-vw10:");
    assertThat(run.exitCode()).as(run.stdout()).isZero();
    assertThat(run.plugin().verbosity()).isEqualTo(4);
    assertThat(run.plugin().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(run.args().values("--resource")).containsExactly("A", "B", "C");
    assertThat(run.args().value("--warning")).contains("10:");
  }

  @Test
  void defaults_when_absent() {
    Run run = run();
    assertThat(run.exitCode()).isZero();
    assertThat(run.plugin().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(run.plugin().verbosity()).isZero();
    assertThat(run.args().value("--file")).isEmpty();
    assertThat(run.args().value("--file", "/proc/demo")).isEqualTo("/proc/demo");
    assertThat(run.args().values("--resource")).isEmpty();
  }

  @Test
  void time_the_launcher_spent_comes_off_the_timeout() {
    assertThat(run(Duration.ofMillis(300), "-t", "2").plugin().timeout())
        .isEqualTo(Duration.ofMillis(1700));
    assertThat(run(Duration.ofSeconds(5), "-t", "2").plugin().timeout())
        .isEqualTo(Duration.ofMillis(1));
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        Arguments.of(new String[] {"--bogus"}, "unknown option '--bogus'"),
        Arguments.of(new String[] {"-x"}, "unknown option '-x'"),
        Arguments.of(new String[] {"-vx"}, "unknown option '-x'"),
        Arguments.of(new String[] {"--file"}, "missing value for '--file'"),
        Arguments.of(new String[] {"-w"}, "missing value for '-w' (--warning)"),
        Arguments.of(new String[] {"--file", "a", "--file", "b"},
            "'--file' may be given only once"),
        Arguments.of(new String[] {"--strict=yes"}, "'--strict' takes no value"),
        Arguments.of(new String[] {"--strict", "--strict"}, "'--strict' may be given only once"),
        Arguments.of(new String[] {"positional"}, "unexpected argument 'positional'"),
        Arguments.of(new String[] {"--", "after"}, "unexpected argument 'after'"),
        Arguments.of(new String[] {"-t", "abc"}, "--timeout needs a whole number, got 'abc'"),
        Arguments.of(new String[] {"-t", "0"}, "--timeout must be between 1 and 3600, got 0"),
        Arguments.of(new String[] {"-t=99999999999"}, "--timeout needs a whole number"),
        Arguments.of(new String[] {"-w", "12x"}, "--warning: "));
  }

  @ParameterizedTest
  @MethodSource("usageErrors")
  void usage_errors_are_one_unknown_line_then_the_synopsis(String[] args, String message) {
    Run run = run(args);
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.firstLine()).startsWith("DEMO UNKNOWN - invalid arguments: " + message);
    assertThat(run.stdout().lines().skip(1)).first().asString().startsWith("Usage: check_demo ");
    assertThat(run.stdout()).endsWith("Try 'check_demo --help' for more information.\n")
        .doesNotContain("Exception");
    assertThat(run.args()).isNull();
  }

  @Test
  void a_crash_inside_the_check_is_unknown_never_a_stack_trace() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = PluginCommandLine.execute("DEMO", SPEC, new String[0],
        new PrintStream(bytes, true, StandardCharsets.UTF_8), Duration.ZERO, (a, p) -> {
          throw new IllegalStateException("boom");
        });
    assertThat(code).isEqualTo(3);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("DEMO UNKNOWN - internal error: IllegalStateException: boom"
            + " (run with -vvv for details)\n");
  }

  @Test
  void version_is_one_line_and_unknown() {
    Run run = run("-V");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.stdout()).matches("check_demo \\(Vigil\\) \\S+\n");
  }

  @Test
  void help_has_the_plugin_layout_and_fits_80_columns() {
    Run run = run("--help");
    assertThat(run.exitCode()).isEqualTo(3);
    String help = run.stdout();
    assertThat(help).startsWith("check_demo (Vigil ").contains(") - a demo check\n");
    assertThat(help).contains(
        "Usage: check_demo [-hVv] [--strict] [--a-very-long-option-name=PATH]\n"
            + "                  [--file=FILE] [-t=SECONDS] [-w=RANGE] [-r=NAME]...\n\n"
            + "First paragraph of the description, long enough that it has to wrap around at\n"
            + "the eightieth column of the terminal.\n\nCRITICAL: when it is.\n\nOptions:\n"
            + "      --file=FILE        Read FILE. Default: /proc/demo.\n"
            + "  -r, --resource=NAME    Only NAME (repeatable).\n",
        "      --a-very-long-option-name=PATH\n"
            + "                         Its description starts on the next line.\n",
        "  -t, --timeout=SECONDS  UNKNOWN if no verdict within SECONDS (1-3600). Default:\n"
            + "                           10.\n",
        "  -h, --help             Show this help message and exit.\n",
        "\nExit codes:\n  0   OK\n", "  3   UNKNOWN (also --help",
        "\nExamples:\n  check_demo --file x   an example\n");
    assertThat(help.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
  }

  @Test
  void choices_are_case_insensitive_and_strict() throws UsageException {
    ParsedArgs args = ParsedArgs.parse(SPEC.options(), new String[] {"--file", "primary"});
    assertThat(args.choice("--file", List.of("Primary", "Secondary"))).contains("Primary");
    ParsedArgs bad = ParsedArgs.parse(SPEC.options(), new String[] {"--file", "Leader"});
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> bad.choice("--file", List.of("Primary", "Secondary")))
        .isInstanceOf(UsageException.class)
        .hasMessage("--file: expected Primary or Secondary, got 'Leader'");
  }
}
