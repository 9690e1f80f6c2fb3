package org.vigil.exporter;

import static org.vigil.exporter.MetricFamily.Type.COUNTER;
import static org.vigil.exporter.MetricFamily.Type.GAUGE;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.vigil.core.CommandException;
import org.vigil.core.CommandResult;
import org.vigil.core.InputFiles;
import org.vigil.drbd.model.ConnectionState;
import org.vigil.drbd.model.DiskState;
import org.vigil.drbd.model.DrbdConnection;
import org.vigil.drbd.model.DrbdPeerVolume;
import org.vigil.drbd.model.DrbdResource;
import org.vigil.drbd.model.DrbdStatus;
import org.vigil.drbd.model.DrbdVolume;
import org.vigil.drbd.model.Role;
import org.vigil.drbd.parse.ProcDrbdParser;
import org.vigil.drbd.parse.StatusJsonParser;
import org.vigil.drbd.policy.DrbdPolicy;
import org.vigil.drbd.policy.DrbdPolicyOptions;

/**
 * DRBD: {@code <procfs>/drbd} through {@link ProcDrbdParser}; for DRBD 9, whose /proc/drbd holds
 * only the version, {@code drbdsetup status --json} through {@link StatusJsonParser}. Verdicts from
 * {@link DrbdPolicy} with {@link DrbdPolicyOptions#defaults()}, as check_drbd without options.
 */
final class DrbdCollector implements VigilCollector {
  static final String CONNECTION_STATE = "vigil_drbd_connection_state";
  static final String ROLE = "vigil_drbd_role";
  static final String DISK_STATE = "vigil_drbd_disk_state";
  static final String PEER_DISK_STATE = "vigil_drbd_peer_disk_state";
  static final String OUT_OF_SYNC = "vigil_drbd_out_of_sync_bytes";
  static final String RESYNC_DONE = "vigil_drbd_resync_done_ratio";
  static final String SENT = "vigil_drbd_network_sent_bytes_total";
  static final String RECEIVED = "vigil_drbd_network_received_bytes_total";
  static final String READ = "vigil_drbd_disk_read_bytes_total";
  static final String WRITTEN = "vigil_drbd_disk_written_bytes_total";

  @Override
  public String name() {
    return "drbd";
  }

  @Override
  public String lookedAt(Sources sources) {
    return file(sources).toString();
  }

  @Override
  public boolean present(Sources sources) {
    return Files.exists(file(sources), LinkOption.NOFOLLOW_LINKS);
  }

  private static Path file(Sources sources) {
    return sources.procfs().resolve("drbd");
  }

  @Override
  public Collected collect(Sources sources) throws Exception {
    Path file = file(sources);
    DrbdStatus status = new ProcDrbdParser().parse(
        InputFiles.read(file.toString(), null), file.toString());
    if (status.format() == DrbdStatus.Format.PROC_DRBD_9) {
      status = runDrbdsetup(sources);
    }
    return map(status);
  }

  private static DrbdStatus runDrbdsetup(Sources sources) throws Exception {
    List<String> argv = List.of(sources.tool(Tool.DRBDSETUP).toString(), "status", "--json");
    CommandResult result;
    try {
      result = sources.runner().run(argv, sources.commandTimeout());
    } catch (CommandException e) {
      throw new CommandException(e.kind(),
          "DRBD 9 detected (/proc/drbd holds no device state), but " + e.getMessage());
    }
    return new StatusJsonParser().parse(
        result.stdoutTextIfExit(Set.of(0)), String.join(" ", argv));
  }

  /** The pure mapping from the parsed status and its verdict to metric families. */
  static Collected map(DrbdStatus status) {
    Families f = new Families()
        .declare(ROLE, GAUGE, "Role of this node for the resource; a complete state set,"
            + " 1 for the current role.")
        .declare(CONNECTION_STATE, GAUGE, "State of the connection to the peer; a complete"
            + " state set, 1 for the current state. peer is empty for /proc/drbd (one peer).")
        .declare(DISK_STATE, GAUGE, "Local disk state of the volume; a complete state set,"
            + " 1 for the current state.")
        .declare(PEER_DISK_STATE, GAUGE, "Disk state of the volume on the peer as this node"
            + " sees it; a complete state set, 1 for the current state.")
        .declare(OUT_OF_SYNC, GAUGE, "Data of the volume known to differ from the peer, in"
            + " bytes.")
        .declare(RESYNC_DONE, GAUGE, "Progress of the running resync towards the peer,"
            + " 0 to 1.")
        .declare(SENT, COUNTER, "Data sent to the peer over the network, in bytes.")
        .declare(RECEIVED, COUNTER, "Data received from the peer over the network, in bytes.")
        .declare(READ, COUNTER, "Data read from the local disk of the volume, in bytes.")
        .declare(WRITTEN, COUNTER, "Data written to the local disk of the volume, in bytes.");
    for (DrbdResource r : status.resources()) {
      String res = r.name();
      f.stateSet(ROLE, Role.class, r.role(), Role::token, "role", "resource", res);
      for (DrbdVolume v : r.volumes()) {
        String vol = Integer.toString(v.volume());
        f.stateSet(DISK_STATE, DiskState.class, v.disk(), DiskState::token, "state",
            "resource", res, "volume", vol);
        v.stats().ifPresent(s -> {
          f.add(READ, Sample.of(s.readBytes(), "resource", res, "volume", vol));
          f.add(WRITTEN, Sample.of(s.writtenBytes(), "resource", res, "volume", vol));
        });
      }
      for (DrbdConnection c : r.connections()) {
        String peer = c.peer().orElse("");
        f.stateSet(CONNECTION_STATE, ConnectionState.class, c.state(), ConnectionState::token,
            "state", "resource", res, "peer", peer);
        for (DrbdPeerVolume pv : c.peerVolumes()) {
          String vol = Integer.toString(pv.volume());
          String[] key = {"resource", res, "volume", vol, "peer", peer};
          pv.peerDisk().ifPresent(d -> f.stateSet(PEER_DISK_STATE, DiskState.class, d,
              DiskState::token, "state", key));
          pv.outOfSyncBytes().ifPresent(b -> f.add(OUT_OF_SYNC, Sample.of(b, key)));
          pv.progress()
              .filter(p -> !pv.replication().isVerify())
              .ifPresent(p -> f.add(RESYNC_DONE,
                  Sample.of(Ratios.fromPercent(p.percentDone()), key)));
          pv.stats().ifPresent(s -> {
            f.add(SENT, Sample.of(s.sentBytes(), key));
            f.add(RECEIVED, Sample.of(s.receivedBytes(), key));
          });
        }
      }
    }
    return new Collected(f.build(),
        DrbdPolicy.evaluate(status, DrbdPolicyOptions.defaults()).subchecks());
  }
}
