package org.vigil.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, ns/op: {@code cpu.worker.norm} of the benchmark's own threads (JMH's
 * "jmh-worker" threads, which run the parse), {@code cpu.time.norm} of the whole JVM during the
 * iteration (garbage collection and compilation included). On a shared machine, wall-clock time
 * per operation grows with the load average, as the benchmark thread waits for a core; CPU time
 * grows far less, so it is the figure to compare between runs there. Used as {@code -prof
 * org.vigil.bench.CpuTimeProfiler} (packaging/bench/scale.sh).
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long processAtStart;
  private Map<Long, Long> workersAtStart = Map.of();

  @Override
  public String getDescription() {
    return "CPU time per operation: benchmark threads, and the whole JVM";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    workersAtStart = workerCpuTimes();
    processAtStart = os.getProcessCpuTime();
  }

  @Override
  public List<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long process = os.getProcessCpuTime() - processAtStart;
    long workers = 0;
    for (Map.Entry<Long, Long> worker : workerCpuTimes().entrySet()) {
      workers += worker.getValue() - workersAtStart.getOrDefault(worker.getKey(), 0L);
    }
    long ops = result.getMetadata().getAllOps();
    return List.of(
        new ScalarResult("cpu.worker.norm", perOp(workers, ops), "ns/op", AggregationPolicy.AVG),
        new ScalarResult("cpu.time.norm", perOp(process, ops), "ns/op", AggregationPolicy.AVG));
  }

  private static double perOp(long nanos, long ops) {
    return ops == 0 ? Double.NaN : (double) nanos / ops;
  }

  /** CPU time so far of each live JMH worker thread, by thread id. */
  private Map<Long, Long> workerCpuTimes() {
    Map<Long, Long> times = new HashMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().contains("jmh-worker")) {
        long cpu = threads.getThreadCpuTime(thread.getId());
        if (cpu >= 0) {
          times.put(thread.getId(), cpu);
        }
      }
    }
    return times;
  }
}
