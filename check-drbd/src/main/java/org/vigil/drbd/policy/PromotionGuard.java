package org.vigil.drbd.policy;

import java.util.ArrayList;
import java.util.List;
import org.vigil.drbd.model.DiskState;
import org.vigil.drbd.model.DrbdConnection;
import org.vigil.drbd.model.DrbdPeerVolume;
import org.vigil.drbd.model.DrbdResource;
import org.vigil.drbd.model.DrbdVolume;

/**
 * Decides whether this node may become Primary for a resource: every local volume UpToDate, and
 * every peer connected with its disk state known. Anything less (a peer we cannot see, an unknown
 * peer disk, I/O suspended) means a promotion could run on stale data or split the brain, so the
 * answer is no. Pure: the caller reads the status.
 */
public final class PromotionGuard {
  private PromotionGuard() {}

  /** The answer and why, in one line. */
  public record Verdict(boolean safe, String reason) {}

  public static Verdict evaluate(DrbdResource resource) {
    List<String> problems = new ArrayList<>();
    if (!resource.suspensions().isEmpty()) {
      problems.add("I/O is suspended");
    }
    if (resource.volumes().isEmpty()) {
      problems.add("no local volume");
    }
    for (DrbdVolume v : resource.volumes()) {
      if (v.disk() != DiskState.UPTODATE) {
        problems.add(volume(resource, v.volume()) + "local disk " + v.disk().token()
            + ", not UpToDate");
      }
    }
    if (resource.connections().isEmpty()) {
      problems.add("no peer connection configured");
    }
    for (DrbdConnection c : resource.connections()) {
      // No Optional.map with a lambda: the guard runs as a fresh JVM, and a lambda's linkage
      // through java.lang.invoke would be most of its start-up.
      String peer = c.peer().isPresent() ? "peer " + c.peer().get() + " " : "peer ";
      if (!c.state().isConnected()) {
        problems.add(peer + c.state().token() + ": the peer's data is unknown");
        continue;
      }
      for (DrbdPeerVolume pv : c.peerVolumes()) {
        if (pv.peerDisk().isPresent() && pv.peerDisk().get() == DiskState.DUNKNOWN) {
          problems.add(volume(resource, pv.volume()) + peer + "disk DUnknown while connected");
        }
      }
    }
    if (problems.isEmpty()) {
      return new Verdict(true, resource.name() + ": local disk UpToDate, "
          + resource.connections().size()
          + (resource.connections().size() == 1 ? " peer" : " peers")
          + " connected with known disk state");
    }
    return new Verdict(false, resource.name() + ": " + String.join("; ", problems));
  }

  private static String volume(DrbdResource resource, int volume) {
    return resource.volumes().size() > 1 ? "volume " + volume + " " : "";
  }
}
