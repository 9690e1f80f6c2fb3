package org.vigil.drbd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.core.BoundedInput;
import org.vigil.core.ParseException;
import org.vigil.drbd.model.ConnectionState;
import org.vigil.drbd.model.DiskState;
import org.vigil.drbd.model.DrbdStatus;
import org.vigil.drbd.model.ProcConnectionState;
import org.vigil.drbd.model.ReplicationState;
import org.vigil.drbd.model.Role;
import org.vigil.drbd.parse.ProcDrbdParser;
import org.vigil.drbd.parse.StatusJsonParser;
import org.vigil.drbd.policy.DrbdPolicy;
import org.vigil.drbd.policy.DrbdPolicyOptions;
import org.vigil.fixtures.FixtureCase;
import org.vigil.fixtures.Fixtures;

/**
 * Damages every DRBD fixture the ways real input gets damaged and requires that the parsers answer
 * with a model or a ParseException, never anything else, and that the plugin always prints one
 * status line and exits 0-3.
 */
class AdversarialInputTest {
  private static final Set<String> STATE_WORDS = new LinkedHashSet<>();

  static {
    for (ConnectionState s : ConnectionState.values()) {
      STATE_WORDS.add(s.token());
    }
    for (ProcConnectionState s : ProcConnectionState.values()) {
      STATE_WORDS.add(s.token());
    }
    for (ReplicationState s : ReplicationState.values()) {
      STATE_WORDS.add(s.token());
    }
    for (DiskState s : DiskState.values()) {
      STATE_WORDS.add(s.token());
    }
    for (Role s : Role.values()) {
      STATE_WORDS.add(s.token());
    }
  }

  // A /proc/drbd counter ("ns:123") or a JSON number member ("read": 123).
  private static final Pattern COUNTER =
      Pattern.compile("(?<=\\s)(?:[a-z]{2,3}:)(\\d+)(?=\\s|$)|(?<=\": )(\\d+)(?=,|\\s)",
          Pattern.MULTILINE);

  static Stream<Path> fixtures() {
    return Fixtures.manifest("drbd").stream().map(FixtureCase::path).distinct();
  }

  /** What a parser did with one input: parsed (and evaluated) or refused. Anything else fails. */
  private static DrbdStatus parseOrNull(Path fixture, String text, String what) {
    try {
      DrbdStatus status = fixture.toString().endsWith(".json")
          ? new StatusJsonParser().parse(text, "fuzz")
          : new ProcDrbdParser().parse(text, "fuzz");
      DrbdPolicy.evaluate(status, DrbdPolicyOptions.defaults());
      return status;
    } catch (ParseException e) {
      assertThat(e.getMessage()).startsWith("fuzz");
      return null;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + " of " + fixture.getFileName() + " threw " + e, e);
    }
  }

  private static void assertPluginContract(Path fixture, byte[] bytes, String what)
      throws IOException {
    Path file = Files.createTempFile("vigil-adversarial", fixture.getFileName().toString());
    try {
      Files.write(file, bytes);
      String option = fixture.toString().endsWith(".json") ? "--status-json" : "--proc-drbd";
      PluginHarness.Run run = PluginHarness.run(
          option, file.toString(), "--drbdsetup", "/nonexistent/drbdsetup");
      assertThat(run.exitCode()).as(what).isBetween(0, 3);
      assertThat(run.firstLine()).as(what).matches(PluginHarness.STATUS_LINE);
      assertThat(run.stdout()).as(what).doesNotContain("Exception", "\tat ");
      for (String line : run.lines().subList(1, run.lines().size())) {
        assertThat(line).as(what + ": long output is one line per object").startsWith("[");
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void truncation_at_every_line_boundary_and_mid_line(Path fixture) throws IOException {
    String text = textOf(fixture);
    if (text == null) {
      return; // not text at all (the binary-junk fixture): byte flips cover it
    }
    List<Integer> cuts = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        cuts.add(i + 1);
        int lineStart = text.lastIndexOf('\n', i - 1) + 1;
        cuts.add(lineStart + (i - lineStart) / 2);
      }
    }
    for (int cut : cuts) {
      if (cut >= text.length()) {
        continue;
      }
      String truncated = text.substring(0, cut);
      parseOrNull(fixture, truncated, "truncation at " + cut);
      if (cut > 0 && truncated.charAt(cut - 1) != '\n') {
        // Cut mid-line: nothing a tool prints ends without a newline, so it must be refused.
        assertThat(parseOrNull(fixture, truncated, "mid-line truncation at " + cut))
            .as("mid-line truncation at %d of %s", cut, fixture.getFileName()).isNull();
      }
    }
    for (int cut : cuts.subList(0, Math.min(cuts.size(), 6))) {
      assertPluginContract(fixture, text.substring(0, cut).getBytes(StandardCharsets.UTF_8),
          "truncation at " + cut);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void seeded_byte_flips(Path fixture) throws IOException {
    byte[] original = Files.readAllBytes(fixture);
    if (original.length == 0) {
      return;
    }
    Random random = new Random(fixture.getFileName().toString().hashCode());
    for (int round = 0; round < 200; round++) {
      byte[] bytes = original.clone();
      int flips = 1 + random.nextInt(3);
      for (int f = 0; f < flips; f++) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      String what = "byte flip round " + round;
      try {
        parseOrNull(fixture, BoundedInput.decode(bytes, "fuzz"), what);
      } catch (ParseException e) {
        assertThat(e.getMessage()).startsWith("fuzz");
      }
      if (round < 5) {
        assertPluginContract(fixture, bytes, what);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void every_state_word_replaced_by_an_unknown_word_is_refused(Path fixture) throws IOException {
    String text = textOf(fixture);
    if (text == null) {
      return; // not text at all (the binary-junk fixture): byte flips cover it
    }
    if (parseOrNull(fixture, text, "original") == null) {
      return;
    }
    int replaced = 0;
    for (String word : STATE_WORDS) {
      Matcher m = Pattern.compile("(?<![\\w-])" + Pattern.quote(word) + "(?![\\w-])").matcher(text);
      while (m.find()) {
        String damaged = text.substring(0, m.start()) + word + "ish" + text.substring(m.end());
        String what = "'" + word + "' at offset " + m.start() + " of " + fixture.getFileName();
        assertThatThrownBy(() -> parse(fixture, damaged)).as(what)
            .isInstanceOfSatisfying(ParseException.class,
                e -> assertThat(e.token()).as(what).contains(word + "ish"));
        replaced++;
      }
    }
    if (replaced > 0) {
      String first = STATE_WORDS.stream().filter(text::contains).findFirst().orElseThrow();
      assertPluginContract(fixture, text.replaceFirst(Pattern.quote(first), first + "ish")
          .getBytes(StandardCharsets.UTF_8), "unknown word");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void every_counter_replaced_by_12x_is_refused(Path fixture) throws IOException {
    String text = textOf(fixture);
    if (text == null) {
      return; // not text at all (the binary-junk fixture): byte flips cover it
    }
    if (parseOrNull(fixture, text, "original") == null) {
      return;
    }
    Matcher m = COUNTER.matcher(text);
    int replaced = 0;
    while (m.find()) {
      int group = m.group(1) != null ? 1 : 2;
      String damaged = text.substring(0, m.start(group)) + "12x" + text.substring(m.end(group));
      String what = "number at offset " + m.start(group) + " of " + fixture.getFileName();
      try {
        parse(fixture, damaged);
        fail(what + ": '12x' was accepted");
      } catch (ParseException e) {
        assertThat(e.getMessage()).as(what).contains("12x");
      }
      if (replaced++ == 0) {
        assertPluginContract(fixture, damaged.getBytes(StandardCharsets.UTF_8), what);
      }
    }
  }

  private static String textOf(Path fixture) throws IOException {
    try {
      return BoundedInput.decode(Files.readAllBytes(fixture), "fixture");
    } catch (ParseException e) {
      return null;
    }
  }

  private static DrbdStatus parse(Path fixture, String text) throws ParseException {
    return fixture.toString().endsWith(".json")
        ? new StatusJsonParser().parse(text, "fuzz")
        : new ProcDrbdParser().parse(text, "fuzz");
  }
}
