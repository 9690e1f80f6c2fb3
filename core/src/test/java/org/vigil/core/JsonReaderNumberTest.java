package org.vigil.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link JsonReader#isNumber}, written by hand, against the regex it replaced. */
class JsonReaderNumberTest {
  private static final Pattern NUMBER =
      Pattern.compile("-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");
  /** What JsonReader takes into a number token: letters, digits, + - and '.'. */
  private static final String ALPHABET = "0123456789-+.eE0x1\u0663a";

  @ParameterizedTest
  @CsvSource({
      "0, true", "-0, true", "7, true", "1234, true", "1.5, true", "-0.25e+10, true",
      "1E5, true", "2e-3, true", "00, false", "01, false", "-, false", "1., false", ".5, false",
      "1e, false", "1e+, false", "+1, false", "--1, false", "1.5.5, false", "0x10, false",
      "1\u0663, false", "'', false", "NaN, false", "1e5e5, false", "-01, false"})
  void reads_the_json_number_grammar(String token, boolean number) {
    assertThat(JsonReader.isNumber(token)).as(token).isEqualTo(number);
    assertThat(NUMBER.matcher(token).matches()).as("regex on " + token).isEqualTo(number);
  }

  @Test
  void agrees_with_the_regex_on_generated_tokens() {
    Random random = new Random(20261126L);
    int numbers = 0;
    for (int round = 0; round < 200_000; round++) {
      StringBuilder token = new StringBuilder();
      int length = random.nextInt(8);
      for (int i = 0; i < length; i++) {
        token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      boolean expected = NUMBER.matcher(token).matches();
      assertThat(JsonReader.isNumber(token.toString())).as("[%s]", token).isEqualTo(expected);
      numbers += expected ? 1 : 0;
    }
    assertThat(numbers).isBetween(1_000, 150_000);
  }

  @Test
  void a_malformed_number_is_still_refused_with_its_token() {
    ParseException e = null;
    try {
      JsonReader.parse("{\"a\": 01}", "src");
    } catch (ParseException caught) {
      e = caught;
    }
    assertThat(e).isNotNull();
    assertThat(e.token()).isEqualTo("01");
    assertThat(e.reason()).isEqualTo("malformed JSON number");
  }
}
