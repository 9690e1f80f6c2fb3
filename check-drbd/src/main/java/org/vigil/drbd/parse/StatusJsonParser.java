package org.vigil.drbd.parse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.vigil.core.JsonReader;
import org.vigil.core.ParseException;
import org.vigil.core.Vocabulary;
import org.vigil.drbd.model.ConnectionState;
import org.vigil.drbd.model.DeviceStats;
import org.vigil.drbd.model.DiskState;
import org.vigil.drbd.model.DrbdConnection;
import org.vigil.drbd.model.DrbdPeerVolume;
import org.vigil.drbd.model.DrbdResource;
import org.vigil.drbd.model.DrbdStatus;
import org.vigil.drbd.model.DrbdVolume;
import org.vigil.drbd.model.Kibibytes;
import org.vigil.drbd.model.PeerStats;
import org.vigil.drbd.model.ReplicationState;
import org.vigil.drbd.model.ResyncProgress;
import org.vigil.drbd.model.ResyncSuspension;
import org.vigil.drbd.model.Role;
import org.vigil.drbd.model.Suspension;
import org.vigil.drbd.model.WriteOrdering;

/**
 * Parses {@code drbdsetup status --json} of DRBD 9 (drbd-utils user/v9/drbdsetup.c, {@code
 * resource_status_json} and friends).
 *
 * <p>Members we do not use are ignored, because drbd-utils adds members between releases; the
 * members the policy needs are required, and every state value must be a known word.
 */
public final class StatusJsonParser {

  public DrbdStatus parse(String text, String source) throws ParseException {
    JsonReader.Value root = JsonReader.parse(text, source);
    Reader r = new Reader(source);
    List<DrbdResource> resources = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonReader.Value item : r.array(root, "the top level").items()) {
      DrbdResource resource = resource(r, r.object(item, "a resource"));
      if (!names.add(resource.name())) {
        throw new ParseException(source, item.line(), resource.name(), "resource listed twice");
      }
      resources.add(resource);
    }
    return new DrbdStatus(
        DrbdStatus.Format.DRBDSETUP_STATUS_JSON, Optional.empty(), resources, List.of());
  }

  private static DrbdResource resource(Reader r, JsonReader.Obj o) throws ParseException {
    String name = r.string(o, "name");
    if (name.isEmpty()) {
      throw new ParseException(r.source, o.line(), name, "empty resource name");
    }
    Role role = r.word(o, "role", Role.VOCABULARY);
    Set<Suspension> suspensions = EnumSet.noneOf(Suspension.class);
    addIf(suspensions, r.optionalBoolean(o, "suspended-user"), Suspension.USER);
    addIf(suspensions, r.optionalBoolean(o, "suspended-no-data"), Suspension.NO_DATA);
    addIf(suspensions, r.optionalBoolean(o, "suspended-fencing"), Suspension.FENCING);
    addIf(suspensions, r.optionalBoolean(o, "suspended-quorum"), Suspension.QUORUM);
    Optional<Boolean> suspended = r.optionalBoolean(o, "suspended");
    if (suspended.orElse(false) && suspensions.isEmpty()) {
      suspensions.add(Suspension.UNSPECIFIED);
    }
    if (suspended.isPresent() && !suspended.get() && !suspensions.isEmpty()) {
      throw new ParseException(
          r.source, o.line(), name, "'suspended' is false but a suspended-* reason is true");
    }
    Optional<WriteOrdering> writeOrdering = o.members().containsKey("write-ordering")
        ? Optional.of(r.word(o, "write-ordering", WriteOrdering.WORDS)) : Optional.empty();
    List<DrbdVolume> volumes = new ArrayList<>();
    Set<Integer> volumeNumbers = new HashSet<>();
    for (JsonReader.Value v : r.array(r.member(o, "devices"), "devices").items()) {
      JsonReader.Obj d = r.object(v, "a device");
      DrbdVolume volume = device(r, d);
      if (!volumeNumbers.add(volume.volume())) {
        throw new ParseException(
            r.source, d.line(), Integer.toString(volume.volume()), "volume listed twice");
      }
      volumes.add(volume);
    }
    List<DrbdConnection> connections = new ArrayList<>();
    for (JsonReader.Value v : r.array(r.member(o, "connections"), "connections").items()) {
      connections.add(connection(r, r.object(v, "a connection")));
    }
    return new DrbdResource(name, role, suspensions, writeOrdering, volumes, connections);
  }

  private static DrbdVolume device(Reader r, JsonReader.Obj d) throws ParseException {
    int volume = r.integer(d, "volume");
    int minor = r.integer(d, "minor");
    DiskState disk = r.word(d, "disk-state", DiskState.VOCABULARY);
    Optional<DeviceStats> stats = Optional.empty();
    if (d.members().containsKey("read") || d.members().containsKey("written")) {
      stats = Optional.of(new DeviceStats(
          r.optionalKib(d, "size"),
          r.kib(d, "read"),
          r.kib(d, "written"),
          r.count(d, "al-writes"),
          r.count(d, "bm-writes"),
          r.count(d, "upper-pending"),
          r.count(d, "lower-pending")));
    }
    return new DrbdVolume(
        volume, OptionalInt.of(minor), disk, r.optionalBoolean(d, "client"),
        r.optionalBoolean(d, "quorum"), r.optionalBoolean(d, "al-suspended"), Optional.empty(),
        stats);
  }

  private static DrbdConnection connection(Reader r, JsonReader.Obj c) throws ParseException {
    String peer = r.string(c, "name");
    OptionalInt peerNodeId = c.members().containsKey("peer-node-id")
        ? OptionalInt.of(r.integer(c, "peer-node-id")) : OptionalInt.empty();
    ConnectionState state = r.word(c, "connection-state", ConnectionState.VOCABULARY);
    Role peerRole = r.word(c, "peer-role", Role.VOCABULARY);
    List<DrbdPeerVolume> peerVolumes = new ArrayList<>();
    JsonReader.Value devices = c.members().get("peer_devices");
    if (devices == null) {
      throw new ParseException(r.source, c.line(), peer, "connection without 'peer_devices'");
    }
    for (JsonReader.Value v : r.array(devices, "peer_devices").items()) {
      peerVolumes.add(peerDevice(r, r.object(v, "a peer device")));
    }
    return new DrbdConnection(
        Optional.of(peer), peerNodeId, state, peerRole, r.optionalBoolean(c, "congested"),
        peerVolumes);
  }

  private static DrbdPeerVolume peerDevice(Reader r, JsonReader.Obj p) throws ParseException {
    int volume = r.integer(p, "volume");
    ReplicationState replication = r.word(p, "replication-state", ReplicationState.VOCABULARY);
    DiskState peerDisk = r.word(p, "peer-disk-state", DiskState.VOCABULARY);
    Set<ResyncSuspension> resyncSuspended = EnumSet.noneOf(ResyncSuspension.class);
    if (p.members().containsKey("resync-suspended")) {
      JsonReader.Str value = r.str(p, "resync-suspended");
      if (!value.value().equals("no")) {
        for (String word : value.value().split(",", -1)) {
          resyncSuspended.add(ResyncSuspension.VOCABULARY.parse(word, r.source, value.line()));
        }
      }
    }
    Optional<PeerStats> stats = Optional.empty();
    if (p.members().containsKey("sent") || p.members().containsKey("received")) {
      stats = Optional.of(new PeerStats(
          r.kib(p, "sent"), r.kib(p, "received"), r.count(p, "pending"), r.count(p, "unacked")));
    }
    OptionalDouble percentInSync = r.optionalPercent(p, "percent-in-sync");
    Optional<ResyncProgress> progress = Optional.empty();
    OptionalDouble done = r.optionalPercent(p, "percent-resync-done");
    if (done.isPresent()) {
      OptionalLong eta = r.optionalCount(p, "estimated-seconds-to-finish");
      progress = Optional.of(new ResyncProgress(
          done.getAsDouble(), r.optionalKib(p, "out-of-sync"), r.optionalKib(p, "rs-total"),
          // drbdsetup prints 987654321 when it cannot estimate
          eta.isPresent() && eta.getAsLong() != 987654321L
              ? Optional.of(java.time.Duration.ofSeconds(eta.getAsLong())) : Optional.empty(),
          OptionalLong.empty(), false));
    }
    return new DrbdPeerVolume(
        volume, replication, Optional.of(peerDisk), r.optionalBoolean(p, "peer-client"),
        resyncSuspended, r.optionalKib(p, "out-of-sync"), percentInSync, progress, stats);
  }

  private static void addIf(Set<Suspension> set, Optional<Boolean> flag, Suspension s) {
    if (flag.orElse(false)) {
      set.add(s);
    }
  }

  private static final BigDecimal MAX_PERCENT = BigDecimal.valueOf(1e12);

  /** Typed access to members, every failure naming the member and its line. */
  private static final class Reader {
    final String source;

    Reader(String source) {
      this.source = source;
    }

    JsonReader.Value member(JsonReader.Obj o, String name) throws ParseException {
      JsonReader.Value v = o.members().get(name);
      if (v == null) {
        throw new ParseException(source, o.line(), name, "missing member");
      }
      return v;
    }

    JsonReader.Obj object(JsonReader.Value v, String what) throws ParseException {
      if (v instanceof JsonReader.Obj o) {
        return o;
      }
      throw new ParseException(source, v.line(), kind(v), "expected " + what + " (a JSON object)");
    }

    JsonReader.Arr array(JsonReader.Value v, String what) throws ParseException {
      if (v instanceof JsonReader.Arr a) {
        return a;
      }
      throw new ParseException(source, v.line(), kind(v), "expected " + what + " to be an array");
    }

    JsonReader.Str str(JsonReader.Obj o, String name) throws ParseException {
      JsonReader.Value v = member(o, name);
      if (v instanceof JsonReader.Str s) {
        return s;
      }
      throw new ParseException(source, v.line(), name, "expected a string");
    }

    String string(JsonReader.Obj o, String name) throws ParseException {
      return str(o, name).value();
    }

    <E extends Enum<E>> E word(JsonReader.Obj o, String name, Vocabulary<E> vocabulary)
        throws ParseException {
      JsonReader.Str s = str(o, name);
      return vocabulary.parse(s.value(), source, s.line());
    }

    Optional<Boolean> optionalBoolean(JsonReader.Obj o, String name) throws ParseException {
      JsonReader.Value v = o.members().get(name);
      if (v == null) {
        return Optional.empty();
      }
      if (v instanceof JsonReader.Bool b) {
        return Optional.of(b.value());
      }
      throw new ParseException(source, v.line(), name, "expected true or false");
    }

    int integer(JsonReader.Obj o, String name) throws ParseException {
      long value = count(o, name);
      if (value > Integer.MAX_VALUE) {
        throw new ParseException(source, member(o, name).line(), name, "number out of range");
      }
      return (int) value;
    }

    /** A non-negative integer. */
    long count(JsonReader.Obj o, String name) throws ParseException {
      JsonReader.Value v = member(o, name);
      if (!(v instanceof JsonReader.Num n)) {
        throw new ParseException(source, v.line(), name, "expected a number");
      }
      try {
        long value = n.value().longValueExact();
        if (value < 0) {
          throw new ParseException(source, v.line(), n.text(), "negative value for '" + name + "'");
        }
        return value;
      } catch (ArithmeticException e) {
        throw new ParseException(
            source, v.line(), n.text(), "expected a whole number for '" + name + "'");
      }
    }

    OptionalLong optionalCount(JsonReader.Obj o, String name) throws ParseException {
      return o.members().containsKey(name) ? OptionalLong.of(count(o, name)) : OptionalLong.empty();
    }

    long kib(JsonReader.Obj o, String name) throws ParseException {
      long value = count(o, name);
      try {
        return Kibibytes.toBytes(value);
      } catch (ArithmeticException e) {
        throw new ParseException(source, member(o, name).line(), name, "number too large");
      }
    }

    OptionalLong optionalKib(JsonReader.Obj o, String name) throws ParseException {
      return o.members().containsKey(name) ? OptionalLong.of(kib(o, name)) : OptionalLong.empty();
    }

    OptionalDouble optionalPercent(JsonReader.Obj o, String name) throws ParseException {
      JsonReader.Value v = o.members().get(name);
      if (v == null) {
        return OptionalDouble.empty();
      }
      if (!(v instanceof JsonReader.Num n)) {
        throw new ParseException(source, v.line(), name, "expected a number");
      }
      BigDecimal value = n.value();
      // drbdsetup prints 100 * (1 - out-of-sync / size) unclamped, so a peer with more known
      // out-of-sync data than the device size (e.g. after a resize) shows a negative value.
      // Above 100 is impossible.
      if (value.compareTo(BigDecimal.valueOf(100)) > 0 || value.abs().compareTo(MAX_PERCENT) > 0) {
        throw new ParseException(source, v.line(), n.text(), "percentage above 100");
      }
      return OptionalDouble.of(value.doubleValue());
    }

    private static String kind(JsonReader.Value v) {
      if (v instanceof JsonReader.Obj) {
        return "{...}";
      } else if (v instanceof JsonReader.Arr) {
        return "[...]";
      } else if (v instanceof JsonReader.Str s) {
        return s.value();
      } else if (v instanceof JsonReader.Num n) {
        return n.text();
      } else if (v instanceof JsonReader.Bool b) {
        return Boolean.toString(b.value());
      }
      return "null";
    }
  }
}
