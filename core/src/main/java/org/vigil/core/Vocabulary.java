package org.vigil.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The exact words of one state vocabulary mapped to its enum, so every parser looks tokens up the
 * same way: case-sensitive, whole word, and an unknown word is an absent value the parser must turn
 * into a {@link ParseException} — never a default.
 */
public final class Vocabulary<E extends Enum<E>> {
  private final String name;
  private final Map<String, E> byToken = new HashMap<>();

  /**
   * An enum constant that knows the one word its source prints for it. Enums whose words are their
   * vocabulary implement this, so that {@link #of} reads the words without a lambda per
   * vocabulary: every lambda the checks link costs start-up time on each run.
   */
  public interface Word {
    String token();
  }

  private Vocabulary(String name) {
    this.name = name;
  }

  /** The vocabulary of {@code values}, each spelled by its {@link Word#token()}. */
  public static <E extends Enum<E> & Word> Vocabulary<E> of(String name, E[] values) {
    Vocabulary<E> vocabulary = new Vocabulary<>(name);
    for (E value : values) {
      vocabulary.add(value.token(), value);
    }
    return vocabulary;
  }

  /** For an enum with a second spelling (another source's words for the same states). */
  public Vocabulary(String name, E[] values, Function<E, String> token) {
    this(name);
    for (E value : values) {
      add(token.apply(value), value);
    }
  }

  private void add(String token, E value) {
    E previous = byToken.put(token, value);
    if (previous != null) {
      throw new IllegalArgumentException(
          name + ": token '" + token + "' used by " + previous + " and " + value);
    }
  }

  /** Every word of this vocabulary. */
  public Set<String> tokens() {
    return Set.copyOf(byToken.keySet());
  }

  public Optional<E> find(String token) {
    return Optional.ofNullable(byToken.get(token));
  }

  /** Looks the token up or throws a parse error naming the vocabulary, line and token. */
  public E parse(String token, String source, int line) throws ParseException {
    E value = byToken.get(token);
    if (value == null) {
      throw new ParseException(source, line, token, "unknown " + name);
    }
    return value;
  }
}
