package org.vigil.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.vigil.cluster.policy.PacemakerPolicy;
import org.vigil.cluster.policy.PacemakerPolicyOptions;
import org.vigil.core.CheckResult;
import org.vigil.core.ParseException;
import org.vigil.core.Subcheck;
import org.vigil.drbd.model.DrbdStatus;
import org.vigil.drbd.parse.ProcDrbdParser;
import org.vigil.drbd.parse.StatusJsonParser;
import org.vigil.drbd.policy.DrbdPolicy;
import org.vigil.drbd.policy.DrbdPolicyOptions;
import org.vigil.raid.md.Mdstat;
import org.vigil.raid.md.MdstatParser;
import org.vigil.raid.policy.MdPolicy;
import org.vigil.raid.policy.MdPolicyOptions;

/**
 * Cost per object: each source format generated ({@link ScaleInputs}) at 1, 100 and 10,000
 * objects (DRBD minors, DRBD 9 resources with three peers, md arrays, Pacemaker primitives on 32
 * nodes), parsed, and parsed then evaluated by the check's policy. Run with
 * packaging/bench/scale.sh, which adds the gc profiler and prints ns per object.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ScaleBenchmark {
  static final int CLUSTER_NODES = 32;

  @Param({"1", "100", "10000"})
  int objects;

  String procDrbd;
  String statusJson;
  String mdstat;
  String crmMon;

  @Setup
  public void generate() throws ParseException {
    procDrbd = ScaleInputs.procDrbd(objects);
    statusJson = ScaleInputs.statusJson(objects);
    mdstat = ScaleInputs.mdstat(objects);
    crmMon = ScaleInputs.crmMon(CLUSTER_NODES, objects);
    // a benchmark of a parse error measures nothing: every input must parse to `objects` objects
    expect("/proc/drbd minors", procDrbdParse().resources().size());
    expect("drbdsetup status --json resources", statusJsonParse().resources().size());
    expect("mdstat arrays", mdstatParse().arrays().size());
    expect("crm_mon primitives", primitives(crmMonParse()));
    CheckResult cluster = crmMonEvaluate();
    if (cluster.subchecks().size() < CLUSTER_NODES) {
      throw new IllegalStateException("crm_mon evaluated to too few subchecks: " + cluster);
    }
  }

  private void expect(String what, int actual) {
    if (actual != objects) {
      throw new IllegalStateException(what + ": generated " + objects + ", parsed " + actual);
    }
  }

  static int primitives(CrmMon crm) {
    return crm.resources().stream().mapToInt(r -> r.primitives().size()).sum();
  }

  @Benchmark
  public DrbdStatus procDrbdParse() throws ParseException {
    return new ProcDrbdParser().parse(procDrbd, "bench");
  }

  @Benchmark
  public CheckResult procDrbdEvaluate() throws ParseException {
    return DrbdPolicy.evaluate(procDrbdParse(), DrbdPolicyOptions.defaults());
  }

  @Benchmark
  public DrbdStatus statusJsonParse() throws ParseException {
    return new StatusJsonParser().parse(statusJson, "bench");
  }

  @Benchmark
  public CheckResult statusJsonEvaluate() throws ParseException {
    return DrbdPolicy.evaluate(statusJsonParse(), DrbdPolicyOptions.defaults());
  }

  @Benchmark
  public Mdstat mdstatParse() throws ParseException {
    return new MdstatParser().parse(mdstat, "bench");
  }

  @Benchmark
  public List<Subcheck> mdstatEvaluate() throws ParseException {
    return MdPolicy.evaluate(Optional.of(mdstatParse()), List.of(), Map.of(),
        MdPolicyOptions.defaults());
  }

  @Benchmark
  public CrmMon crmMonParse() throws ParseException {
    return CrmMonXmlParser.parse(crmMon, "bench");
  }

  @Benchmark
  public CheckResult crmMonEvaluate() throws ParseException {
    return PacemakerPolicy.result(crmMonParse(), PacemakerPolicyOptions.defaults());
  }
}
