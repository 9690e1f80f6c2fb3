package org.vigil.raid.md;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.vigil.core.LineShape;
import org.vigil.core.ParseException;
import org.vigil.fixtures.Fixtures;

/**
 * The hand-written {@link MdstatParser} against the java.util.regex one it replaced ({@link
 * RegexMdstatParser}): the same model, or the same error (message, line, token, reason), on every
 * fixture, every case of the error table, random mutations of the fixtures and generated lines
 * near the grammar. Seeds are fixed so a disagreement can be replayed.
 */
class MdstatParserAgreementTest {
  private static final String SOURCE = "agreement";
  /** Characters the grammar gives a meaning to, the blanks regex and strip() disagree on, more. */
  private static final String ALPHABET = " \t:/=,.-_[]()<>%0123456789abcdefkmnoprsuxyzABKFJRSUW"
      + "\u000B\f\u0085\u2028\u2029\u00A0\u0663\u00e9";
  private static final List<String> TOKENS = List.of(
      " ", "  ", "\t", "[", "]", "(", ")", "/", "=", ">", ".", "%", "U", "_", "0", "9", "12",
      "99999999999999999999", "2147483648", "md0", "md_home", "md127", "sda1[0]", "(F)", "(S)",
      "(W)", "(R)", "(J)", " : ", " blocks", " super ", "1.2", "0.90", "external:imsm",
      "external:/md127/0", "external:/md_x/1", "non-persistent", " level ", "k chunk",
      ", algorithm ", "K chunks", " near-copies", " far-copies", " offset-copies",
      " devices per set", "k chunks", "k rounding", "[2/2]", "[UU]", "[U_]", "recovery", "resync",
      "check", "reshape", " = ", "finish=", "min", "speed=", "K/sec", "resync=DELAYED",
      "resync=PENDING", "recover=REMOTE", "reshape=REMOTE", "bitmap: ", " pages ", "[8KB], ",
      "KB chunk", "B chunk", ", file: ", "/var/bitmap", "read_ahead ", "1024 sectors",
      "not set", "unused devices:", "<none>", "Personalities :", "[raid1]", "[raid10]",
      "active", "inactive", "(auto-read-only)", "(read-only)", "raid1", "raid5", "raid6",
      "raid10", "raid0", "linear", "\u2028", "\u0085", "\u000B");

  private final Random random = new Random(20261126L);
  private int rareOdds = 10;

  /** What a parser made of a text: the model, or the error's every part. */
  private static String outcome(boolean regex, String text) {
    try {
      Mdstat m = regex
          ? new RegexMdstatParser().parse(text, SOURCE) : new MdstatParser().parse(text, SOURCE);
      return "model " + m;
    } catch (ParseException e) {
      return "error " + e.getMessage() + " | line " + e.line() + " | token " + e.token()
          + " | reason " + e.reason() + " | source " + e.source();
    } catch (RuntimeException e) {
      return "crash " + e.getClass().getName() + ": " + e.getMessage();
    }
  }

  private static Mdstat modelOrNull(boolean regex, String text) {
    try {
      return regex
          ? new RegexMdstatParser().parse(text, SOURCE) : new MdstatParser().parse(text, SOURCE);
    } catch (ParseException | RuntimeException e) {
      return null;
    }
  }

  /** Asserts agreement; returns whether the text parsed. */
  private static boolean agree(String text, String what) {
    String expected = outcome(true, text);
    assertThat(outcome(false, text)).as("%s:%n%s", what, text).isEqualTo(expected);
    // the models are records: compare them by equals too, not only by their text
    assertThat(modelOrNull(false, text)).as(what).isEqualTo(modelOrNull(true, text));
    return expected.startsWith("model ");
  }

  private static List<String> fixtures() throws IOException {
    List<String> texts = new ArrayList<>();
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(Fixtures.root().resolve("mdadm"), "*.mdstat")) {
      for (Path file : files) {
        // decoded as the plugin decodes; a fixture that is not UTF-8 is compared as Latin-1
        try {
          texts.add(MdFixtures.text(file.getFileName().toString()));
        } catch (ParseException e) {
          texts.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }
      }
    }
    texts.sort(null);
    return texts;
  }

  @Test
  void every_fixture() throws IOException {
    List<String> texts = fixtures();
    int parsed = 0;
    for (String text : texts) {
      parsed += agree(text, "fixture") ? 1 : 0;
    }
    assertThat(texts).hasSizeGreaterThan(40);
    assertThat(parsed).isGreaterThan(30);
  }

  @Test
  void every_case_of_the_error_table() {
    List<Arguments> cases = MdstatParserTest.failures().toList();
    for (Arguments a : cases) {
      assertThat(agree((String) a.get()[1], (String) a.get()[0])).isFalse();
    }
    assertThat(cases).hasSizeGreaterThan(30);
  }

  @Test
  void random_mutations_of_the_fixtures() throws IOException {
    List<String> texts = fixtures();
    int parsed = 0;
    int rounds = 0;
    for (String fixture : texts) {
      for (int i = 0; i < 150; i++) {
        String text = fixture;
        int edits = 1 + random.nextInt(random.nextInt(4) == 0 ? 6 : 2);
        for (int e = 0; e < edits; e++) {
          text = mutate(text);
        }
        parsed += agree(text, "mutation " + i + " of a fixture") ? 1 : 0;
        rounds++;
      }
    }
    assertThat(rounds).isGreaterThan(6000);
    // enough mutations stay parsable that the models, not only the errors, are compared
    assertThat(parsed).isGreaterThan(rounds / 20);
  }

  @Test
  void generated_lines_near_the_grammar() {
    int parsed = 0;
    int rounds = 20_000;
    for (int i = 0; i < rounds; i++) {
      // half of the texts with few deviations, so that many parse and their models are compared
      rareOdds = random.nextBoolean() ? 10 : 80;
      String text = generated();
      if (random.nextInt(4) == 0) {
        text = mutate(text);
      }
      parsed += agree(text, "generated " + i) ? 1 : 0;
    }
    assertThat(parsed).isGreaterThan(rounds / 6);
  }

  @Test
  void squeeze_and_split_agree_with_the_regexes_they_replaced() {
    Pattern blanks = Pattern.compile("[ \t]+");
    Pattern spaces = Pattern.compile("\\s+");
    for (int i = 0; i < 20_000; i++) {
      String s = randomString(random.nextInt(12));
      assertThat(ParseNumbers.squeeze(s)).as(s).isEqualTo(RegexMdstatParser.squeeze(s));
      assertThat(LineShape.split(s, false)).as(s).containsExactly(blanks.split(s));
      assertThat(LineShape.split(s, true)).as(s).containsExactly(spaces.split(s));
      assertThat(LineShape.split(s.strip(), false)).as(s)
          .containsExactly(s.strip().split("[ \t]+"));
    }
  }

  private String randomString(int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  private String mutate(String text) {
    if (text.isEmpty()) {
      return randomString(3) + "\n";
    }
    int at = random.nextInt(text.length());
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int line = random.nextInt(lines.size());
    switch (random.nextInt(12)) {
      case 0 -> { // insert a character
        return text.substring(0, at) + ALPHABET.charAt(random.nextInt(ALPHABET.length()))
            + text.substring(at);
      }
      case 1 -> { // delete a run of characters
        return text.substring(0, at) + text.substring(Math.min(text.length(),
            at + 1 + random.nextInt(random.nextInt(5) == 0 ? 12 : 2)));
      }
      case 2 -> { // replace a character
        return text.substring(0, at) + ALPHABET.charAt(random.nextInt(ALPHABET.length()))
            + text.substring(at + 1);
      }
      case 3 -> { // insert a grammar token
        return text.substring(0, at) + TOKENS.get(random.nextInt(TOKENS.size()))
            + text.substring(at);
      }
      case 4 -> { // change a number
        int digit = indexOfDigitFrom(text, at);
        if (digit < 0) {
          return text;
        }
        int end = digit;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
          end++;
        }
        String replacement = switch (random.nextInt(6)) {
          case 0 -> "0";
          case 1 -> Integer.toString(random.nextInt(10));
          case 2 -> Long.toString(random.nextLong() & Long.MAX_VALUE);
          case 3 -> "99999999999999999999";
          case 4 -> text.substring(digit, end) + random.nextInt(10);
          default -> Integer.toString(random.nextInt(100_000));
        };
        return text.substring(0, digit) + replacement + text.substring(end);
      }
      case 5 -> { // truncate, at a line end or anywhere
        return random.nextBoolean() ? text.substring(0, at)
            : text.substring(0, text.lastIndexOf('\n', at) + 1);
      }
      case 6 -> lines.remove(line);
      case 7 -> lines.add(line, lines.get(line));
      case 8 -> lines.add(line, lines.get(random.nextInt(lines.size())));
      case 9 -> lines.set(line, "      " + lines.get(line).strip());
      case 10 -> lines.set(line,
          lines.get(line).replace(' ', random.nextBoolean() ? '\t' : '\u000B'));
      default -> { // swap two tokens of a line
        String[] words = lines.get(line).split(" ", -1);
        if (words.length > 2) {
          int a = random.nextInt(words.length);
          int b = random.nextInt(words.length);
          String w = words[a];
          words[a] = words[b];
          words[b] = w;
          lines.set(line, String.join(" ", words));
        }
      }
    }
    return String.join("\n", lines);
  }

  private static int indexOfDigitFrom(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        int start = i;
        while (start > 0 && Character.isDigit(text.charAt(start - 1))) {
          start--;
        }
        return start;
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- generated mdstat

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private boolean rare() {
    return random.nextInt(rareOdds) == 0;
  }

  private String blank() {
    return rare() ? pick(List.of("  ", "\t", " \t", "\u000B", "")) : " ";
  }

  private String num() {
    if (!rare()) {
      return Integer.toString(1 + random.nextInt(100_000));
    }
    return switch (random.nextInt(7)) {
      case 0 -> "0";
      case 1 -> "12x";
      case 2 -> "99999999999999999999";
      case 3 -> "";
      case 4 -> "2147483648";
      case 5 -> "\u0663";
      default -> Integer.toString(1 + random.nextInt(100_000));
    };
  }

  private String small() {
    return rare() ? num() : Integer.toString(1 + random.nextInt(4));
  }

  private String generated() {
    StringBuilder sb = new StringBuilder();
    sb.append(rare() ? pick(List.of("Personalities :", "Personalities : raid1",
        "Personalities :[raid1]", "Personalities : [raid7] [raid1]", "# cat /proc/mdstat"))
        : "Personalities : [raid1] [raid6] [raid5] [raid4] [raid10] [raid0] [linear] ")
        .append('\n');
    if (random.nextInt(5) == 0) {
      sb.append(rare() ? pick(List.of("read_ahead 12x", "read_ahead  not set", "read_ahead"))
          : pick(List.of("read_ahead 1024 sectors", "read_ahead not set"))).append('\n');
    }
    int arrays = random.nextInt(4);
    for (int i = 0; i < arrays; i++) {
      generatedArray(sb, i);
    }
    if (random.nextInt(12) != 0) {
      sb.append(rare() ? pick(List.of("unused devices:", "unused devices: sd[1]",
          "unused devices: <x>", "unused devices: sd\u000Bx"))
          : pick(List.of("unused devices: <none>", "unused devices: sdz1 sdy",
              "unused devices:\t<none>"))).append('\n');
    }
    if (rare()) {
      sb.append(pick(List.of("\n", "  \n", "md9 : active\n")));
    }
    return sb.toString();
  }

  private void generatedArray(StringBuilder sb, int index) {
    String level = pick(List.of("raid1", "raid5", "raid6", "raid4", "raid10", "raid0", "linear"));
    String name = rare() ? pick(List.of("md_data", "md_", "mdX", "sda", "md" + index + "p1"))
        : "md" + (rare() ? 0 : index);
    String state = rare() ? pick(List.of("inactive", "broken", "degraded")) : "active";
    sb.append(name).append(rare() ? pick(List.of(":", " :", "\t: ")) : " : ").append(state);
    if (random.nextInt(6) == 0) {
      sb.append(' ').append(rare() ? "(ro)" : pick(List.of("(read-only)", "(auto-read-only)")));
    }
    if (!state.equals("inactive") || rare()) {
      sb.append(blank()).append(rare() ? pick(List.of("multipath", "faulty", "raid7")) : level);
    }
    int n = 1 + random.nextInt(5);
    int members = rare() ? 0 : n + random.nextInt(2);
    for (int i = 0; i < members; i++) {
      sb.append(blank()).append(rare() ? pick(List.of("sd[0]", "[1]", "sdx1[", "sdx1[1", "sdq(S)"))
          : "sd" + (char) ('a' + random.nextInt(20)) + i + "[" + (rare() ? num() : i) + "]");
      if (random.nextInt(3) == 0) {
        sb.append(rare() ? pick(List.of("(Z)", "(FS)", "(F)(S)", "(S)(W)", "(", "(S"))
            : pick(List.of("(F)", "(S)", "(W)", "(W)(F)", "(J)", "(S)(R)", "(R)", "(W)(S)")));
      }
    }
    sb.append('\n');
    sb.append(pick(List.of("      ", "\t", "  ", "      "))).append(num()).append(' ')
        .append(rare() ? "block" : "blocks");
    if (random.nextInt(3) != 0) {
      sb.append(blank()).append("super").append(blank()).append(rare()
          ? pick(List.of("1000.1", "1.2.3", "external:/md/1", "external:/md1/x", "external:foo",
              "external:/md_/1", "external:/md1/", "1.", ".2"))
          : pick(List.of("1.2", "1.0", "0.90", "external:imsm", "external:ddf",
              "external:/md127/0", "external:/md_a1/12", "non-persistent")));
    }
    int missing = random.nextInt(3) == 0 ? random.nextInt(3) : 0;
    int inSync = rare() ? n : n - missing;
    StringBuilder map = new StringBuilder();
    for (int i = 0; i < n + (rare() ? 1 : 0); i++) {
      map.append(i < missing ? '_' : rare() ? 'F' : 'U');
    }
    String slots = blank() + "[" + (rare() ? num() : Integer.toString(n)) + "/" + inSync + "]"
        + blank() + "[" + map + (rare() ? "]]" : "]");
    String chosen = rare() ? pick(List.of("raid1", "raid5", "raid10", "raid0", "linear")) : level;
    if (!state.equals("inactive") || rare()) {
      sb.append(switch (chosen) {
        case "raid1" -> slots;
        case "raid4", "raid5", "raid6" -> " level " + (rare() ? num() : chosen.substring(4))
            + "," + blank() + small() + "k chunk, algorithm " + small() + slots;
        case "raid10" -> (random.nextBoolean() ? " " + small() + "K chunks" : "")
            + (random.nextBoolean() ? " " + small() + " near-copies" : "")
            + (random.nextBoolean() ? " " + small() + pick(List.of(" far-copies",
                " offset-copies", " far-copie", " offset-copies " + small() + " devices per set",
                " far-copies " + small() + " devices per set")) : "")
            + slots;
        case "raid0" -> " " + small() + pick(List.of("k chunks", "K chunks", "k chunk"));
        default -> " " + small() + pick(List.of("k rounding", "k roundings"));
      });
    }
    if (rare()) {
      sb.append(pick(List.of(" ", "\t", " x", "\u2028")));
    }
    sb.append('\n');
    if (random.nextInt(3) == 0) {
      int x = random.nextInt(21);
      String bar = "=".repeat(x) + (rare() ? "" : ">") + ".".repeat(rare() ? 3 : 20 - x);
      sb.append("      [").append(bar).append(rare() ? "" : "]").append(blank()).append(' ')
          .append(rare() ? pick(List.of("repair", "Resync", "idle"))
              : pick(List.of("recovery", "resync", "check", "reshape")))
          .append(rare() ? pick(List.of(" =  ", "=", "= ")) : pick(List.of(" = ", " =")))
          .append(rare() ? num() : Integer.toString(random.nextInt(rare() ? 2000 : 101)))
          .append(rare() ? "" : ".").append(rare() ? "12" : Integer.toString(random.nextInt(10)))
          .append("%").append(blank()).append("(").append(num()).append('/').append(num())
          .append(")").append(blank()).append("finish=").append(rare() ? num() : "1")
          .append(rare() ? "" : ".5").append("min").append(blank()).append("speed=")
          .append(num()).append(rare() ? "k/sec" : "K/sec").append('\n');
    } else if (random.nextInt(5) == 0) {
      sb.append("      \t").append(pick(List.of("resync=DELAYED", "resync=PENDING",
          "resync=REMOTE", "recover=REMOTE", "reshape=REMOTE", "resync=STALLED", "check=X",
          "resync=", "=DELAYED"))).append('\n');
    }
    if (random.nextInt(3) == 0) {
      sb.append("      bitmap:").append(blank()).append(small()).append('/')
          .append(rare() ? small() : "16")
          .append(" pages [").append(small()).append("KB],").append(blank()).append(num())
          .append(rare() ? "MB" : pick(List.of("KB", "B")))
          .append(" chunk")
          .append(random.nextInt(4) == 0 ? ", file: /var/md0.bitmap" : "")
          .append(rare() ? pick(List.of(", file: ", ", file:  x", ", file: a b", ", file: \u2028x",
              ", file: x\u2028", ", file: \u000Bx", ",file: x")) : "")
          .append('\n');
    }
    if (rare()) {
      sb.append("      ").append(pick(List.of("bitmap: 1/1 pages [4KB], 64KB chunk",
          "[>....................]  recovery =  0.1% (1/2) finish=1.0min speed=1K/sec",
          "resync=DELAYED", "unexpected"))).append('\n');
    }
    sb.append(random.nextBoolean() ? "\n" : "      \n");
  }
}
