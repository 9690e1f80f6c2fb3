package org.vigil.drbd.model;

import org.vigil.core.Vocabulary;

/** Write-ordering method: /proc/drbd {@code wo:} letters, DRBD 9 {@code write-ordering} words. */
public enum WriteOrdering {
  NONE("n", "none"),
  DRAIN("d", "drain"),
  FLUSH("f", "flush"),
  BARRIER("b", "barrier");

  public static final Vocabulary<WriteOrdering> LETTERS =
      new Vocabulary<>("write ordering", values(), WriteOrdering::letter);
  public static final Vocabulary<WriteOrdering> WORDS =
      new Vocabulary<>("write ordering", values(), WriteOrdering::word);

  private final String letter;
  private final String word;

  WriteOrdering(String letter, String word) {
    this.letter = letter;
    this.word = word;
  }

  public String letter() {
    return letter;
  }

  public String word() {
    return word;
  }
}
