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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped Prometheus alerting rules, {@code packaging/prometheus/vigil-rules.yml}, and their
 * unit tests, {@code packaging/prometheus/vigil-rules.test.yml}: {@code promtool check rules} and
 * {@code promtool test rules} must pass, and every rule must have a test case where it fires and
 * one where it does not.
 *
 * <p>Needs {@code promtool} ({@code apt-get install -y prometheus}). Without it the two promtool
 * tests are skipped and say why, on stderr too; the coverage tests need nothing but the files.
 */
class PrometheusRulesIT {
  private static final Path ROOT = Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath();
  private static final Path RULES = ROOT.resolve("packaging/prometheus/vigil-rules.yml");
  private static final Path TESTS = ROOT.resolve("packaging/prometheus/vigil-rules.test.yml");
  private static final Duration PROMTOOL_TIMEOUT = Duration.ofSeconds(60);

  /** {@code - alert: NAME} in the rules file. */
  private static final Pattern ALERT = Pattern.compile("(?m)^\\s*-\\s*alert:\\s*(\\S+)\\s*$");
  /** {@code alertname: NAME} of an alert_rule_test in the test file. */
  private static final Pattern ALERTNAME =
      Pattern.compile("(?m)^\\s*alertname:\\s*['\"]?([A-Za-z_:][A-Za-z0-9_:]*)['\"]?\\s*$");
  /** Each alert_rule_test item starts with {@code - eval_time:} (the test file's convention). */
  private static final Pattern EVAL_ITEM = Pattern.compile("(?m)^\\s*-\\s*eval_time:");
  private static final Pattern EXPECTS_NOTHING = Pattern.compile("(?m)^\\s*exp_alerts:\\s*\\[\\]\\s*$");
  private static final Pattern EXPECTS_ALERTS =
      Pattern.compile("(?m)^\\s*exp_alerts:\\s*\\n\\s*-\\s*exp_labels:");

  private static Path promtool;
  private static String promtoolSkipReason;

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

  @Test
  void promtool_check_rules_accepts_the_rules() throws Exception {
    assumePromtool();
    Processes.Result r = run("promtool-check", promtool.toString(), "check", "rules",
        RULES.toString());
    assertThat(r.exitCode()).as(describe(r, "check", "rules", RULES.toString())).isZero();
    assertThat(r.stdout() + r.stderr()).as(describe(r, "check", "rules", RULES.toString()))
        .contains("SUCCESS: " + ruleNames().size() + " rules found");
  }

  @Test
  void promtool_test_rules_passes() throws Exception {
    assumePromtool();
    Processes.Result r = run("promtool-test", promtool.toString(), "test", "rules",
        TESTS.toString());
    assertThat(r.exitCode()).as(describe(r, "test", "rules", TESTS.toString())).isZero();
    assertThat(r.stdout() + r.stderr()).as(describe(r, "test", "rules", TESTS.toString()))
        .contains("SUCCESS");
  }

  @Test
  void every_rule_is_named_in_the_tests_and_every_tested_name_is_a_rule() throws IOException {
    List<String> rules = ruleNames();
    assertThat(rules).as("alert names in %s", RULES).isNotEmpty().doesNotHaveDuplicates();
    Set<String> tested = new TreeSet<>();
    Matcher m = ALERTNAME.matcher(read(TESTS));
    while (m.find()) {
      tested.add(m.group(1));
    }
    assertThat(rules).as("rules of %s without an `alertname:` test in %s", RULES, TESTS)
        .allMatch(tested::contains);
    // promtool passes a test of a misspelt alertname that expects no alert: it proves nothing.
    assertThat(tested).as("`alertname:` in %s that is no rule of %s", TESTS, RULES)
        .allMatch(rules::contains);
  }

  @Test
  void every_rule_has_a_case_where_it_fires_and_one_where_it_does_not() throws IOException {
    Map<String, int[]> cases = new TreeMap<>();
    for (String rule : ruleNames()) {
      cases.put(rule, new int[2]);
    }
    String text = read(TESTS);
    Matcher item = EVAL_ITEM.matcher(text);
    List<Integer> starts = new ArrayList<>();
    while (item.find()) {
      starts.add(item.start());
    }
    assertThat(starts).as("`- eval_time:` items in %s", TESTS).isNotEmpty();
    for (int i = 0; i < starts.size(); i++) {
      String body = text.substring(starts.get(i),
          i + 1 < starts.size() ? starts.get(i + 1) : text.length());
      Matcher name = ALERTNAME.matcher(body);
      assertThat(name.find()).as("alert_rule_test without alertname:%n%s", body).isTrue();
      boolean nothing = EXPECTS_NOTHING.matcher(body).find();
      boolean alerts = EXPECTS_ALERTS.matcher(body).find();
      assertThat(nothing ^ alerts)
          .as("alert_rule_test must say either `exp_alerts: []` or `exp_alerts:` followed by"
              + " `- exp_labels:` (promtool reads a missing exp_alerts as \"no alert\"):%n%s", body)
          .isTrue();
      int[] counts = cases.get(name.group(1));
      if (counts != null) {
        counts[alerts ? 0 : 1]++;
      }
    }
    cases.forEach((rule, c) -> System.err.printf(
        "PrometheusRulesIT %s: %d firing, %d silent case(s)%n", rule, c[0], c[1]));
    assertThat(cases).as("rules of %s without a case in %s where they fire", RULES, TESTS)
        .allSatisfy((rule, c) -> assertThat(c[0]).as(rule + " fires").isPositive());
    assertThat(cases).as("rules of %s without a case in %s where they stay silent", RULES, TESTS)
        .allSatisfy((rule, c) -> assertThat(c[1]).as(rule + " stays silent").isPositive());
  }

  @Test
  void every_rule_has_a_severity_a_summary_and_a_description() throws IOException {
    String text = read(RULES);
    Matcher m = ALERT.matcher(text);
    List<Integer> starts = new ArrayList<>();
    while (m.find()) {
      starts.add(m.start());
    }
    for (int i = 0; i < starts.size(); i++) {
      String rule = text.substring(starts.get(i),
          i + 1 < starts.size() ? starts.get(i + 1) : text.length());
      String name = rule.lines().findFirst().orElse("").strip();
      assertThat(rule).as(name).containsPattern("(?m)^\\s*severity:\\s*(critical|warning)\\s*$");
      assertThat(rule).as(name).containsPattern("(?m)^\\s*summary:");
      assertThat(rule).as(name).containsPattern("(?m)^\\s*description:");
      // absent() has no instance label to name: it names the job it looked for.
      assertThat(rule).as(name + " names the instance").contains(
          rule.contains("absent(") ? "{{ $labels.job }}" : "{{ $labels.instance }}");
    }
  }

  /** The alert names of the rules file, in order, duplicates kept. */
  private static List<String> ruleNames() throws IOException {
    List<String> names = new ArrayList<>();
    Matcher m = ALERT.matcher(read(RULES));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
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
