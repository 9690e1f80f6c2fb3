package org.vigil.cluster.heartbeat;

import org.vigil.core.Vocabulary;

/**
 * What {@code cl_status rscstatus} prints: which resource groups this node holds
 * ({@code hb_rsc_resource_state()} in heartbeat/hb_resource.c: {@code none}, {@code local},
 * {@code foreign}, {@code all} from HB_*_RESOURCES, or {@code transition} while not stable).
 */
public enum ResourceStatus implements Vocabulary.Word {
  /** This node holds no resources. */
  NONE("none"),
  /** This node holds the resources for which it is the preferred node. */
  LOCAL("local"),
  /** This node holds the peer's resources (it took them over). */
  FOREIGN("foreign"),
  /** This node holds every resource group. */
  ALL("all"),
  /** A takeover or release is in progress. */
  TRANSITION("transition");

  public static final Vocabulary<ResourceStatus> VOCABULARY =
      Vocabulary.of("heartbeat resource status", values());

  private final String token;

  ResourceStatus(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }
}
