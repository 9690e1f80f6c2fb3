#!/usr/bin/env bash
# Scale benchmarks (issue 7): each format generated at 1, 100 and 10,000 objects, parsed and
# evaluated, with JMH's gc profiler; then crm_mon XML of 32 nodes x 5,000 resources parsed and
# evaluated in a fork limited to -Xmx64m. Prints ns per object, bytes allocated per parse, the
# CPU time per parse of the benchmark thread (CpuTimeProfiler: on a loaded machine wall-clock time
# grows with the load average, CPU time far less) and the growth of the cost per object from 100
# to 10,000 objects (1.0 = linear). The JSON also holds the whole JVM's CPU (cpu.time.norm).
#
# Usage: packaging/bench/scale.sh [JSON-OUT]
# Environment: WARMUP (iterations, default 2), ITERATIONS (3), TIME (per iteration, 1s),
#   FORKS (1), BENCH (JMH include regex, default both scale benchmarks), SKIP_BUILD=1,
#   BENCH_CLASSPATH (default benchmarks/target/benchmarks.jar; to measure an older build, put its
#   benchmarks.jar first and benchmarks/target/classes after it, for CpuTimeProfiler).
# E.g. the /proc/drbd parse alone, 2 forks x 5 iterations:
#   BENCH='ScaleBenchmark.procDrbdParse' FORKS=2 ITERATIONS=5 WARMUP=3 packaging/bench/scale.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=${1:-benchmarks/target/scale.json}
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  mvn -B -q -o -Pbench -pl benchmarks -am package -DskipTests
fi
echo "load before: $(uptime)"
java -cp "${BENCH_CLASSPATH:-benchmarks/target/benchmarks.jar}" org.openjdk.jmh.Main \
  "${BENCH:-org.vigil.bench.(ScaleBenchmark|CrmMonHeapBenchmark)}" \
  -wi "${WARMUP:-2}" -i "${ITERATIONS:-3}" -w "${TIME:-1s}" -r "${TIME:-1s}" -f "${FORKS:-1}" \
  -prof gc -prof org.vigil.bench.CpuTimeProfiler -rf json -rff "$out" >"${out%.json}.log"
echo "load after:  $(uptime)"
echo "JMH log: ${out%.json}.log, results: $out"
python3 - "$out" <<'PY'
import json, statistics, sys

NAMES = {
    "procDrbdParse": ("/proc/drbd 8.4 minors", "parse"),
    "procDrbdEvaluate": ("/proc/drbd 8.4 minors", "parse+evaluate"),
    "statusJsonParse": ("drbdsetup status --json (3 peers)", "parse"),
    "statusJsonEvaluate": ("drbdsetup status --json (3 peers)", "parse+evaluate"),
    "mdstatParse": ("/proc/mdstat arrays", "parse"),
    "mdstatEvaluate": ("/proc/mdstat arrays", "parse+evaluate"),
    "crmMonParse": ("crm_mon XML, 32 nodes, resources", "parse"),
    "crmMonEvaluate": ("crm_mon XML, 32 nodes, resources", "parse+evaluate"),
    "crmMonParseEvaluate": ("crm_mon XML, 32 nodes, resources, -Xmx64m", "parse+evaluate"),
}
TO_NS = {"ns/op": 1, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}

def number(value):
    """A JMH score as a float, None for NaN (JMH writes "NaN" as a string, e.g. after 1 iteration)."""
    value = float(value) if value is not None else float("nan")
    return None if value != value else value

rows = {}
for r in json.load(open(sys.argv[1])):
    method = r["benchmark"].rsplit(".", 1)[1]
    params = r.get("params", {})
    n = int(params.get("objects", params.get("resources", 1)))
    pm = r["primaryMetric"]
    ns = pm["score"] * TO_NS[pm["scoreUnit"]]
    err = (number(pm["scoreError"]) or 0) * TO_NS[pm["scoreUnit"]]
    secondary = r.get("secondaryMetrics", {})
    metric = lambda name: number(secondary.get(name, secondary.get("·" + name, {})).get("score"))
    alloc = metric("gc.alloc.rate.norm")
    cpu = metric("cpu.worker.norm")
    raw = [x for fork in pm.get("rawData", []) for x in fork]
    best = min(raw) * TO_NS[pm["scoreUnit"]] if raw else ns
    median = statistics.median(raw) * TO_NS[pm["scoreUnit"]] if raw else ns
    rows[(method, n)] = (ns, err, alloc, best, cpu, median)

def fmt_time(ns):
    return f"{ns / 1e6:.2f} ms" if ns >= 1e6 else f"{ns / 1e3:.1f} us"

def fmt_bytes(b):
    if b is None:
        return "-"
    return f"{b / 2**20:.1f} MiB" if b >= 2**20 else f"{b / 1024:.1f} KiB"

print()
print(f"| {'format':<42} | {'measured':<14} | {'objects':>7} | {'time/op (mean)':>14} "
      f"| {'best iter.':>10} | {'ns/object':>9} | {'CPU/op':>10} | {'CPU ns/obj':>10} "
      f"| {'alloc/op':>10} | {'B/object':>8} |")
print(f"|{'-'*44}|{'-'*16}|{'-'*9}|{'-'*16}|{'-'*12}|{'-'*11}|{'-'*12}|{'-'*12}|{'-'*12}"
      f"|{'-'*10}|")
for method in NAMES:
    for (m, n) in sorted(k for k in rows if k[0] == method):
        ns, err, alloc, best, cpu, _ = rows[(m, n)]
        fmt, what = NAMES[m]
        b_obj = f"{alloc / n:.0f}" if alloc is not None else "-"
        cpu_op = fmt_time(cpu) if cpu is not None else "-"
        cpu_obj = f"{cpu / n:.0f}" if cpu is not None else "-"
        print(f"| {fmt:<42} | {what:<14} | {n:>7} | {fmt_time(ns):>14} | {fmt_time(best):>10} "
              f"| {ns / n:>9.0f} | {cpu_op:>10} | {cpu_obj:>10} | {fmt_bytes(alloc):>10} "
              f"| {b_obj:>8} |")
print()
print("ns/object = mean time/op / objects; CPU = CPU time per op of the benchmark thread.")
print("Linearity, 10,000 objects against 100 (1.0 = linear):")
print("  per object at 10,000 / per object at 100: time (mean), time (best iteration), bytes, CPU")
for method in NAMES:
    if (method, 100) in rows and (method, 10000) in rows:
        small, large = rows[(method, 100)], rows[(method, 10000)]
        ratio = lambda i: (large[i] / 10000) / (small[i] / 100)
        alloc = f"{ratio(2):.2f}" if small[2] and large[2] else "-"
        cpu = f"{ratio(4):.2f}" if small[4] and large[4] else "-"
        fmt, what = NAMES[method]
        print(f"  {fmt + ' ' + what:<58} {ratio(0):5.2f}  {ratio(3):5.2f}  {alloc}  {cpu}")
print()
print("Targets:")
if ("procDrbdParse", 10000) in rows:
    ms = rows[("procDrbdParse", 10000)][0] / 1e6
    best = rows[("procDrbdParse", 10000)][3] / 1e6
    cpu = rows[("procDrbdParse", 10000)][4]
    median = rows[("procDrbdParse", 10000)][5] / 1e6
    cpu_text = f", CPU {cpu / 1e6:.2f} ms" if cpu is not None else ""
    print(f"  10,000 DRBD minors parsed: mean {ms:.2f} ms, median iteration {median:.2f} ms,"
          f" best iteration {best:.2f} ms{cpu_text} (target <= 20 ms):"
          f" {'met' if ms <= 20 else 'MISSED'}")
if ("crmMonParseEvaluate", 5000) in rows:
    ms = rows[("crmMonParseEvaluate", 5000)][0] / 1e6
    best = rows[("crmMonParseEvaluate", 5000)][3] / 1e6
    print(f"  crm_mon 32 x 5,000 parsed + evaluated in -Xmx64m: {ms:.1f} ms, best iteration"
          f" {best:.1f} ms (target <= 300 ms), no OutOfMemoryError: "
          f"{'met' if ms <= 300 else 'MISSED'}")
else:
    print("  crm_mon 32 x 5,000 in -Xmx64m: no result (did the fork fail? see the JMH log)")
PY
