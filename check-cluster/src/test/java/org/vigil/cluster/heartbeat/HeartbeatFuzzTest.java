package org.vigil.cluster.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vigil.core.BoundedInput;
import org.vigil.core.ParseException;
import org.vigil.core.Vocabulary;
import org.vigil.fixtures.FixtureCase;
import org.vigil.fixtures.Fixtures;

/**
 * Seeded damage to every heartbeat fixture: byte flips, truncation at every line boundary and mid
 * line, every vocabulary word made unknown, every number made {@code 12x}. Parser plus policy may
 * answer with subchecks or a {@link ParseException}, nothing else.
 */
class HeartbeatFuzzTest {
  static final Pattern NUMBER = Pattern.compile("(?<![\\w-])([0-9]+)(?![\\w-])");

  static Set<String> stateWords() {
    Set<String> words = new TreeSet<>();
    for (Vocabulary<?> v : List.of(HbDaemonStatus.VOCABULARY, HbNodeStatus.VOCABULARY,
        ResourceStatus.VOCABULARY)) {
      words.addAll(v.tokens());
    }
    return words;
  }

  static List<Path> fixtures() {
    return Fixtures.manifest("heartbeat").stream().map(FixtureCase::path).distinct().toList();
  }

  /** True when accepted, false when refused; any other exception fails the test. */
  static boolean accepted(Path fixture, String text, String what) {
    try {
      evaluate(fixture.getFileName().toString(), text, "fuzz");
      return true;
    } catch (ParseException e) {
      assertThat(e.source()).isEqualTo("fuzz");
      assertThat(e.line()).as(what).isBetween(0, (int) text.lines().count() + 1);
      return false;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + " of " + fixture.getFileName() + " threw " + e, e);
    }
  }

  static String text(Path p) throws Exception {
    try {
      return BoundedInput.decode(Files.readAllBytes(p), "fixture");
    } catch (ParseException e) {
      return null;
    }
  }

  @Test
  void byte_flips() throws Exception {
    for (Path p : fixtures()) {
      byte[] original = Files.readAllBytes(p);
      if (original.length == 0) {
        continue;
      }
      Random random = new Random(p.getFileName().toString().hashCode());
      for (int round = 0; round < 300; round++) {
        byte[] bytes = original.clone();
        for (int f = 1 + random.nextInt(3); f > 0; f--) {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        String text;
        try {
          text = BoundedInput.decode(bytes, "fuzz");
        } catch (ParseException e) {
          continue;
        }
        accepted(p, text, "byte flip round " + round);
      }
    }
  }

  @Test
  void truncation_at_every_line_boundary_and_mid_line() throws Exception {
    for (Path p : fixtures()) {
      String text = text(p);
      if (text == null) {
        continue;
      }
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) != '\n') {
          continue;
        }
        accepted(p, text.substring(0, i + 1), "cut after line ending at " + i);
        int lineStart = text.lastIndexOf('\n', i - 1) + 1;
        int mid = lineStart + (i - lineStart) / 2;
        if (mid > 0 && mid < i) {
          assertThat(accepted(p, text.substring(0, mid), "mid-line cut at " + mid))
              .as("mid-line cut at %d of %s", mid, p.getFileName()).isFalse();
        }
      }
    }
  }

  @Test
  void every_state_word_made_unknown_is_refused() throws Exception {
    for (Path p : fixtures()) {
      String text = text(p);
      if (text == null || !accepted(p, text, "original")) {
        continue;
      }
      for (String word : stateWords()) {
        Matcher m = Pattern.compile("(?<![\\w-])" + Pattern.quote(word) + "(?![\\w-])")
            .matcher(text);
        while (m.find()) {
          String damaged = text.substring(0, m.start()) + word + "ish" + text.substring(m.end());
          String what = "'" + word + "' at " + m.start() + " of " + p.getFileName();
          try {
            evaluate(p.getFileName().toString(), damaged, "fuzz");
            fail(what + ": " + word + "ish accepted");
          } catch (ParseException e) {
            assertThat(e.token()).as(what).contains(word + "ish");
          }
        }
      }
    }
  }

  @Test
  void every_number_made_12x_is_refused() throws Exception {
    for (Path p : fixtures()) {
      String text = text(p);
      if (text == null || !accepted(p, text, "original")) {
        continue;
      }
      Matcher m = NUMBER.matcher(text);
      while (m.find()) {
        String damaged = text.substring(0, m.start(1)) + "12x" + text.substring(m.end(1));
        String what = "number at " + m.start(1) + " of " + p.getFileName();
        try {
          evaluate(p.getFileName().toString(), damaged, "fuzz");
          fail(what + ": 12x accepted");
        } catch (ParseException e) {
          assertThat(e.getMessage()).as(what).contains("12x");
        }
      }
    }
  }

  @Test
  void random_line_soup_only_parse_errors() {
    String[] pieces = {"# cl_status hbstatus\n", "Heartbeat is running on this machine.\n",
        "# cl_status listnodes\n", "node1\n", "node2\n", "# cl_status nodestatus node1\n",
        "# cl_status nodestatus node2\n", "active\n", "dead\n", "# cl_status rscstatus\n",
        "none\n", "# uname -n\n", "Heartbeat is stopped on this machine.\n", "\n"};
    Random random = new Random(42);
    for (int round = 0; round < 3000; round++) {
      StringBuilder sb = new StringBuilder();
      for (int n = random.nextInt(14); n >= 0; n--) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      accepted(Path.of("x.cl_status"), sb.toString(), "soup " + round);
    }
  }

  private static Object evaluate(String file, String text, String source)
      throws ParseException {
    return org.vigil.cluster.policy.HeartbeatPolicy.evaluate(
        ClStatusParser.parseReport(text, source));
  }
}
