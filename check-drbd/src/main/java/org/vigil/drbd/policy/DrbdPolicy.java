package org.vigil.drbd.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.vigil.core.CheckResult;
import org.vigil.core.Finding;
import org.vigil.core.Numbers;
import org.vigil.core.PerfData;
import org.vigil.core.PerfData.Unit;
import org.vigil.core.State;
import org.vigil.core.Subcheck;
import org.vigil.drbd.model.ConnectionState;
import org.vigil.drbd.model.Congestion;
import org.vigil.drbd.model.DeviceStats;
import org.vigil.drbd.model.DiskState;
import org.vigil.drbd.model.DrbdConnection;
import org.vigil.drbd.model.DrbdPeerVolume;
import org.vigil.drbd.model.DrbdResource;
import org.vigil.drbd.model.DrbdStatus;
import org.vigil.drbd.model.DrbdVolume;
import org.vigil.drbd.model.PeerStats;
import org.vigil.drbd.model.ReplicationState;
import org.vigil.drbd.model.ResyncProgress;
import org.vigil.drbd.model.ResyncSuspension;
import org.vigil.drbd.model.Role;
import org.vigil.drbd.model.Suspension;

/**
 * The DRBD policy: a pure function from a parsed status and the operator's options to a check
 * result. The README's policy table is the specification of this class.
 */
public final class DrbdPolicy {
  public static final String SERVICE = "DRBD";
  private static final int MAX_NAMES_IN_SUMMARY = 5;

  private DrbdPolicy() {}

  public static CheckResult evaluate(DrbdStatus status, DrbdPolicyOptions options) {
    if (status.format() == DrbdStatus.Format.PROC_DRBD_9) {
      return nothing(
          "DRBD " + status.version().orElse("9") + ": /proc/drbd holds no device state;"
              + " read drbdsetup status --json instead");
    }
    List<Subcheck> subchecks = new ArrayList<>();
    List<DrbdResource> checked = new ArrayList<>();
    List<Subcheck> unconfigured = new ArrayList<>();
    if (options.selected().isEmpty()) {
      checked.addAll(status.resources());
      for (int minor : status.unconfiguredMinors()) {
        unconfigured.add(new Subcheck(
            "drbd" + minor, "Unconfigured (ignored; select it with -r to require it)",
            List.of(), List.of(), List.of()));
      }
      if (checked.isEmpty()) {
        return nothing("no DRBD resources configured: nothing to monitor");
      }
    } else {
      for (String selector : options.selected()) {
        Optional<DrbdResource> match = find(status, selector);
        if (match.isPresent()) {
          if (!checked.contains(match.get())) {
            checked.add(match.get());
          }
        } else if (isUnconfiguredMinor(status, selector)) {
          subchecks.add(new Subcheck(
              selector.startsWith("drbd") ? selector : "drbd" + selector, "Unconfigured",
              List.of(Finding.critical("selected device is unconfigured: not replicating")),
              List.of(), List.of()));
        } else {
          subchecks.add(new Subcheck(
              selector, "absent",
              List.of(Finding.critical("selected resource not found in "
                  + status.format().description())),
              List.of(), List.of()));
        }
      }
    }
    for (DrbdResource resource : checked) {
      subchecks.add(new ResourceEvaluation(resource, status.format(), options).subcheck());
    }
    subchecks.addAll(unconfigured);
    List<String> names = new ArrayList<>();
    for (DrbdResource resource : checked) {
      names.add(resource.name());
    }
    String okSummary = names.size() + (names.size() == 1 ? " resource" : " resources")
        + " healthy (" + abbreviate(names) + ")";
    if (options.selected().isEmpty() && !status.unconfiguredMinors().isEmpty()) {
      int n = status.unconfiguredMinors().size();
      okSummary += ", " + n + " unconfigured " + (n == 1 ? "minor" : "minors") + " ignored";
    }
    return new CheckResult(SERVICE, subchecks, okSummary);
  }

  private static CheckResult nothing(String message) {
    return new CheckResult(
        SERVICE,
        List.of(new Subcheck("drbd", "nothing to check", List.of(Finding.unknown(message)),
            List.of(), List.of())),
        message);
  }

  /** The resource named {@code selector}, or holding a volume with that minor. */
  public static Optional<DrbdResource> find(DrbdStatus status, String selector) {
    for (DrbdResource r : status.resources()) {
      if (r.name().equals(selector)) {
        return Optional.of(r);
      }
      for (DrbdVolume v : r.volumes()) {
        OptionalInt minor = v.minor();
        if (minor.isPresent() && Integer.toString(minor.getAsInt()).equals(selector)) {
          return Optional.of(r);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isUnconfiguredMinor(DrbdStatus status, String selector) {
    for (int minor : status.unconfiguredMinors()) {
      if (selector.equals(Integer.toString(minor)) || selector.equals("drbd" + minor)) {
        return true;
      }
    }
    return false;
  }

  private static String abbreviate(List<String> names) {
    if (names.size() <= MAX_NAMES_IN_SUMMARY) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, MAX_NAMES_IN_SUMMARY)) + ", ...";
  }

  /** The findings, summary and perfdata of one resource. */
  private static final class ResourceEvaluation {
    private final DrbdResource resource;
    private final DrbdStatus.Format format;
    private final DrbdPolicyOptions options;
    private final boolean multiVolume;
    private final List<Finding> findings = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private final List<PerfData> perfdata = new ArrayList<>();

    ResourceEvaluation(DrbdResource resource, DrbdStatus.Format format, DrbdPolicyOptions options) {
      this.resource = resource;
      this.format = format;
      this.options = options;
      this.multiVolume = resource.volumes().size() > 1;
    }

    Subcheck subcheck() {
      checkResource();
      for (DrbdVolume volume : resource.volumes()) {
        checkVolume(volume);
      }
      for (DrbdConnection connection : resource.connections()) {
        checkConnection(connection);
      }
      return new Subcheck(resource.name(), summary(), findings, details, perfdata);
    }

    private void checkResource() {
      Set<Suspension> suspensions = resource.suspensions();
      if (!suspensions.isEmpty()) {
        List<String> descriptions = new ArrayList<>();
        for (Suspension s : Suspension.values()) {
          if (suspensions.contains(s)) {
            descriptions.add(s.description());
          }
        }
        String reasons = String.join(", ", descriptions);
        findings.add(Finding.critical(
            "I/O suspended (" + reasons + "): applications writing to this device hang"));
      }
      if (options.expectRole().isPresent() && options.expectRole().get() != resource.role()) {
        findings.add(Finding.critical(
            "role " + resource.role().token() + ", expected " + options.expectRole().get().token()));
      }
      if (resource.role() == Role.PRIMARY && !options.allowDualPrimary()) {
        for (DrbdConnection c : resource.connections()) {
          if (c.peerRole() == Role.PRIMARY) {
            findings.add(Finding.critical("both nodes Primary"
                + (c.peer().isPresent() ? " (this node and peer " + c.peer().get() + ")" : "")
                + ": dual-primary is not allowed (--allow-dual-primary)"));
          }
        }
      }
      if (resource.writeOrdering().isPresent()) {
        details.add("write ordering: " + resource.writeOrdering().get().word());
      }
    }

    private void checkVolume(DrbdVolume volume) {
      String where = multiVolume ? "volume " + volume.volume() + ": " : "";
      DiskState disk = volume.disk();
      switch (disk) {
        case UPTODATE -> { }
        case CONSISTENT -> {
          if (format != DrbdStatus.Format.PROC_DRBD_0_7) {
            findings.add(Finding.warning(
                where + "local disk Consistent: not known to be UpToDate"));
          }
        }
        case INCONSISTENT -> {
          if (!resyncRunning(volume.volume())) {
            findings.add(Finding.critical(where
                + "local disk Inconsistent outside a resync: this node has no usable copy"));
          }
        }
        case OUTDATED -> {
          // In Behind mode DRBD itself marks the lagging side Outdated; the Behind warning covers it.
          if (!replicatingIn(volume.volume(), ReplicationState.BEHIND)) {
            findings.add(Finding.critical(
                where + "local disk Outdated: this node's data is stale, do not promote it"));
          }
        }
        case FAILED -> findings.add(Finding.critical(
            where + "local disk Failed: I/O error on the backing device"));
        case DISKLESS -> checkDiskless(where + "local disk", volume.client(),
            "no local copy, I/O goes over the network");
        case DUNKNOWN -> findings.add(Finding.critical(
            where + "local disk DUnknown: the node does not know its own disk state"));
        case ATTACHING, NEGOTIATING, DETACHING -> findings.add(Finding.warning(
            where + "local disk " + disk.token() + ": attach or detach in progress"));
      }
      if (volume.quorum().isPresent() && !volume.quorum().get()) {
        findings.add(Finding.critical(where + "quorum lost: I/O is frozen or fails"));
      }
      if (volume.activityLogSuspended().orElse(false)) {
        findings.add(Finding.warning(where + "activity log suspended"));
      }
      if (volume.congestion().isPresent()) {
        Congestion c = volume.congestion().get();
        if (c == Congestion.FROZEN || c == Congestion.CALLBACK) {
          findings.add(Finding.warning(where + c.description()));
        } else if (c != Congestion.NONE) {
          details.add(where + c.description());
        }
      }
      String label = resource.name() + (multiVolume ? "/" + volume.volume() : "");
      if (volume.stats().isPresent()) {
        DeviceStats s = volume.stats().get();
        perfdata.add(PerfData.of(label + "_disk_read", s.readBytes(), Unit.COUNTER));
        perfdata.add(PerfData.of(label + "_disk_written", s.writtenBytes(), Unit.COUNTER));
        details.add(where + "disk read " + Numbers.bytes(s.readBytes()) + ", written "
            + Numbers.bytes(s.writtenBytes()) + ", activity log writes " + s.activityLogWrites()
            + ", bitmap writes " + s.bitmapWrites() + ", application pending "
            + s.upperPending() + ", local pending " + s.lowerPending());
      }
    }

    /** Diskless is fine only for an intentional DRBD 9 client the operator allowed. */
    private void checkDiskless(String which, Optional<Boolean> client, String risk) {
      boolean intentional = client.orElse(false);
      if (!(intentional && options.allowDiskless())) {
        findings.add(Finding.critical(which + " Diskless: " + (intentional
            ? "intentional diskless client, but --allow-diskless was not given" : risk)));
      }
    }

    private boolean replicatingIn(int volume, ReplicationState state) {
      for (DrbdConnection c : resource.connections()) {
        for (DrbdPeerVolume pv : c.peerVolumes()) {
          if (pv.volume() == volume && pv.replication() == state) {
            return true;
          }
        }
      }
      return false;
    }

    private boolean resyncRunning(int volume) {
      for (DrbdConnection c : resource.connections()) {
        for (DrbdPeerVolume pv : c.peerVolumes()) {
          if (pv.volume() == volume
              && (pv.replication().isResync() || pv.replication().isResyncHandshake())) {
            return true;
          }
        }
      }
      return false;
    }

    private void checkConnection(DrbdConnection connection) {
      String peer = connection.peer().isPresent() ? "peer " + connection.peer().get() + ": " : "";
      ConnectionState state = connection.state();
      if (!state.isConnected()) {
        findings.add(Finding.critical(peer + state.token() + ": not replicating"
            + (state == ConnectionState.STANDALONE ? " (possible split brain)" : "")));
        return;
      }
      for (DrbdPeerVolume pv : connection.peerVolumes()) {
        checkPeerVolume(connection, pv);
      }
    }

    private void checkPeerVolume(DrbdConnection connection, DrbdPeerVolume pv) {
      Optional<String> peerName = connection.peer();
      String where = (multiVolume ? "volume " + pv.volume() + " " : "")
          + (peerName.isPresent() ? "peer " + peerName.get() : "");
      String prefix = where.isBlank() ? "" : where.strip() + ": ";
      ReplicationState rs = pv.replication();
      String stateWord = rs == ReplicationState.ESTABLISHED ? "Connected" : rs.token();
      if (rs.isResync()) {
        findings.add(Finding.warning(prefix + resyncMessage(rs, pv)));
      } else if (rs.isResyncHandshake()) {
        findings.add(Finding.warning(prefix + rs.token() + ": resync handshake in progress"));
      } else if (rs.isVerify()) {
        findings.add(Finding.ok(prefix + "online verify" + (pv.progress().isPresent()
            ? " " + Numbers.percent(pv.progress().get().percentDone()) + " done" : " running")));
      } else if (rs == ReplicationState.AHEAD) {
        findings.add(Finding.warning(
            prefix + "Ahead: the peer is falling behind, recent writes are not replicated yet"));
      } else if (rs == ReplicationState.BEHIND) {
        findings.add(Finding.warning(
            prefix + "Behind: this node lags behind the peer and is not up to date"));
      } else if (rs == ReplicationState.OFF) {
        findings.add(Finding.critical(prefix + "replication Off while Connected: not replicating"));
      }
      if (pv.peerDisk().isPresent()) {
        checkPeerDisk(prefix, stateWord, rs, pv.peerDisk().get(), pv);
      }

      String label = resource.name() + (multiVolume ? "/" + pv.volume() : "")
          + (peerName.isPresent() ? "@" + peerName.get() : "");
      if (pv.outOfSyncBytes().isPresent()) {
        long oos = pv.outOfSyncBytes().getAsLong();
        perfdata.add(PerfData.of(label + "_out_of_sync", oos, Unit.BYTES)
            .withThresholds(options.outOfSync()).withMin(0));
        // Against a peer that is not UpToDate every write is out of sync by design, and the
        // peer's disk state is already the finding.
        boolean peerCurrent = pv.peerDisk().isEmpty() || pv.peerDisk().get() == DiskState.UPTODATE;
        if ((rs == ReplicationState.ESTABLISHED || rs.isVerify()) && peerCurrent) {
          State s = options.outOfSync().evaluate(oos);
          if (s != State.OK) {
            findings.add(new Finding(s, prefix + "out-of-sync " + Numbers.bytes(oos)
                + " while connected and not resyncing: this data is not replicated"
                + " (a disconnect/connect resyncs it)"));
          }
        }
      }
      if (pv.progress().isPresent()) {
        perfdata.add(PerfData.of(label + "_sync", pv.progress().get().percentDone(), Unit.PERCENT)
            .withMin(0).withMax(100));
      } else if (pv.percentInSync().isPresent()) {
        perfdata.add(PerfData.of(label + "_sync", pv.percentInSync().getAsDouble(), Unit.PERCENT)
            .withMin(0).withMax(100));
      }
      if (pv.stats().isPresent()) {
        PeerStats s = pv.stats().get();
        perfdata.add(PerfData.of(label + "_net_sent", s.sentBytes(), Unit.COUNTER));
        perfdata.add(PerfData.of(label + "_net_received", s.receivedBytes(), Unit.COUNTER));
        details.add(prefix + "network sent " + Numbers.bytes(s.sentBytes()) + ", received "
            + Numbers.bytes(s.receivedBytes()) + ", pending " + s.pending() + ", unacked "
            + s.unacked());
      }
    }

    private void checkPeerDisk(
        String prefix, String stateWord, ReplicationState rs, DiskState peerDisk,
        DrbdPeerVolume pv) {
      boolean resync = rs.isResync() || rs.isResyncHandshake();
      switch (peerDisk) {
        case UPTODATE -> { }
        case DUNKNOWN -> findings.add(Finding.critical(prefix + "peer disk DUnknown while "
            + stateWord + ": the peer's data is unknown, a failover may roll data back"));
        case OUTDATED, INCONSISTENT -> {
          // Ahead: DRBD marks the peer Outdated until it catches up; the Ahead warning covers it.
          boolean aheadOutdated = rs == ReplicationState.AHEAD && peerDisk == DiskState.OUTDATED;
          if (!resync && !aheadOutdated) {
            findings.add(Finding.critical(prefix + "peer disk " + peerDisk.token()
                + " outside a resync: the peer holds no current copy, a failover would lose"
                + " data"));
          }
        }
        case FAILED -> findings.add(Finding.critical(
            prefix + "peer disk Failed: the peer lost its disk"));
        case DISKLESS -> checkDiskless(prefix + "peer disk", pv.peerClient(),
            "the peer has no copy of the data");
        case CONSISTENT -> findings.add(Finding.warning(
            prefix + "peer disk Consistent: not known to be UpToDate"));
        case ATTACHING, NEGOTIATING, DETACHING -> findings.add(Finding.warning(
            prefix + "peer disk " + peerDisk.token() + ": attach or detach in progress"));
      }
    }

    private String resyncMessage(ReplicationState rs, DrbdPeerVolume pv) {
      Optional<ResyncProgress> progress = pv.progress();
      if (progress.isPresent() && progress.get().stalled()) {
        return "resync stalled: " + rs.token() + " at "
            + Numbers.percent(progress.get().percentDone()) + ", no progress recently";
      }
      StringBuilder sb = new StringBuilder();
      if (rs.isPaused()) {
        sb.append("resync paused: ").append(rs.token());
        if (!pv.resyncSuspended().isEmpty()) {
          List<String> tokens = new ArrayList<>();
          for (ResyncSuspension by : ResyncSuspension.values()) {
            if (pv.resyncSuspended().contains(by)) {
              tokens.add(by.token());
            }
          }
          sb.append(" (by ").append(String.join(", ", tokens)).append(')');
        }
      } else {
        sb.append("resync in progress: ").append(rs.token());
      }
      if (progress.isPresent()) {
        ResyncProgress p = progress.get();
        sb.append(' ').append(Numbers.percent(p.percentDone())).append(" done");
        if (p.timeLeft().isPresent()) {
          sb.append(", ").append(Numbers.clock(p.timeLeft().get())).append(" left");
        }
      }
      return sb.toString();
    }

    private String summary() {
      if (format != DrbdStatus.Format.DRBDSETUP_STATUS_JSON) {
        return procSummary();
      }
      StringBuilder sb = new StringBuilder(resource.role().token());
      List<String> disks = new ArrayList<>();
      for (DrbdVolume v : resource.volumes()) {
        disks.add(v.disk().token());
      }
      sb.append(", disk ").append(String.join("/", disks));
      for (DrbdConnection c : resource.connections()) {
        sb.append("; peer ").append(c.peer().orElse("?")).append(' ');
        if (c.state().isConnected()) {
          List<String> peerDisks = new ArrayList<>();
          for (DrbdPeerVolume pv : c.peerVolumes()) {
            String peerDisk = pv.peerDisk().isPresent() ? pv.peerDisk().get().token() : "?";
            peerDisks.add(pv.replication() == ReplicationState.ESTABLISHED
                ? peerDisk : pv.replication().token() + " " + peerDisk);
          }
          sb.append(c.peerRole().token()).append(' ').append(String.join("/", peerDisks));
        } else {
          sb.append(c.state().token());
        }
      }
      return sb.toString();
    }

    // /proc/drbd has one volume and one peer: "Connected Primary/Secondary UpToDate/UpToDate"
    private String procSummary() {
      DrbdConnection c = resource.connections().get(0);
      DrbdPeerVolume pv = c.peerVolumes().get(0);
      DrbdVolume v = resource.volumes().get(0);
      String cs = !c.state().isConnected() ? c.state().token()
          : pv.replication() == ReplicationState.ESTABLISHED ? "Connected"
          : pv.replication().token();
      String disks = v.disk().token()
          + (pv.peerDisk().isPresent() ? "/" + pv.peerDisk().get().token() : "");
      String progress = pv.progress().isPresent()
          ? " " + Numbers.percent(pv.progress().get().percentDone()) : "";
      return cs + " " + resource.role().token() + "/" + c.peerRole().token() + " " + disks
          + progress;
    }
  }
}
