package org.vigil.cluster.pacemaker;

import java.util.Locale;
import java.util.Optional;
import org.vigil.core.ParseException;
import org.vigil.core.Vocabulary;

/**
 * A resource role as crm_mon prints it in {@code role} (Pacemaker's role names: 2.1+ print
 * Promoted/Unpromoted, 1.1 and 2.0 print Master/Slave) plus the transitional words tools document
 * (Starting, Stopping, Migrating, Promoting, Demoting).
 */
public enum Role implements Vocabulary.Word {
  STOPPED("Stopped"),
  STARTED("Started"),
  PROMOTED("Promoted"),
  UNPROMOTED("Unpromoted"),
  MASTER("Master"),
  SLAVE("Slave"),
  STARTING("Starting"),
  STOPPING("Stopping"),
  MIGRATING("Migrating"),
  PROMOTING("Promoting"),
  DEMOTING("Demoting"),
  UNKNOWN("Unknown");

  public static final Vocabulary<Role> VOCABULARY = Vocabulary.of("role", values());

  private final String token;

  Role(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }

  /** True for roles in which the resource runs (or is about to run) somewhere. */
  public boolean running() {
    return this != STOPPED && this != UNKNOWN;
  }

  /** True for Promoted and its legacy name Master. */
  public boolean promoted() {
    return this == PROMOTED || this == MASTER;
  }

  /**
   * Parses a {@code target_role}. crm_mon copies the CIB's {@code target-role} meta attribute
   * verbatim, and Pacemaker reads that attribute case-insensitively (3.0.2's own regression output
   * shows {@code target_role="stopped"}), so this lookup ignores case but accepts only the five
   * configurable roles and their legacy names.
   */
  public static Role parseTarget(String token, String source, int line) throws ParseException {
    for (Role r : new Role[] {STOPPED, STARTED, PROMOTED, UNPROMOTED, MASTER, SLAVE}) {
      if (r.token.toLowerCase(Locale.ROOT).equals(token.toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    throw new ParseException(source, line, token, "unknown target role");
  }

  /** Convenience for optional lookups in tests. */
  public static Optional<Role> find(String token) {
    return VOCABULARY.find(token);
  }
}
