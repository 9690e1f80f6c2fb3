package org.vigil.exporter;

import static org.vigil.exporter.MetricFamily.Type.GAUGE;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigil.core.InputFiles;
import org.vigil.raid.md.MdArray;
import org.vigil.raid.md.MdSync;
import org.vigil.raid.md.MdSyncPhase;
import org.vigil.raid.md.MdSysfs;
import org.vigil.raid.md.MdSysfsReader;
import org.vigil.raid.md.Mdstat;
import org.vigil.raid.md.MdstatParser;
import org.vigil.raid.policy.MdPolicy;
import org.vigil.raid.policy.MdPolicyOptions;

/**
 * Linux md: {@code <procfs>/mdstat} through {@link MdstatParser}, {@code <sysfs>/block/md*}/md
 * through {@link MdSysfsReader} (skipped when {@code <sysfs>/block} does not exist), verdicts from
 * {@link MdPolicy} with {@link MdPolicyOptions#defaults()}, as check_raid's live mode.
 */
final class MdCollector implements VigilCollector {
  static final String MEMBERS = "vigil_md_members";
  static final String DEGRADED = "vigil_md_degraded_members";
  static final String SYNC_DONE = "vigil_md_sync_done_ratio";
  static final String MISMATCH = "vigil_md_mismatch_sectors";

  @Override
  public String name() {
    return "md";
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
    return sources.procfs().resolve("mdstat");
  }

  @Override
  public Collected collect(Sources sources) throws Exception {
    Path file = file(sources);
    Mdstat mdstat = new MdstatParser().parse(
        InputFiles.read(file.toString(), null), file.toString());
    Map<String, MdSysfs> sysfs = Files.isDirectory(sources.sysfs().resolve("block"))
        ? new MdSysfsReader().read(sources.sysfs())
        : Map.of();
    return map(mdstat, sysfs);
  }

  /** The pure mapping from the parsed sources and their verdict to metric families. */
  static Collected map(Mdstat mdstat, Map<String, MdSysfs> sysfs) {
    Families f = new Families()
        .declare(MEMBERS, GAUGE, "Member devices /proc/mdstat lists for the array, including"
            + " spares, faulty and journal devices.")
        .declare(DEGRADED, GAUGE, "Slots of a redundant array without an in-sync member"
            + " (/proc/mdstat [n/m] [U_]).")
        .declare(SYNC_DONE, GAUGE, "Progress of the sync action running on the array here,"
            + " 0 to 1.")
        .declare(MISMATCH, GAUGE, "Sectors the last check or repair found inconsistent"
            + " (sysfs md/mismatch_cnt).");
    for (MdArray a : mdstat.arrays()) {
      String array = a.name();
      f.add(MEMBERS, Sample.of(a.members().size(), "array", array));
      a.slots().ifPresent(s -> f.add(DEGRADED, Sample.of(s.missing(), "array", array)));
      Optional<MdSync> sync = a.sync().filter(s -> s.phase() == MdSyncPhase.RUNNING);
      sync.ifPresent(s -> s.percent().ifPresent(p -> f.add(SYNC_DONE, Sample.of(
          Ratios.fromPercent(p), "array", array, "action", s.action().token()))));
      MdSysfs attributes = sysfs.get(array);
      if (attributes != null) {
        attributes.mismatchCount().ifPresent(n -> f.add(MISMATCH, Sample.of(n, "array", array)));
      }
    }
    return new Collected(f.build(), MdPolicy.evaluate(
        Optional.of(mdstat), List.of(), sysfs, MdPolicyOptions.defaults()));
  }
}
