package org.vigil.drbd.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vigil.core.ParseException;
import org.vigil.drbd.model.DrbdStatus;
import org.vigil.fixtures.Fixtures;

/**
 * The hand-written {@link ProcDrbdParser} against the regex parser it replaced ({@link
 * RegexProcDrbdParser}): every fixture, thousands of mutations of them and generated rare lines
 * give the same model, or a ParseException with the same line, token and reason. Where the old
 * parser let a RuntimeException escape, the new one must refuse the input with a ParseException.
 */
class ProcDrbdParserAgreementTest {
  private static final int MUTATION_ROUNDS = 15_000;
  private static final int RARE_LINE_ROUNDS = 10_000;
  private static final int HEADER_ROUNDS = 20_000;
  /** Characters where the old regexes drew their lines: \s, '.', Character.isWhitespace. */
  private static final String ODD_CHARACTERS =
      " \t\r\u000b\f\u0085\u2028\u2029\u2000\u00a0\u001c";
  private static final String ALPHABET =
      ODD_CHARACTERS + ":/-,.%()[]=>_ KMsxa0123456789";
  private static final List<String> NUMBERS = List.of("0", "00", "-0", "-1", "7", "100", "1234",
      "1,234", "12,34", "1,2345", "-1,000", "2147483647", "2147483648", "9007199254740993",
      "9223372036854775807", "9223372036854775808", "99999999999999999999", "1.5", "");
  private static final String HEADER_84 = "version: 8.4.11-1 (api:1/proto:86-101)\n"
      + "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by x@y, 2018-04-26 12:10:42\n";
  private static final String SYNC_SOURCE_DEVICE =
      " 0: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r-----\n"
          + "    ns:1 nr:0 dw:2 dr:3 al:4 bm:5 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:1048576\n";
  private static final String VERIFY_DEVICE =
      " 1: cs:VerifyT ro:Secondary/Primary ds:UpToDate/UpToDate C r-----\n"
          + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:d oos:0\n";

  private final Random random = new Random(20261126L);

  /** What a parse came to: a model, or the parts of a ParseException, or another exception. */
  private record Outcome(DrbdStatus model, String refusal, String crash) {
    static Outcome of(Parse parse) {
      try {
        return new Outcome(parse.run(), null, null);
      } catch (ParseException e) {
        return new Outcome(null, e.source() + " line " + e.line() + " token [" + e.token()
            + "] reason [" + e.reason() + "]", null);
      } catch (RuntimeException e) {
        return new Outcome(null, null, e.toString());
      }
    }
  }

  private interface Parse {
    DrbdStatus run() throws ParseException;
  }

  /** True when the input parsed into a model. */
  private static boolean assertAgree(String text) {
    Outcome expected = Outcome.of(() -> new RegexProcDrbdParser().parse(text, "proc"));
    Outcome actual = Outcome.of(() -> new ProcDrbdParser().parse(text, "proc"));
    if (expected.crash() != null) {
      assertThat(actual.refusal()).as("old parser crashed (%s) on:%n%s", expected.crash(), text)
          .isNotNull();
      return false;
    }
    assertThat(actual).as("input:%n%s", text).isEqualTo(expected);
    return actual.model() != null;
  }

  static List<String> fixtures() {
    List<Path> files = new ArrayList<>();
    Path root = Fixtures.root();
    try (Stream<Path> drbd = Files.list(root.resolve("drbd"));
        Stream<Path> trees = Files.list(root.resolve("trees"));
        Stream<Path> seeds = Files.list(
            Path.of("src/test/resources/org/vigil/drbd/parse/ParsersJazzerFuzzTestInputs/procDrbd"))) {
      drbd.filter(p -> p.toString().endsWith(".proc-drbd")).forEach(files::add);
      trees.map(t -> t.resolve("proc/drbd")).filter(Files::isRegularFile).forEach(files::add);
      seeds.forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> texts = new ArrayList<>();
    for (Path file : files.stream().sorted().toList()) {
      try {
        texts.add(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        // binary-junk and the like: decoded leniently, the parsers see what a lenient reader gives
        texts.add(new String(bytes(file), StandardCharsets.UTF_8));
      }
    }
    return texts;
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void every_fixture_gives_the_same_model_or_the_same_error() {
    List<String> fixtures = fixtures();
    assertThat(fixtures).hasSizeGreaterThan(40);
    fixtures.forEach(ProcDrbdParserAgreementTest::assertAgree);
  }

  /**
   * Coverage-guided (Jazzer): replays its seeds in every {@code mvn test}; fuzzes with {@code
   * JAZZER_FUZZ=1 mvn -pl check-drbd -am test -Dtest='ProcDrbdParserAgreementTest#fuzzed*'}.
   */
  @FuzzTest(maxDuration = "30s")
  void fuzzed_input_gives_the_same_model_or_the_same_error(byte[] input) {
    assertAgree(new String(input, StandardCharsets.UTF_8));
  }

  @Test
  void every_input_of_the_error_table_gives_the_same_error() {
    ProcDrbdParserTest.malformed().forEach(row -> assertAgree((String) row.get()[1]));
  }

  @Test
  void mutated_fixtures_give_the_same_model_or_the_same_error() {
    List<String> fixtures = fixtures();
    int parsed = 0;
    for (int round = 0; round < MUTATION_ROUNDS; round++) {
      StringBuilder text = new StringBuilder(fixtures.get(random.nextInt(fixtures.size())));
      int mutations = 1 + random.nextInt(3);
      for (int m = 0; m < mutations && text.length() > 0; m++) {
        mutate(text);
      }
      parsed += assertAgree(text.toString()) ? 1 : 0;
    }
    // Both outcomes must be compared often: models as well as refusals.
    assertThat(parsed).isBetween(MUTATION_ROUNDS / 50, MUTATION_ROUNDS * 9 / 10);
  }

  private void mutate(StringBuilder text) {
    int at = random.nextInt(text.length());
    switch (random.nextInt(7)) {
      case 0 -> text.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      case 1 -> text.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      case 2 -> text.deleteCharAt(at);
      case 3 -> replaceNumberAt(text, at);
      case 4 -> {
        int start = text.lastIndexOf("\n", at) + 1;
        int end = text.indexOf("\n", at);
        String line = text.substring(start, end < 0 ? text.length() : end + 1);
        text.insert(random.nextBoolean() ? start : end < 0 ? text.length() : end + 1, line);
      }
      case 5 -> {
        int start = text.lastIndexOf("\n", at) + 1;
        int end = text.indexOf("\n", at);
        text.delete(start, end < 0 ? text.length() : end + 1);
      }
      default -> text.setLength(at);
    }
  }

  /** Replaces the digit run at or after {@code at} by an extreme or malformed number. */
  private void replaceNumberAt(StringBuilder text, int at) {
    int start = at;
    while (start < text.length() && !Character.isDigit(text.charAt(start))) {
      start++;
    }
    int end = start;
    while (end < text.length() && Character.isDigit(text.charAt(end))) {
      end++;
    }
    text.replace(start, end, NUMBERS.get(random.nextInt(NUMBERS.size())));
  }

  @Test
  void generated_progress_finish_and_statistics_lines_give_the_same_result() {
    int parsed = 0;
    for (int round = 0; round < RARE_LINE_ROUNDS; round++) {
      StringBuilder text = new StringBuilder(HEADER_84)
          .append(random.nextBoolean() ? SYNC_SOURCE_DEVICE : VERIFY_DEVICE);
      int lines = 1 + random.nextInt(3);
      for (int l = 0; l < lines; l++) {
        text.append(rareLine()).append('\n');
      }
      parsed += assertAgree(text.toString()) ? 1 : 0;
    }
    assertThat(parsed).isBetween(RARE_LINE_ROUNDS / 50, RARE_LINE_ROUNDS * 9 / 10);
  }

  private String rareLine() {
    String indent = pick("\t", " ", "    ", "\t\u000b", "", "\r", "\u2000");
    return indent + switch (random.nextInt(3)) {
      case 0 -> pick("[==>....] ", "[>] ", "[=>.] ", "[==.] ", "[===================>] ")
          + pick("sync'ed:", "verified:", "synced:") + pick("", " ", "  ", "\t")
          + pick("15.3", "100.0", "100.1", "999.9", "1000.0", "5", "0.05", "12.5", "") + "% ("
          + number() + "/" + number() + ")" + pick("K", "M", "G", "")
          + pick("", " delay_probe: " + number(), " delay_probe:", " x")
          + (random.nextInt(5) == 0 ? "" : "\n" + indent + finishOrStalled());
      case 1 -> finishOrStalled();
      default -> statisticsLine();
    };
  }

  private String finishOrStalled() {
    return switch (random.nextInt(2)) {
      case 0 -> "finish: " + number() + ":" + pick("00", "59", "99", "5", "123") + ":"
          + pick("00", "07", "5") + " speed: " + number() + " (" + number()
          + pick("", " -- " + number()) + ")" + pick("", " want: " + number())
          + pick(" K/sec", " K/sec (stalled)", " K/sec ", " M/sec", "");
      default -> pick("stalled", "stalled ", "stall");
    };
  }

  private String statisticsLine() {
    return switch (random.nextInt(3)) {
      case 0 -> number() + "% sector pos: " + number() + "/" + number()
          + pick("", " stop sector: " + number());
      case 1 -> pick("resync", "act_log", "al") + ": used:" + number() + "/" + number()
          + pick(" hits:1", " hits:1 misses:" + number(), "", " Hits:1", " starving_x:0");
      default -> "blocked on activity log: " + number();
    };
  }

  @Test
  void generated_header_lines_give_the_same_result() {
    int parsed = 0;
    for (int round = 0; round < HEADER_ROUNDS; round++) {
      List<String> header = new ArrayList<>(List.of(versionLine(), buildLine()));
      if (random.nextInt(3) == 0) {
        header.add(transportsLine());
      }
      if (random.nextInt(5) == 0) {
        // A near miss anywhere in the header: one odd or nearby character set, added or dropped.
        int line = random.nextInt(header.size());
        StringBuilder text = new StringBuilder(header.get(line));
        int at = random.nextInt(text.length() + 1);
        String odd = ODD_CHARACTERS + "0aAfFgG9:()-. ";
        switch (random.nextInt(3)) {
          case 0 -> text.insert(at, odd.charAt(random.nextInt(odd.length())));
          case 1 -> text.setLength(at);
          default -> {
            if (at < text.length()) {
              text.setCharAt(at, odd.charAt(random.nextInt(odd.length())));
            }
          }
        }
        header.set(line, text.toString());
      }
      String text = String.join("\n", header) + "\n" + pick("", "", SYNC_SOURCE_DEVICE,
          " 0: cs:Unconfigured\n", " 0: cs:Connected st:Primary/Secondary ld:Consistent\n"
              + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0\n");
      parsed += assertAgree(text) ? 1 : 0;
    }
    assertThat(parsed).isBetween(HEADER_ROUNDS / 50, HEADER_ROUNDS * 9 / 10);
  }

  /** {@code version: X.Y... (api:N/proto:N[-N])[ (compat 8.4)]}, each part mostly well-formed. */
  private String versionLine() {
    String version = likely(pick("0.7", "8.0", "8.2", "8.3", "8.4", "9.0", "9.2"),
        "1.0", "10.4", "07.0", "8", "8.", ".4", "x.4", "8.x", "2147483648.0", "8.99999999999",
        "0.6", "9.3", "8.4\u00a0")
        + likely(pick("", ".11-1", ".16", ".0rc1"), ".1-\u00854", "\t1", "-1", "..1", "\u2000");
    return likely("version: ", "version:", "version:  ", "Version: ", "version: \t")
        + version + likely(" ", "  ", "\t", "", "\u000b")
        + likely(pick("(api:1/proto:86-101)", "(api:2/proto:86-124)", "(api:86/proto:86)"),
            "(api:/proto:86)", "(api:1/proto:86-)", "(api:1/proto:-101)",
            "(api:1/proto:86-101-102)",
            "(api:1 proto:86)", "(api:1/proto:86", "api:1/proto:86)", "(api:x/proto:1)")
        + likely(pick("", "", " (compat 8.4)"), " (compat 8.3)", "(compat 8.4)",
            " (compat 8.4) ", " (compat 8.4)x", " ", "\r", " (compat 8.4)\u0085");
  }

  private String buildLine() {
    String hex = "66145a308421e9c124ec391a7848ac20203bb03c";
    return switch (random.nextInt(6)) {
      case 0, 1 -> "GIT-hash: "
          + likely(hex, hex.substring(1), hex + "0", hex.toUpperCase(), hex.replace('a', 'g'), "")
          + likely(pick("", " build by x@y, 2018-04-26 12:10:42", " "),
              " build by x@y\u0085", "  \u2028", "\tbuild", "x");
      case 2 -> likely("SVN Revision: ", "SVN Revision:", "SVN Revision:  ", "SVN Revision: \t")
          + likely(pick("3030", "2212"), "", "30a", "-1")
          + likely(pick(" build by root@node1", " "), "", "\t", " \u2028", "x");
      case 3 -> likely("srcversion: ", "srcversion:", "srcversion:  ", "srcversion:\t")
          + likely("1A9F77B1CA5FF92235C2213", "1a9f", "", "G", "0x1")
          + likely(pick("", " ", "   "), "\t", " x", " \r", "\u00a0");
      case 4 -> likely("built-in", "built-in ", "built-ins", "Built-in", "", "built-in\r");
      default -> pick(" 0: cs:Unconfigured", "Transports (api:18): tcp (9.2.4)", "GIT-hash:");
    };
  }

  private String transportsLine() {
    return likely("Transports (api:", "Transports(api:", "transports (api:", "Transports  (api:")
        + likely(pick("18", "21"), "", "1x", "-1")
        + likely(pick("): tcp (9.2.4)", "):"), ") tcp", "): \u2029", "):\r", ": tcp")
        + likely(pick("", " rdma"), "\r", "\u0085", "\u000b");
  }

  /** Mostly {@code good}, else one of the near misses. */
  private String likely(String good, String... nearMisses) {
    return random.nextInt(5) > 0 ? good : pick(nearMisses);
  }

  /** Mostly a plain number, so that whole lines fit; else an extreme or malformed one. */
  private String number() {
    return random.nextInt(3) > 0 ? Integer.toString(random.nextInt(5000))
        : NUMBERS.get(random.nextInt(NUMBERS.size()));
  }

  private String pick(String... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
