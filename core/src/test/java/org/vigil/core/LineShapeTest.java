package org.vigil.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each LineShape step, run over a whole string, accepts exactly what the regular expression it
 * stands for accepts: the parsers' shapes are built from these steps, and their own agreement
 * tests (ProcDrbdParserAgreementTest, MdstatParserAgreementTest) check whole lines.
 */
class LineShapeTest {
  private static final Map<String, Predicate<LineShape>> STEPS = Map.ofEntries(
      Map.entry("\\s+", LineShape::spaces),
      Map.entry("\\s*", LineShape::optionalSpaces),
      Map.entry("\\d+", LineShape::digits),
      Map.entry("\\d{1,3}", s -> s.digits(1, 3)),
      Map.entry("-?\\d{1,3}(?:,\\d{3})*", LineShape::groupedNumber),
      Map.entry("[0-9a-f]{2,4}", s -> s.run("0123456789abcdef", 2, 4)),
      Map.entry("[a-z]+", s -> s.range('a', 'z')),
      Map.entry("[=,]", s -> s.oneOf("=,")),
      Map.entry("=*", s -> s.repeated('=')),
      Map.entry("\\S", LineShape::nonSpace),
      Map.entry("\\S+", LineShape::nonSpaces),
      Map.entry(".*", LineShape::restOfLine),
      Map.entry("x=", s -> s.literal("x=")));
  private static final String ALPHABET =
      " \t\n\r\f\u000b\u0085\u2028\u2029\u00a0x=,-05a9fz";

  @Test
  void every_step_accepts_what_its_regex_accepts() {
    Random random = new Random(17);
    for (var step : STEPS.entrySet()) {
      Pattern regex = Pattern.compile(step.getKey());
      int matched = 0;
      for (int n = 0; n < 20_000; n++) {
        StringBuilder text = new StringBuilder();
        for (int len = random.nextInt(7); len > 0; len--) {
          text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String s = text.toString();
        LineShape shape = new LineShape(s);
        boolean ours = step.getValue().test(shape) && shape.atEnd();
        assertThat(ours).as("%s on [%s]", step.getKey(), s).isEqualTo(regex.matcher(s).matches());
        matched += ours ? 1 : 0;
      }
      assertThat(matched).as("inputs %s accepted", step.getKey()).isPositive();
    }
  }

  @Test
  void split_is_string_split_on_blanks_or_spaces() {
    Random random = new Random(29);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int len = random.nextInt(9); len > 0; len--) {
        text.append(" \t\u000bab".charAt(random.nextInt(5)));
      }
      String s = text.toString();
      assertThat(LineShape.split(s, false)).as("[%s]", s).containsExactly(s.split("[ \t]+"));
      assertThat(LineShape.split(s, true)).as("[%s]", s).containsExactly(s.split("\\s+"));
    }
  }

  @Test
  void positions_reset_and_since_read_back_what_was_matched() {
    LineShape s = new LineShape("md0 : active", 0);
    int start = s.position();
    assertThat(s.literal("md") && s.digits()).isTrue();
    assertThat(s.since(start)).isEqualTo("md0");
    int before = s.position();
    assertThat(s.literal(" x")).isFalse();
    s.reset(before);
    assertThat(s.literal(" : ") && s.number() == null).isTrue();
    assertThat(List.of(LineShape.firstSpace("md0 :"), LineShape.firstSpace("md0")))
        .containsExactly(3, -1);
  }
}
