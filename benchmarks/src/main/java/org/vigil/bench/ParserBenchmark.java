package org.vigil.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vigil.cluster.pacemaker.CrmMon;
import org.vigil.cluster.pacemaker.CrmMonXmlParser;
import org.vigil.core.ParseException;
import org.vigil.drbd.model.DrbdStatus;
import org.vigil.drbd.parse.ProcDrbdParser;
import org.vigil.drbd.parse.StatusJsonParser;
import org.vigil.raid.btrfs.BtrfsScrubStatus;
import org.vigil.raid.btrfs.ScrubStatusParser;
import org.vigil.raid.md.Mdstat;
import org.vigil.raid.md.MdstatParser;

/**
 * Parse cost of each source format on real fixtures, and of /proc/drbd at 1, 100 and 10,000
 * minors (generated), so the cost per object can be read off. Run with packaging/bench/jmh.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParserBenchmark {
  @Param({"1", "100", "10000"})
  int minors;

  String procDrbd;
  String statusJson;
  String mdstat;
  String crmMonXml;
  String scrubStatus;

  @Setup
  public void load() throws IOException {
    Path fixtures = Path.of(System.getProperty("vigil.fixtures", "test-fixtures"));
    statusJson = read(fixtures.resolve("drbd/9-healthy-three-node-and-verify.status.json"));
    mdstat = read(fixtures.resolve("mdadm/raid5-two-arrays-healthy-spares_bitmap.mdstat"));
    crmMonXml = read(fixtures.resolve(
        "cluster/2.1.5-bundles-controller-unclean-replicas-failed.crm_mon.xml"));
    scrubStatus = read(fixtures.resolve("btrfs/6.2-finished-clean.scrub-status-raw"));
    StringBuilder sb = new StringBuilder("version: 8.4.11-1 (api:1/proto:86-101)\n"
        + "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by mockbuild@, "
        + "2018-04-26 12:10:42\n");
    for (int m = 0; m < minors; m++) {
      sb.append(String.format("%2d: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----%n"
          + "    ns:%d nr:0 dw:%d dr:%d al:12 bm:3 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0%n",
          m, 1000L * m, 2000L * m, 3000L * m));
    }
    procDrbd = sb.toString();
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  @Benchmark
  public DrbdStatus procDrbdMinors() throws ParseException {
    return new ProcDrbdParser().parse(procDrbd, "bench");
  }

  @Benchmark
  public DrbdStatus drbdsetupStatusJson() throws ParseException {
    return new StatusJsonParser().parse(statusJson, "bench");
  }

  @Benchmark
  public Mdstat mdstat() throws ParseException {
    return new MdstatParser().parse(mdstat, "bench");
  }

  @Benchmark
  public CrmMon crmMonXml() throws ParseException {
    return CrmMonXmlParser.parse(crmMonXml, "bench");
  }

  @Benchmark
  public BtrfsScrubStatus btrfsScrubStatusRaw() throws ParseException {
    return new ScrubStatusParser().parse(scrubStatus, "bench");
  }
}
