package org.vigil.cluster.pacemaker;

import org.vigil.core.Vocabulary;

/** A bundle's container technology (resources-2.41.rng). */
public enum BundleType {
  DOCKER("docker"),
  RKT("rkt"),
  PODMAN("podman");

  public static final Vocabulary<BundleType> VOCABULARY =
      new Vocabulary<>("bundle type", values(), BundleType::token);

  private final String token;

  BundleType(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }
}
