package org.vigil.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped Prometheus rules file, {@code packaging/prometheus/NAME.yml}, and its unit tests,
 * {@code packaging/prometheus/NAME.test.yml}: {@code promtool check rules} and {@code promtool test
 * rules} must pass, and every alerting rule must have a test case where it fires and one where it
 * does not. The fleet rules ({@code vigil-fleet-rules.yml}) compare nodes: each of their rules
 * needs both kinds of case with two nodes and with three nodes (test groups named {@code "2
 * nodes: ..."} and {@code "3 nodes: ..."}).
 *
 * <p>Needs {@code promtool} ({@code apt-get install -y prometheus}). Without it the two promtool
 * tests are skipped and say why, on stderr too; the coverage tests need nothing but the files.
 */
class PrometheusRulesIT {
  private static final Path ROOT = Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath();
  private static final Path DIR = ROOT.resolve("packaging/prometheus");
  private static final Duration PROMTOOL_TIMEOUT = Duration.ofSeconds(60);

  /** {@code - alert: NAME} in a rules file. */
  private static final Pattern ALERT = Pattern.compile("(?m)^\\s*-\\s*alert:\\s*(\\S+)\\s*$");
  /** {@code - record: NAME} in a rules file. */
  private static final Pattern RECORD = Pattern.compile("(?m)^\\s*-\\s*record:\\s*(\\S+)\\s*$");
  /** {@code alertname: NAME} of an alert_rule_test in a test file. */
  private static final Pattern ALERTNAME =
      Pattern.compile("(?m)^\\s*alertname:\\s*['\"]?([A-Za-z_:][A-Za-z0-9_:]*)['\"]?\\s*$");
  /** Each alert_rule_test item starts with {@code - eval_time:} (the test files' convention). */
  private static final Pattern EVAL_ITEM = Pattern.compile("(?m)^\\s*-\\s*eval_time:");
  /** Each test group starts with {@code   - name:} at the first level under {@code tests:}. */
  private static final Pattern GROUP = Pattern.compile("(?m)^  - name:\\s*['\"]?(.*?)['\"]?\\s*$");
  private static final Pattern NODES = Pattern.compile("^([0-9]+) nodes:");
  private static final Pattern EXPECTS_NOTHING = Pattern.compile("(?m)^\\s*exp_alerts:\\s*\\[\\]\\s*$");
  private static final Pattern EXPECTS_ALERTS =
      Pattern.compile("(?m)^\\s*exp_alerts:\\s*\\n\\s*-\\s*exp_labels:");

  private static Path promtool;
  private static String promtoolSkipReason;

  /** One rules file and its test file. */
  record RulesFile(Path rules, Path tests) {
    boolean fleet() {
      return rules.getFileName().toString().contains("fleet");
    }

    @Override
    public String toString() {
      return rules.getFileName().toString();
    }
  }

  static List<RulesFile> rulesFiles() throws IOException {
    List<RulesFile> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(DIR)) {
      for (Path p : list.sorted().toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".yml") && !name.endsWith(".test.yml")) {
          files.add(new RulesFile(p, DIR.resolve(name.replaceFirst("\\.yml$", ".test.yml"))));
        }
      }
    }
    return files;
  }

  @Test
  void the_shipped_rules_files_are_the_per_node_and_the_fleet_rules_each_with_tests()
      throws IOException {
    assertThat(rulesFiles()).extracting(RulesFile::toString)
        .containsExactly("vigil-fleet-rules.yml", "vigil-rules.yml");
    assertThat(rulesFiles()).allSatisfy(f -> assertThat(f.tests()).as("tests of " + f).exists());
  }

  @BeforeAll
  static void find_promtool() throws Exception {
    promtool = Processes.findTool("promtool");
    if (promtool == null) {
      promtoolSkipReason = "promtool not installed (apt-get install -y prometheus)";
      System.err.println("PrometheusRulesIT SKIPPED promtool tests: " + promtoolSkipReason);
      return;
    }
    Processes.Result v = run("promtool-version", promtool.toString(), "--version");
    System.err.println("PrometheusRulesIT: " + promtool + " is "
        + (v.stdout() + v.stderr()).lines().findFirst().orElse("(no version line)").strip());
  }

  private static void assumePromtool() {
    Assumptions.assumeTrue(promtoolSkipReason == null,
        () -> "PrometheusRulesIT skipped: " + promtoolSkipReason);
  }

  @ParameterizedTest
  @MethodSource("rulesFiles")
  void promtool_check_rules_accepts_the_rules(RulesFile f) throws Exception {
    assumePromtool();
    Processes.Result r = run("promtool-check", promtool.toString(), "check", "rules",
        f.rules().toString());
    assertThat(r.exitCode()).as(describe(r, "check", "rules", f.rules().toString())).isZero();
    int rules = names(ALERT, f.rules()).size() + names(RECORD, f.rules()).size();
    assertThat(r.stdout() + r.stderr()).as(describe(r, "check", "rules", f.rules().toString()))
        .contains("SUCCESS: " + rules + " rules found");
  }

  @ParameterizedTest
  @MethodSource("rulesFiles")
  void promtool_test_rules_passes(RulesFile f) throws Exception {
    assumePromtool();
    Processes.Result r = run("promtool-test", promtool.toString(), "test", "rules",
        f.tests().toString());
    assertThat(r.exitCode()).as(describe(r, "test", "rules", f.tests().toString())).isZero();
    assertThat(r.stdout() + r.stderr()).as(describe(r, "test", "rules", f.tests().toString()))
        .contains("SUCCESS");
  }

  @ParameterizedTest
  @MethodSource("rulesFiles")
  void every_rule_is_named_in_the_tests_and_every_tested_name_is_a_rule(RulesFile f)
      throws IOException {
    List<String> rules = names(ALERT, f.rules());
    assertThat(rules).as("alert names in %s", f.rules()).isNotEmpty().doesNotHaveDuplicates();
    Set<String> tested = new TreeSet<>(names(ALERTNAME, f.tests()));
    assertThat(rules).as("rules of %s without an `alertname:` test in %s", f.rules(), f.tests())
        .allMatch(tested::contains);
    // promtool passes a test of a misspelt alertname that expects no alert: it proves nothing.
    assertThat(tested).as("`alertname:` in %s that is no rule of %s", f.tests(), f.rules())
        .allMatch(rules::contains);
  }

  @ParameterizedTest
  @MethodSource("rulesFiles")
  void every_rule_has_a_case_where_it_fires_and_one_where_it_does_not(RulesFile f)
      throws IOException {
    // Per rule and node count (0: not a fleet test): [firing, silent].
    Map<String, Map<Integer, int[]>> cases = new TreeMap<>();
    for (String rule : names(ALERT, f.rules())) {
      cases.put(rule, new TreeMap<>());
    }
    String text = read(f.tests());
    List<int[]> groups = starts(GROUP, text);
    List<int[]> items = starts(EVAL_ITEM, text);
    assertThat(items).as("`- eval_time:` items in %s", f.tests()).isNotEmpty();
    for (int i = 0; i < items.size(); i++) {
      int start = items.get(i)[0];
      String body = text.substring(start, i + 1 < items.size() ? items.get(i + 1)[0]
          : text.length());
      // An item ends where the next test group starts, if that comes first.
      for (int[] g : groups) {
        if (g[0] > start && g[0] < start + body.length()) {
          body = text.substring(start, g[0]);
        }
      }
      Matcher name = ALERTNAME.matcher(body);
      assertThat(name.find()).as("alert_rule_test without alertname:%n%s", body).isTrue();
      boolean nothing = EXPECTS_NOTHING.matcher(body).find();
      boolean alerts = EXPECTS_ALERTS.matcher(body).find();
      assertThat(nothing ^ alerts)
          .as("alert_rule_test must say either `exp_alerts: []` or `exp_alerts:` followed by"
              + " `- exp_labels:` (promtool reads a missing exp_alerts as \"no alert\"):%n%s", body)
          .isTrue();
      int nodes = 0;
      if (f.fleet()) {
        String group = groupOf(text, groups, start);
        Matcher n = NODES.matcher(group);
        assertThat(n.find()).as("fleet test group %s must be named \"N nodes: ...\"", group)
            .isTrue();
        nodes = Integer.parseInt(n.group(1));
      }
      Map<Integer, int[]> byNodes = cases.get(name.group(1));
      if (byNodes != null) {
        byNodes.computeIfAbsent(nodes, k -> new int[2])[alerts ? 0 : 1]++;
      }
    }
    List<Integer> required = f.fleet() ? List.of(2, 3) : List.of(0);
    cases.forEach((rule, byNodes) -> byNodes.forEach((nodes, c) -> System.err.printf(
        "PrometheusRulesIT %s %s%s: %d firing, %d silent case(s)%n", f, rule,
        nodes == 0 ? "" : " with " + nodes + " nodes", c[0], c[1])));
    for (int nodes : required) {
      String with = nodes == 0 ? "" : " with " + nodes + " nodes";
      assertThat(cases).as("rules of %s without a case%s in %s where they fire", f.rules(), with,
          f.tests()).allSatisfy((rule, c) -> assertThat(c.getOrDefault(nodes, new int[2])[0])
              .as(rule + " fires" + with).isPositive());
      assertThat(cases).as("rules of %s without a case%s in %s where they stay silent",
          f.rules(), with, f.tests()).allSatisfy((rule, c) -> assertThat(
              c.getOrDefault(nodes, new int[2])[1]).as(rule + " stays silent" + with)
              .isPositive());
    }
  }

  @ParameterizedTest
  @MethodSource("rulesFiles")
  void every_rule_has_a_severity_a_summary_and_a_description(RulesFile f) throws IOException {
    String text = read(f.rules());
    List<int[]> starts = starts(ALERT, text);
    for (int i = 0; i < starts.size(); i++) {
      String rule = text.substring(starts.get(i)[0],
          i + 1 < starts.size() ? starts.get(i + 1)[0] : text.length());
      String name = rule.lines().findFirst().orElse("").strip();
      assertThat(rule).as(name).containsPattern("(?m)^\\s*severity:\\s*(critical|warning)\\s*$");
      assertThat(rule).as(name).containsPattern("(?m)^\\s*summary:");
      assertThat(rule).as(name).containsPattern("(?m)^\\s*description:");
      if (rule.contains("absent(")) {
        // absent() has no instance label to name: it names the job it looked for.
        assertThat(rule).as(name + " names the job").contains("{{ $labels.job }}");
      } else if (f.fleet() && !rule.contains("{{ $labels.instance }}")) {
        // A fleet rule about a whole cluster (no node in its labels) names the cluster.
        assertThat(rule).as(name + " names the instance or the cluster")
            .contains("{{ $labels.cluster }}").doesNotContainPattern("by \\([^)]*instance");
      } else {
        assertThat(rule).as(name + " names the instance").contains("{{ $labels.instance }}");
      }
    }
  }

  /** The names a pattern's first group finds in a file, in order, duplicates kept. */
  private static List<String> names(Pattern pattern, Path file) throws IOException {
    List<String> names = new ArrayList<>();
    Matcher m = pattern.matcher(read(file));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static List<int[]> starts(Pattern pattern, String text) {
    List<int[]> starts = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      starts.add(new int[] {m.start()});
    }
    return starts;
  }

  /** The name of the test group an offset lies in. */
  private static String groupOf(String text, List<int[]> groups, int offset) {
    String name = "(before any test group)";
    for (int[] g : groups) {
      if (g[0] < offset) {
        Matcher m = GROUP.matcher(text);
        if (m.find(g[0])) {
          name = m.group(1);
        }
      }
    }
    return name;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static String describe(Processes.Result r, String... args) {
    return promtool + " " + String.join(" ", args) + " exited " + r.exitCode() + "\nstdout:\n"
        + r.stdout() + "\nstderr:\n" + r.stderr();
  }

  private static Processes.Result run(String label, String... argv)
      throws IOException, InterruptedException {
    return Processes.run(Path.of(System.getProperty("java.io.tmpdir")), label, PROMTOOL_TIMEOUT,
        Map.of("LC_ALL", "C"), argv);
  }

}
