package org.vigil.raid.md;

import java.util.Optional;

/**
 * The superblock (metadata) of an array, from the {@code super} token of the blocks line.
 *
 * @param kind which form the kernel printed
 * @param text the version as printed after {@code super} ({@code 1.2}, {@code external:imsm},
 *     {@code non-persistent}), or {@code 0.90} when no token was printed
 */
public record MdMetadata(Kind kind, String text) {

  public enum Kind {
    /** No {@code super} token: persistent 0.90 superblock. */
    V0_90,
    /** {@code super X.Y} (1.0, 1.1, 1.2, and 0.91 = 0.90 during a reshape). */
    PERSISTENT,
    /** {@code super external:imsm} or {@code external:ddf}: a container's metadata. */
    EXTERNAL_CONTAINER,
    /** {@code super external:/md127/0}: a member array inside a container. */
    EXTERNAL_MEMBER,
    /** {@code super non-persistent}: no superblock on disk. */
    NON_PERSISTENT
  }

  public static final MdMetadata V090 = new MdMetadata(Kind.V0_90, "0.90");

  /** For an external member ({@code /md127/0}), the container's name, {@code md127}. */
  public Optional<String> container() {
    if (kind != Kind.EXTERNAL_MEMBER) {
      return Optional.empty();
    }
    String path = text.substring("external:/".length());
    return Optional.of(path.substring(0, path.indexOf('/')));
  }
}
