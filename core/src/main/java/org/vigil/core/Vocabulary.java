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

  public Vocabulary(String name, E[] values, Function<E, String> token) {
    this.name = name;
    for (E value : values) {
      E previous = byToken.put(token.apply(value), value);
      if (previous != null) {
        throw new IllegalArgumentException(
            name + ": token '" + token.apply(value) + "' used by " + previous + " and " + value);
      }
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
