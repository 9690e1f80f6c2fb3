package org.vigil.raid.policy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.vigil.core.Finding;
import org.vigil.core.Numbers;
import org.vigil.core.PerfData;
import org.vigil.core.PerfData.Unit;
import org.vigil.core.Subcheck;
import org.vigil.raid.md.ArrayState;
import org.vigil.raid.md.DetailStateFlag;
import org.vigil.raid.md.DeviceRowState;
import org.vigil.raid.md.MdArray;
import org.vigil.raid.md.MdArrayDetail;
import org.vigil.raid.md.MdBitmap;
import org.vigil.raid.md.MdDetailProgress;
import org.vigil.raid.md.MdDetailState;
import org.vigil.raid.md.MdDeviceRow;
import org.vigil.raid.md.MdGeometry;
import org.vigil.raid.md.MdLevel;
import org.vigil.raid.md.MdMember;
import org.vigil.raid.md.MdNames;
import org.vigil.raid.md.MdReadOnly;
import org.vigil.raid.md.MdScanEntry;
import org.vigil.raid.md.MdSlots;
import org.vigil.raid.md.MdSync;
import org.vigil.raid.md.MdSyncAction;
import org.vigil.raid.md.MdSyncPhase;
import org.vigil.raid.md.MdSysfs;
import org.vigil.raid.md.MdadmDetail;
import org.vigil.raid.md.Mdstat;
import org.vigil.raid.md.MdstatArrayState;
import org.vigil.raid.md.SysfsSyncAction;

/**
 * The Linux md policy: a pure function from parsed /proc/mdstat, {@code mdadm --detail} and sysfs
 * to one {@link Subcheck} per array. The README's md policy table quotes this class's messages.
 *
 * <p>CRITICAL: degraded with no recovery running (or with a recovery that leaves no redundancy
 * until it completes, or that cannot fill every empty slot); a faulty member (F) of a degraded or
 * non-redundant array; a failed journal; an inactive (not a container), broken, clear or suspended
 * array; {@code FAILED} or {@code Not Started} in {@code mdadm --detail}; a removed slot; a
 * selected array that is absent. WARNING: degraded while recovering or reshaping with redundancy
 * left; resync/reshape running; resync DELAYED/PENDING/REMOTE; mismatch_cnt &gt; 0; read-only;
 * auto-read-only with {@code --warn-read-only}; a replacement (R) in progress; a failed spare on a
 * full array; sync_action frozen; sysfs and /proc/mdstat disagreeing on the missing count. OK:
 * all in sync, spares, check/repair running on a healthy array, containers, raid0/linear active.
 * UNKNOWN: an array known only from {@code mdadm --detail --scan} (no health information).
 *
 * <p>When several sources describe one array, /proc/mdstat is evaluated first, then {@code mdadm
 * --detail}, then {@code --scan}, then sysfs; a later source only adds findings on topics the
 * earlier ones did not cover (so FAILED and Not Started from {@code --detail} always count).
 */
public final class MdPolicy {
  private MdPolicy() {}

  /**
   * @param mdstat the parsed /proc/mdstat, if read
   * @param details parsed {@code mdadm --detail} or {@code --detail --scan} outputs
   * @param sysfs sysfs attributes by array name ({@link org.vigil.raid.md.MdSysfsReader})
   * @return one subcheck per array, in source order; empty when there is no array at all
   */
  public static List<Subcheck> evaluate(
      Optional<Mdstat> mdstat, List<MdadmDetail> details, Map<String, MdSysfs> sysfs,
      MdPolicyOptions options) {
    Map<String, Inputs> arrays = new LinkedHashMap<>();
    if (mdstat.isPresent()) {
      for (MdArray a : mdstat.get().arrays()) {
        inputs(arrays, a.name()).mdstat = a;
      }
    }
    for (MdadmDetail d : details) {
      for (MdArrayDetail a : d.arrays()) {
        inputs(arrays, a.name()).details.add(a);
      }
      for (MdScanEntry s : d.scanEntries()) {
        inputs(arrays, s.name()).scans.add(s);
      }
    }
    boolean onlySysfs = mdstat.isEmpty() && details.isEmpty();
    for (MdSysfs s : sysfs.values()) {
      if (arrays.containsKey(s.name())) {
        arrays.get(s.name()).sysfs = s;
      } else if (onlySysfs && s.arrayState().orElse(null) != ArrayState.CLEAR) {
        inputs(arrays, s.name()).sysfs = s;
      }
    }
    List<Subcheck> result = new ArrayList<>();
    if (options.selectedArrays().isEmpty()) {
      for (Map.Entry<String, Inputs> e : arrays.entrySet()) {
        result.add(new Evaluation(e.getKey(), e.getValue(), options).subcheck());
      }
      return result;
    }
    Set<String> selected = new LinkedHashSet<>();
    for (String s : options.selectedArrays()) {
      selected.add(MdNames.normalize(s));
    }
    for (String name : selected) {
      Inputs in = arrays.get(name);
      if (in == null) {
        result.add(new Subcheck(name, "absent", List.of(Finding.critical(
            "selected array not found in " + sources(mdstat, details, sysfs))),
            List.of(), List.of()));
      } else {
        result.add(new Evaluation(name, in, options).subcheck());
      }
    }
    return result;
  }

  private static String sources(
      Optional<Mdstat> mdstat, List<MdadmDetail> details, Map<String, MdSysfs> sysfs) {
    List<String> s = new ArrayList<>();
    if (mdstat.isPresent()) {
      s.add("/proc/mdstat");
    }
    if (!details.isEmpty()) {
      s.add("mdadm --detail");
    }
    if (s.isEmpty()) {
      s.add("sysfs");
    }
    return String.join(" or ", s);
  }

  private static Inputs inputs(Map<String, Inputs> arrays, String name) {
    Inputs in = arrays.get(name);
    if (in == null) {
      in = new Inputs();
      arrays.put(name, in);
    }
    return in;
  }

  /** Compiled at first use, not at every start: only mdadm --detail of a RAID10 needs it. */
  private static final class Raid10Layout {
    static final Pattern COPIES = Pattern.compile("(?:near|far|offset)=(\\d+)");
  }

  /** Everything known about one array. */
  private static final class Inputs {
    MdArray mdstat;
    final List<MdArrayDetail> details = new ArrayList<>();
    final List<MdScanEntry> scans = new ArrayList<>();
    MdSysfs sysfs;
  }

  /** What a finding is about, so a second source does not repeat the first one's verdict. */
  private enum Topic {
    CONTAINER, AVAILABILITY, FAILED, NOT_STARTED, DEGRADED, SYNC, FAULTY, JOURNAL, REPLACEMENT,
    READ_ONLY, SUSPENDED, MISMATCH, FROZEN, SOURCES, NO_HEALTH
  }

  /** The findings, summary, details and perfdata of one array. */
  private static final class Evaluation {
    private final String name;
    private final Inputs in;
    private final MdPolicyOptions options;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<Topic> topics = EnumSet.noneOf(Topic.class);
    private final List<String> details = new ArrayList<>();
    private final List<PerfData> perfdata = new ArrayList<>();
    private final Set<String> perfLabels = new LinkedHashSet<>();
    private String summary;

    Evaluation(String name, Inputs in, MdPolicyOptions options) {
      this.name = name;
      this.in = in;
      this.options = options;
    }

    Subcheck subcheck() {
      if (in.mdstat != null) {
        fromMdstat(in.mdstat);
      }
      for (MdArrayDetail d : in.details) {
        fromDetail(d);
      }
      for (MdScanEntry s : in.scans) {
        fromScan(s);
      }
      if (in.sysfs != null) {
        fromSysfs(in.sysfs);
      }
      return new Subcheck(name, summary == null ? "no information" : summary, findings, details,
          perfdata);
    }

    private void add(Topic topic, Finding finding) {
      topics.add(topic);
      findings.add(finding);
    }

    private boolean covered(Topic topic) {
      return topics.contains(topic);
    }

    private void perf(String suffix, double value, Unit unit, Double max) {
      String label = name + "_" + suffix;
      if (!perfLabels.add(label)) {
        return;
      }
      PerfData pd = PerfData.of(label, value, unit).withMin(0);
      perfdata.add(max == null ? pd : pd.withMax(max));
    }

    // ------------------------------------------------------------------ /proc/mdstat

    private void fromMdstat(MdArray a) {
      List<String> members = new ArrayList<>();
      for (MdMember m : a.members()) {
        members.add(m.text());
      }
      details.add("members: " + String.join(" ", members));
      if (a.bitmap().isPresent()) {
        MdBitmap b = a.bitmap().get();
        details.add("bitmap: " + b.pagesInMemory() + "/" + b.pages()
            + " pages in memory, " + Numbers.bytes(b.chunkBytes()) + " per bit"
            + (b.file().isPresent() ? ", file " + b.file().get() : ""));
      }
      String sup = "super " + a.metadata().text();
      if (a.isContainer()) {
        summary = "container, " + sup + ", " + count(a.members().size(), "member");
        add(Topic.CONTAINER, Finding.ok("container of " + a.metadata().text().substring(
            "external:".length()) + " metadata: holds no data itself, its member arrays are"
            + " checked on their own"));
        return;
      }
      if (a.state() == MdstatArrayState.INACTIVE) {
        summary = "inactive, " + sup + ", " + count(a.members().size(), "member");
        add(Topic.AVAILABILITY, Finding.critical("inactive: the array is not running, its data"
            + " is not available (members " + devices(a.members()) + ")"));
        return;
      }
      MdLevel level = a.level().orElseThrow();
      Optional<MdSync> sync = a.sync();
      boolean repair = sync.isPresent() && sync.get().action() == MdSyncAction.RESYNC
          && in.sysfs != null && in.sysfs.syncAction().orElse(null) == SysfsSyncAction.REPAIR;

      StringBuilder sb = new StringBuilder(level.token()).append(' ').append(a.state().token());
      if (a.readOnly() != MdReadOnly.READ_WRITE) {
        sb.append(' ').append(a.readOnly().token());
      }
      if (a.slots().isPresent()) {
        sb.append(' ').append(a.slots().get().text());
      } else {
        sb.append(", ").append(count(a.members().size(), "member"));
      }
      sb.append(", ").append(sup);
      if (a.geometry().chunkKib().isPresent() && !level.redundant()) {
        sb.append(", ").append(a.geometry().chunkKib().getAsInt()).append("k chunks");
      }
      if (a.geometry().roundingKib().isPresent()) {
        sb.append(", ").append(a.geometry().roundingKib().getAsInt()).append("k rounding");
      }
      List<MdMember> faulty = new ArrayList<>();
      List<MdMember> replacements = new ArrayList<>();
      long spares = 0;
      int occupied = 0;
      for (MdMember m : a.members()) {
        if (m.faulty()) {
          faulty.add(m);
        } else if (m.spare()) {
          spares++;
        }
        if (m.replacement() && !m.faulty()) {
          replacements.add(m);
        }
        if (!m.spare() && !m.faulty() && !m.journal() && !m.replacement()) {
          occupied++;
        }
      }
      long faultyCount = faulty.size();
      if (spares > 0) {
        sb.append(", ").append(count((int) spares, "spare"));
      }
      if (faultyCount > 0) {
        sb.append(", ").append(faultyCount).append(" faulty");
      }
      if (sync.isPresent()) {
        sb.append(", ").append(shortSync(sync.get(), repair));
      }
      summary = sb.toString();

      if (a.state() == MdstatArrayState.BROKEN) {
        add(Topic.AVAILABILITY, Finding.critical("broken: a member of this " + level.token()
            + " array failed or is missing, the array cannot serve all of its data"));
      }
      readOnly(a.readOnly() == MdReadOnly.READ_ONLY, a.readOnly() == MdReadOnly.AUTO_READ_ONLY);

      boolean degraded = a.slots().isPresent() && a.slots().get().missing() > 0;
      List<MdMember> journal = new ArrayList<>();
      List<MdMember> data = new ArrayList<>();
      for (MdMember m : faulty) {
        (m.journal() ? journal : data).add(m);
      }
      if (!journal.isEmpty()) {
        add(Topic.JOURNAL, Finding.critical("journal device " + devices(journal)
            + " faulty (J)(F): the array lost its write journal, the kernel keeps it read-only"));
      }
      if (!data.isEmpty()) {
        if (!level.redundant()) {
          add(Topic.FAULTY, Finding.critical(faultyNoun(data.size()) + " " + devices(data)
              + " (F): " + level.token() + " has no redundancy, the data on "
              + (data.size() == 1 ? "it" : "them") + " is lost"));
        } else if (degraded) {
          add(Topic.FAULTY, Finding.critical(faultyNoun(data.size()) + " " + devices(data)
              + " (F): " + kickedOut(data.size())));
        } else {
          add(Topic.FAULTY, Finding.warning("failed spare: " + devices(data) + " marked faulty"
              + " (F) while all " + (a.slots().isPresent() ? a.slots().get().raidDisks() : 0)
              + " slots are in"
              + " sync; the array has lost a spare, replace the disk"));
        }
      }

      if (a.slots().isPresent()) {
        MdSlots slots = a.slots().get();
        perf("degraded", slots.missing(), Unit.NONE, (double) slots.raidDisks());
        if (degraded) {
          int empty = Math.max(0, slots.raidDisks() - occupied);
          boolean rebuilding = sync.isPresent() && sync.get().inProgress()
              && (sync.get().action() == MdSyncAction.RECOVERY
                  || sync.get().action() == MdSyncAction.RESHAPE);
          String extra = "";
          if (sync.isPresent() && !rebuilding) {
            extra = notRecoveryNote(sync.get(), repair);
          }
          degradedFinding(slots.raidDisks(), slots.missing(),
              remaining(level, slots, a.geometry()), rebuilding,
              rebuilding ? actionWord(sync.get(), false) : "", rebuilding
                  ? syncText(sync.get(), false) : "", empty, "", extra);
        } else if (sync.isPresent()) {
          syncFinding(sync.get(), repair, replacements);
        }
      } else {
        perf("degraded", faultyCount, Unit.NONE, (double) a.members().size());
        details.add(level.token() + " has no redundancy: one failed disk loses the array");
      }
      if (!replacements.isEmpty() && !covered(Topic.REPLACEMENT)) {
        add(Topic.REPLACEMENT, Finding.warning("replacement in progress: " + devices(replacements)
            + " (R) is being rebuilt to take over a member's slot"));
      }
      if (sync.isPresent() && sync.get().percent().isPresent()) {
        perf("sync", sync.get().percent().getAsDouble(), Unit.PERCENT, 100.0);
      }
    }

    private static String faultyNoun(int n) {
      return n == 1 ? "faulty member" : "faulty members";
    }

    private static String kickedOut(int n) {
      return n == 1 ? "it was kicked out of the array, replace the disk"
          : "they were kicked out of the array, replace the disks";
    }

    private static String devices(List<MdMember> members) {
      List<String> devices = new ArrayList<>();
      for (MdMember m : members) {
        devices.add(m.device());
      }
      return String.join(", ", devices);
    }

    private void readOnly(boolean readOnly, boolean autoReadOnly) {
      if (covered(Topic.READ_ONLY)) {
        return;
      }
      if (readOnly) {
        add(Topic.READ_ONLY, Finding.warning("read-only: writes to the array fail"));
      } else if (autoReadOnly) {
        add(Topic.READ_ONLY, options.warnReadOnly()
            ? Finding.warning("auto-read-only: not written since assembly, switches to"
                + " read-write at the first write (--warn-read-only)")
            : Finding.ok("auto-read-only: switches to read-write at the first write"));
      }
    }

    /** The shared degraded verdict of /proc/mdstat and mdadm --detail. */
    private void degradedFinding(
        int n, int missing, int remaining, boolean rebuilding, String what, String progress,
        int emptySlots, String removedNote, String extra) {
      if (covered(Topic.DEGRADED)) {
        return;
      }
      String members = missing + " of " + n + " members missing" + removedNote;
      String survives = "survives " + remaining + " more disk failure"
          + (remaining == 1 ? "" : "s");
      Finding f;
      if (!rebuilding) {
        f = Finding.critical("degraded: " + members + " and no recovery running, "
            + (remaining > 0 ? "redundancy reduced (" + survives + ")"
                : "redundancy lost: another disk failure loses data") + extra);
      } else if (remaining <= 0) {
        f = Finding.critical("degraded, " + progress + ": " + members
            + ", no redundancy until it completes: another disk failure loses data");
      } else if (emptySlots > 0) {
        f = Finding.critical("degraded, " + progress + ": " + members + ", " + emptySlots
            + " of them with no device to rebuild onto: the array stays degraded after the "
            + what);
      } else {
        f = Finding.warning("degraded, " + progress + ": " + members
            + ", less redundancy until it completes (" + survives + ")");
      }
      add(Topic.DEGRADED, f);
    }

    private static String notRecoveryNote(MdSync s, boolean repair) {
      return switch (s.phase()) {
        case DELAYED -> "; its recovery is queued (resync=DELAYED) behind another array";
        case PENDING -> "; resync=PENDING";
        case REMOTE, RUNNING -> "; a " + actionWord(s, repair) + " is running, not a recovery";
      };
    }

    /** Findings for a sync on an array that is not degraded. */
    private void syncFinding(MdSync s, boolean repair, List<MdMember> replacements) {
      if (covered(Topic.SYNC)) {
        return;
      }
      String text = syncText(s, repair);
      Finding f = switch (s.phase()) {
        case DELAYED -> Finding.warning("resync queued (resync=DELAYED) behind another array on"
            + " the same disks");
        case PENDING -> Finding.warning("resync pending (resync=PENDING): the array needs a"
            + " resync, which starts at its first write; until then its redundancy is not"
            + " guaranteed");
        case REMOTE -> Finding.warning(text);
        case RUNNING -> switch (s.action()) {
          case CHECK -> Finding.ok(text);
          case RESYNC -> repair ? Finding.ok(text) : Finding.warning(text + "; until it"
              + " completes, regions not yet synced have no guaranteed redundancy");
          case RESHAPE -> Finding.warning(text + "; the array's layout is being changed,"
              + " do not interrupt it");
          case RECOVERY -> replacements.isEmpty()
              ? Finding.warning(text + " onto a spare although all slots are in sync")
              : null;
        };
      };
      if (f == null) {
        add(Topic.REPLACEMENT, Finding.warning("replacement in progress: "
            + devices(replacements) + " (R) is being rebuilt to take over a member's slot, "
            + text));
        topics.add(Topic.SYNC);
        return;
      }
      add(Topic.SYNC, f);
    }

    private static String actionWord(MdSync s, boolean repair) {
      return switch (s.action()) {
        case RESYNC -> repair ? "repair" : "resync";
        case RECOVERY -> "recovery";
        case CHECK -> "check";
        case RESHAPE -> "reshape";
      };
    }

    /** e.g. {@code recovery 29.2% done, about 212.1 min left}. */
    private static String syncText(MdSync s, boolean repair) {
      String word = actionWord(s, repair);
      return switch (s.phase()) {
        case RUNNING -> word + " " + Numbers.percent(s.percent().orElse(0)) + " done, about "
            + Numbers.oneDecimal(s.finishMinutes().orElse(0)) + " min left";
        case DELAYED -> word + " queued (resync=DELAYED)";
        case PENDING -> word + " pending (resync=PENDING)";
        case REMOTE -> word + " running on another cluster node ("
            + (s.action() == MdSyncAction.RECOVERY ? "recover" : s.action().token())
            + "=REMOTE)";
      };
    }

    private static String shortSync(MdSync s, boolean repair) {
      String word = actionWord(s, repair);
      return switch (s.phase()) {
        case RUNNING -> word + " " + Numbers.percent(s.percent().orElse(0));
        case DELAYED -> word + "=DELAYED";
        case PENDING -> word + "=PENDING";
        case REMOTE -> (s.action() == MdSyncAction.RECOVERY ? "recover" : s.action().token())
            + "=REMOTE";
      };
    }

    /** Further disk failures the array survives (negative: more missing than it survives). */
    private static int remaining(MdLevel level, MdSlots slots, MdGeometry g) {
      int n = slots.raidDisks();
      int missing = slots.missing();
      switch (level) {
        case RAID1:
          return n - missing - 1;
        case RAID4:
        case RAID5:
          return 1 - missing;
        case RAID6:
          return 2 - missing;
        case RAID10:
          int near = g.nearCopies().orElse(1);
          boolean farOrOffset = g.farCopies().isPresent() || g.offsetCopies().isPresent();
          if (!farOrOffset && near > 1 && n % near == 0 && slots.map().length() == n) {
            // near layout: consecutive groups of `near` slots mirror each other
            int min = Integer.MAX_VALUE;
            for (int s = 0; s < n; s += near) {
              int alive = 0;
              for (int k = s; k < s + near; k++) {
                if (slots.map().charAt(k) == 'U') {
                  alive++;
                }
              }
              min = Math.min(min, alive - 1);
            }
            return min;
          }
          return g.raid10Copies() - 1 - missing;
        default:
          return 0;
      }
    }

    // ------------------------------------------------------------------ mdadm --detail

    private void fromDetail(MdArrayDetail d) {
      Optional<MdDetailState> st = d.state();
      List<String> parts = new ArrayList<>();
      st.ifPresent(s -> parts.add("State " + s.text()));
      d.activeDevices().ifPresent(n -> parts.add("Active " + n));
      d.workingDevices().ifPresent(n -> parts.add("Working " + n));
      d.failedDevices().ifPresent(n -> parts.add("Failed " + n));
      d.spareDevices().ifPresent(n -> parts.add("Spare " + n));
      details.add("mdadm --detail: " + String.join(", ", parts));
      for (MdDeviceRow r : d.rows()) {
        details.add(("  " + r.raidDevice().stream().mapToObj(n -> "slot " + n).findFirst()
            .orElse("-") + ": " + r.label() + " " + r.states().stream().sorted()
            .map(DeviceRowState::token).collect(Collectors.joining(" "))).stripTrailing());
      }
      if (d.isContainer()) {
        if (summary == null) {
          summary = "container, version " + d.version().orElse("?") + ", "
              + count(d.rows().size(), "device");
        }
        if (!covered(Topic.CONTAINER)) {
          add(Topic.CONTAINER, Finding.ok("container of " + d.version().orElse("external")
              + " metadata: holds no data itself, its member arrays are checked on their own"));
        }
        return;
      }
      MdDetailState state = st.orElseThrow();
      if (d.raidDevices().isEmpty()) {
        // 'State : inactive' of an array whose raid disks mdadm does not know
        if (summary == null) {
          summary = d.level().token() + " inactive, " + count(d.rows().size(), "device");
        }
        addOnce(Topic.AVAILABILITY, Finding.critical(
            "inactive: the array is not running, its data is not available"));
        return;
      }
      int n = d.raidDevices().getAsInt();
      List<MdDeviceRow> slotRows = d.rows().stream().filter(r -> !r.afterBlank()).toList();
      int active = d.activeDevices().orElse((int) slotRows.stream()
          .filter(r -> r.has(DeviceRowState.ACTIVE) && r.has(DeviceRowState.SYNC)).count());
      boolean failed = state.has(DetailStateFlag.FAILED);
      boolean notStarted = state.has(DetailStateFlag.NOT_STARTED);
      boolean degraded = state.has(DetailStateFlag.DEGRADED);
      int missing = degraded ? Math.max(1, n - active) : failed ? Math.max(0, n - active) : 0;
      if (summary == null) {
        summary = d.level().token() + " " + state.text() + ", " + active + "/" + n + " active"
            + d.spareDevices().stream().filter(s -> s > 0)
                .mapToObj(s -> ", " + count(s, "spare")).findFirst().orElse("")
            + ", " + d.version().map(v -> "version " + v)
                .or(() -> d.container().map(c -> "container " + c)).orElse("no version")
            + d.progress().map(p -> ", " + p.activity().word().toLowerCase(Locale.ROOT) + " "
                + p.percent() + "%").orElse("");
      }

      switch (state.arrayState()) {
        case INACTIVE -> addOnce(Topic.AVAILABILITY, Finding.critical(
            "inactive: the array is not running, its data is not available"));
        case BROKEN -> addOnce(Topic.AVAILABILITY, Finding.critical("broken: a member of this "
            + d.level().token() + " array failed or is missing, the array cannot serve all of its"
            + " data"));
        case CLEAR -> addOnce(Topic.AVAILABILITY, Finding.critical(
            "clear: the array has no configuration, its data is not available"));
        case SUSPENDED -> addOnce(Topic.SUSPENDED, Finding.critical(
            "suspended: I/O to the array is blocked"));
        case READONLY -> readOnly(true, false);
        case READ_AUTO -> readOnly(false, true);
        default -> { }
      }
      if (failed && !covered(Topic.FAILED)) {
        add(Topic.FAILED, Finding.critical("FAILED (mdadm --detail): too few members work to run"
            + " the array, its data is not available"));
      }
      if (notStarted && !covered(Topic.NOT_STARTED)) {
        add(Topic.NOT_STARTED, Finding.critical("Not Started (mdadm --detail): the array is"
            + " assembled but not running, its data is not available"));
      }
      List<Integer> removed = slotRows.stream().filter(r -> r.has(DeviceRowState.REMOVED))
          .map(r -> r.raidDevice().orElse(-1)).filter(x -> x >= 0).toList();
      String removedNote = removed.isEmpty() ? ""
          : " (" + (removed.size() == 1 ? "slot " : "slots ")
              + removed.stream().map(String::valueOf).collect(Collectors.joining(", "))
              + " removed)";
      boolean running = !failed && !notStarted;
      if (running) {
        perf("degraded", missing, Unit.NONE, (double) n);
      }
      if (degraded && !failed) {
        boolean recovering = state.syncInProgress(DetailStateFlag.RECOVERING);
        boolean reshaping = state.syncInProgress(DetailStateFlag.RESHAPING);
        boolean rebuilding = recovering || reshaping;
        String what = recovering ? "recovery" : "reshape";
        MdDetailProgress.Activity expected = recovering
            ? MdDetailProgress.Activity.REBUILD : MdDetailProgress.Activity.RESHAPE;
        String progress = what + d.progress().map(p -> " " + p.percent() + "% done"
                + (p.activity() == expected ? "" : " (" + p.activity().word() + " Status)"))
            .orElse(state.has(DetailStateFlag.REMOTE) ? " running on another cluster node (REMOTE)"
                : " running");
        String extra = "";
        if (!rebuilding) {
          if (state.has(DetailStateFlag.DELAYED)) {
            extra = "; its recovery is queued (DELAYED) behind another array";
          } else if (state.has(DetailStateFlag.PENDING)) {
            extra = "; a resync is pending (PENDING)";
          } else if (state.has(DetailStateFlag.CHECKING)) {
            extra = "; a check is running, not a recovery";
          } else if (state.has(DetailStateFlag.RESYNCING)) {
            extra = "; a resync is running, not a recovery";
          }
        }
        degradedFinding(n, missing, remainingFromDetail(d, n, missing), rebuilding, what,
            progress, removed.size(), removedNote, extra);
      } else if (!removed.isEmpty() && running && !covered(Topic.DEGRADED)) {
        add(Topic.DEGRADED, Finding.critical("removed" + removedNote.replace(" removed)", ")")
            + ": no device holds " + (removed.size() == 1 ? "this slot" : "these slots")
            + ", the array runs without redundancy there"));
      }
      List<MdDeviceRow> replacing = replacements(d);
      if (!degraded && running && !covered(Topic.SYNC)) {
        if (!replacing.isEmpty() && state.syncInProgress(DetailStateFlag.RECOVERING)) {
          topics.add(Topic.SYNC); // the replacement finding below says it
        } else {
          detailSync(state, d.progress());
        }
      }
      d.progress().ifPresent(p -> perf("sync", p.percent(), Unit.PERCENT, 100.0));

      List<MdDeviceRow> faultyRows = d.rows().stream().filter(r -> r.has(DeviceRowState.FAULTY))
          .toList();
      List<MdDeviceRow> faultyJournal = faultyRows.stream()
          .filter(r -> r.has(DeviceRowState.JOURNAL)).toList();
      List<MdDeviceRow> faultyData = faultyRows.stream()
          .filter(r -> !r.has(DeviceRowState.JOURNAL)).toList();
      if (!faultyJournal.isEmpty() && !covered(Topic.JOURNAL)) {
        add(Topic.JOURNAL, Finding.critical("journal device " + labels(faultyJournal)
            + " faulty: the array lost its write journal, the kernel keeps it read-only"));
      }
      if (!faultyData.isEmpty() && !covered(Topic.FAULTY)) {
        if (degraded || failed || notStarted || !d.level().redundant()) {
          add(Topic.FAULTY, Finding.critical(faultyNoun(faultyData.size()) + " "
              + labels(faultyData) + ": " + kickedOut(faultyData.size())));
        } else {
          add(Topic.FAULTY, Finding.warning("failed spare: " + labels(faultyData) + " marked"
              + " faulty while all " + n + " slots are in sync; the array has lost a spare,"
              + " replace the disk"));
        }
      }
      if (!replacing.isEmpty() && !covered(Topic.REPLACEMENT)) {
        add(Topic.REPLACEMENT, Finding.warning("replacement in progress: " + labels(replacing)
            + " is being rebuilt to take over a member's slot"
            + d.progress().map(p -> ", " + p.percent() + "% done").orElse("")));
      }
    }

    /** Replacements: a second device in a slot that already has one (Detail.c disks[2n+1]). */
    private static List<MdDeviceRow> replacements(MdArrayDetail d) {
      Map<Integer, List<MdDeviceRow>> bySlot = new LinkedHashMap<>();
      for (MdDeviceRow r : d.rows()) {
        if (r.raidDevice().isPresent() && !r.has(DeviceRowState.REMOVED) && !r.afterBlank()) {
          bySlot.computeIfAbsent(r.raidDevice().getAsInt(), k -> new ArrayList<>()).add(r);
        }
      }
      List<MdDeviceRow> replacing = new ArrayList<>();
      for (List<MdDeviceRow> rows : bySlot.values()) {
        if (rows.size() > 1) {
          rows.stream().filter(r -> r.has(DeviceRowState.SPARE)).forEach(replacing::add);
        }
      }
      return replacing;
    }

    private void addOnce(Topic topic, Finding f) {
      if (!covered(topic)) {
        add(topic, f);
      }
    }

    private static String labels(List<MdDeviceRow> rows) {
      return rows.stream().map(MdDeviceRow::label).collect(Collectors.joining(", "));
    }

    private void detailSync(MdDetailState state, Optional<MdDetailProgress> progress) {
      String pct = progress.map(p -> " " + p.percent() + "% done").orElse("");
      boolean remote = state.has(DetailStateFlag.REMOTE);
      if (state.has(DetailStateFlag.DELAYED)) {
        add(Topic.SYNC, Finding.warning("resync queued (DELAYED) behind another array on the"
            + " same disks"));
      } else if (state.has(DetailStateFlag.PENDING)) {
        add(Topic.SYNC, Finding.warning("resync pending (PENDING): the array needs a resync,"
            + " which starts at its first write; until then its redundancy is not guaranteed"));
      } else if (state.has(DetailStateFlag.CHECKING)) {
        add(Topic.SYNC, Finding.ok("check running" + pct));
      } else if (state.has(DetailStateFlag.RESYNCING)) {
        add(Topic.SYNC, Finding.warning(remote
            ? "resync running on another cluster node (REMOTE)"
            : "resync running" + pct + "; until it completes, regions not yet synced have no"
                + " guaranteed redundancy"));
      } else if (state.has(DetailStateFlag.RESHAPING)) {
        add(Topic.SYNC, Finding.warning(remote
            ? "reshape running on another cluster node (REMOTE)"
            : "reshape running" + pct + "; the array's layout is being changed, do not"
                + " interrupt it"));
      } else if (state.has(DetailStateFlag.RECOVERING)) {
        add(Topic.SYNC, Finding.warning("recovery running" + pct
            + (remote ? " on another cluster node (REMOTE)" : "")
            + " although all slots are in sync"));
      }
    }

    private static int remainingFromDetail(MdArrayDetail d, int n, int missing) {
      switch (d.level()) {
        case RAID1:
          return n - missing - 1;
        case RAID4:
        case RAID5:
          return 1 - missing;
        case RAID6:
          return 2 - missing;
        case RAID10:
          if (d.layout().isEmpty()) {
            return 0;
          }
          Matcher m = Raid10Layout.COPIES.matcher(d.layout().get());
          int copies = 1;
          boolean any = false;
          while (m.find()) {
            copies *= Integer.parseInt(m.group(1));
            any = true;
          }
          return any ? copies - 1 - missing : 0;
        default:
          return 0;
      }
    }

    // ------------------------------------------------------------------ --detail --scan

    private void fromScan(MdScanEntry s) {
      String attrs = s.attributes().entrySet().stream()
          .filter(e -> !e.getKey().equals("UUID") && !e.getKey().equals("name"))
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
      details.add("mdadm --detail --scan: " + (s.inactive() ? "INACTIVE-ARRAY " : "ARRAY ")
          + s.device() + (attrs.isEmpty() ? "" : " " + attrs));
      if (summary == null) {
        summary = (s.inactive() ? "inactive" : s.isContainer() ? "container" : "listed")
            + " (mdadm --detail --scan" + (attrs.isEmpty() ? "" : ": " + attrs) + ")";
      }
      if (s.inactive()) {
        addOnce(Topic.AVAILABILITY, Finding.critical("inactive (INACTIVE-ARRAY in mdadm --detail"
            + " --scan): the array is not running, its data is not available"));
        return;
      }
      boolean known = in.mdstat != null || !in.details.isEmpty();
      if (known) {
        return;
      }
      if (s.isContainer()) {
        addOnce(Topic.CONTAINER, Finding.ok("container of " + s.attribute("metadata").orElse("")
            + " metadata: holds no data itself, its member arrays are checked on their own"));
      } else {
        addOnce(Topic.NO_HEALTH, Finding.unknown("mdadm --detail --scan lists the array but says"
            + " nothing about its health: give /proc/mdstat or full mdadm --detail output"));
      }
    }

    // ------------------------------------------------------------------ sysfs

    private void fromSysfs(MdSysfs s) {
      List<String> parts = new ArrayList<>();
      if (s.arrayState().isPresent()) {
        parts.add("array_state " + s.arrayState().get().token());
      }
      if (s.syncAction().isPresent()) {
        parts.add("sync_action " + s.syncAction().get().token());
      }
      if (s.degraded().isPresent()) {
        parts.add("degraded " + s.degraded().getAsInt());
      }
      if (s.mismatchCount().isPresent()) {
        parts.add("mismatch_cnt " + s.mismatchCount().getAsLong());
      }
      details.add("sysfs: " + (parts.isEmpty() ? "no attributes" : String.join(", ", parts)));
      boolean sysfsOnly = in.mdstat == null && in.details.isEmpty() && in.scans.isEmpty();
      if (summary == null) {
        summary = "sysfs " + (parts.isEmpty() ? "without attributes" : String.join(", ", parts));
      }
      boolean container = in.mdstat != null && in.mdstat.isContainer();
      for (MdArrayDetail d : in.details) {
        container |= d.isContainer();
      }
      for (MdScanEntry scan : in.scans) {
        container |= scan.isContainer();
      }

      if (s.mismatchCount().isPresent()) {
        long n = s.mismatchCount().getAsLong();
        perf("mismatch_cnt", n, Unit.NONE, null);
        if (n > 0) {
          add(Topic.MISMATCH, Finding.warning("the periodic check found " + n + " inconsistent"
              + " sectors (mismatch_cnt " + n + "): copies or parity disagree, so reads can"
              + " return different data depending on the disk; find the cause, then run a"
              + " repair"));
        }
      }
      if (s.arrayState().isPresent()) {
        switch (s.arrayState().get()) {
          case BROKEN -> addOnce(Topic.AVAILABILITY, Finding.critical("broken (sysfs"
              + " array_state): a member failed or is missing, the array cannot serve all of its"
              + " data"));
          case INACTIVE -> {
            if (!container) {
              addOnce(Topic.AVAILABILITY, Finding.critical("inactive (sysfs array_state): the"
                  + " array is not running, its data is not available"));
            }
          }
          case CLEAR -> addOnce(Topic.AVAILABILITY, Finding.critical("clear (sysfs array_state):"
              + " the array has no configuration, its data is not available"));
          case SUSPENDED -> addOnce(Topic.SUSPENDED, Finding.critical(
              "suspended: I/O to the array is blocked"));
          case READONLY -> readOnly(true, false);
          case READ_AUTO -> readOnly(false, true);
          default -> { }
        }
      }
      if (s.syncAction().orElse(null) == SysfsSyncAction.FROZEN) {
        add(Topic.FROZEN, Finding.warning("sync_action frozen: no resync, recovery or check can"
            + " start until it is unfrozen"));
      }
      if (s.degraded().isPresent()) {
        int d = s.degraded().getAsInt();
        OptionalInt shown = OptionalInt.empty();
        if (in.mdstat != null && in.mdstat.slots().isPresent()) {
          shown = OptionalInt.of(in.mdstat.slots().get().missing());
        }
        if (shown.isPresent() && d > shown.getAsInt()) {
          add(Topic.SOURCES, Finding.warning("sysfs reports " + d + " missing "
              + (d == 1 ? "member" : "members") + " but /proc/mdstat shows "
              + shown.getAsInt() + ": the sources disagree"));
        } else if (sysfsOnly && d > 0 && !covered(Topic.DEGRADED)) {
          perf("degraded", d, Unit.NONE, null);
          boolean recover = s.syncAction().orElse(null) == SysfsSyncAction.RECOVER
              || s.syncAction().orElse(null) == SysfsSyncAction.RESHAPE;
          add(Topic.DEGRADED, Finding.critical("degraded: sysfs reports " + d + " missing "
              + (d == 1 ? "member" : "members") + (recover
                  ? ", " + s.syncAction().get().token() + " running; the level is unknown"
                      + " without /proc/mdstat, so the remaining redundancy is too"
                  : " and no recovery running")));
        } else if (sysfsOnly) {
          perf("degraded", d, Unit.NONE, null);
        }
      }
      if (sysfsOnly && s.syncAction().isPresent() && !covered(Topic.SYNC)
          && !covered(Topic.DEGRADED)) {
        switch (s.syncAction().get()) {
          case CHECK, REPAIR -> add(Topic.SYNC, Finding.ok(s.syncAction().get().token()
              + " running (sysfs sync_action)"));
          case RESYNC, RECOVER, RESHAPE -> add(Topic.SYNC, Finding.warning(
              s.syncAction().get().token() + " running (sysfs sync_action)"));
          default -> { }
        }
      }
    }

    private static String count(int n, String noun) {
      return n + " " + noun + (n == 1 ? "" : "s");
    }
  }
}
