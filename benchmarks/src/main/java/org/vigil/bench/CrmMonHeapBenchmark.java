package org.vigil.bench;

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
import org.vigil.cluster.pacemaker.CrmMonXmlParser;
import org.vigil.cluster.policy.PacemakerPolicy;
import org.vigil.cluster.policy.PacemakerPolicyOptions;
import org.vigil.core.CheckResult;
import org.vigil.core.ParseException;

/**
 * The target: crm_mon XML of 32 nodes and 5,000 resources parsed and evaluated within a
 * 64 MiB heap (the fork runs with -Xmx64m; an OutOfMemoryError fails the run).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx64m")
public class CrmMonHeapBenchmark {
  static final long HEAP_LIMIT = 64L * 1024 * 1024;

  @Param({"5000"})
  int resources;

  String crmMon;

  @Setup
  public void generate() throws ParseException {
    if (Runtime.getRuntime().maxMemory() > HEAP_LIMIT) {
      throw new IllegalStateException("this fork's heap is " + Runtime.getRuntime().maxMemory()
          + " bytes; the target is measured with -Xmx64m");
    }
    crmMon = ScaleInputs.crmMon(ScaleBenchmark.CLUSTER_NODES, resources);
    int parsed = ScaleBenchmark.primitives(CrmMonXmlParser.parse(crmMon, "bench"));
    if (parsed != resources) {
      throw new IllegalStateException("generated " + resources + " primitives, parsed " + parsed);
    }
  }

  @Benchmark
  public CheckResult crmMonParseEvaluate() throws ParseException {
    return PacemakerPolicy.result(CrmMonXmlParser.parse(crmMon, "bench"),
        PacemakerPolicyOptions.defaults());
  }
}
