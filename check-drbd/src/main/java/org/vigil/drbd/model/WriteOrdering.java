package org.vigil.drbd.model;

import java.util.function.Function;
import org.vigil.core.Vocabulary;

/** Write-ordering method: /proc/drbd {@code wo:} letters, DRBD 9 {@code write-ordering} words. */
public enum WriteOrdering implements Vocabulary.Word {
  NONE("n", "none"),
  DRAIN("d", "drain"),
  FLUSH("f", "flush"),
  BARRIER("b", "barrier");

  public static final Vocabulary<WriteOrdering> LETTERS =
      Vocabulary.of("write ordering", values());
  // An anonymous class, not WriteOrdering::word: a method reference links through
  // java.lang.invoke on first use, start-up time every check_drbd run would pay.
  public static final Vocabulary<WriteOrdering> WORDS =
      new Vocabulary<>("write ordering", values(), new Function<WriteOrdering, String>() {
        @Override
        public String apply(WriteOrdering w) {
          return w.word;
        }
      });

  private final String letter;
  private final String word;

  WriteOrdering(String letter, String word) {
    this.letter = letter;
    this.word = word;
  }

  public String letter() {
    return letter;
  }

  /** The /proc/drbd letter: {@link #LETTERS} is the vocabulary of the hot 8.x path. */
  @Override
  public String token() {
    return letter;
  }

  public String word() {
    return word;
  }
}
