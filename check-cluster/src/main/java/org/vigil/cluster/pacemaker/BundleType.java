package org.vigil.cluster.pacemaker;

import org.vigil.core.Vocabulary;

/** A bundle's container technology (resources-2.41.rng). */
public enum BundleType implements Vocabulary.Word {
  DOCKER("docker"),
  RKT("rkt"),
  PODMAN("podman");

  public static final Vocabulary<BundleType> VOCABULARY =
      Vocabulary.of("bundle type", values());

  private final String token;

  BundleType(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
