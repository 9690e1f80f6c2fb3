package org.vigil.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VocabularyTest {
  enum Light implements Vocabulary.Word {
    RED("red", "R"),
    GREEN("green", "G");

    private final String word;
    private final String letter;

    Light(String word, String letter) {
      this.word = word;
      this.letter = letter;
    }

    @Override
    public String token() {
      return word;
    }

    String letter() {
      return letter;
    }
  }

  enum Clash implements Vocabulary.Word {
    ONE,
    UNO;

    @Override
    public String token() {
      return "1";
    }
  }

  @Test
  void wordsAreTheTokensOfTheEnum() throws ParseException {
    Vocabulary<Light> v = Vocabulary.of("light", Light.values());
    assertThat(v.tokens()).containsExactlyInAnyOrder("red", "green");
    assertThat(v.parse("green", "src", 3)).isEqualTo(Light.GREEN);
    assertThat(v.find("Red")).isEmpty();
  }

  @Test
  void aSecondSpellingIsItsOwnVocabulary() {
    Vocabulary<Light> letters = new Vocabulary<>("light letter", Light.values(), Light::letter);
    assertThat(letters.tokens()).containsExactlyInAnyOrder("R", "G");
    assertThat(letters.find("red")).isEmpty();
  }

  @Test
  void anUnknownWordIsAParseErrorNamingTheVocabularyLineAndToken() {
    assertThatThrownBy(() -> Vocabulary.of("light", Light.values()).parse("amber", "src", 7))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("src")
        .hasMessageContaining("7")
        .hasMessageContaining("amber")
        .hasMessageContaining("unknown light");
  }

  @Test
  void aWordUsedTwiceIsRefused() {
    assertThatThrownBy(() -> Vocabulary.of("clash", Clash.values()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clash: token '1' used by ONE and UNO");
  }
}
