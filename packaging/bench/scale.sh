#!/usr/bin/env bash
# Scale benchmarks (issue 7): each format generated at 1, 100 and 10,000 objects, parsed and
# evaluated, with JMH's gc profiler; then crm_mon XML of 32 nodes x 5,000 resources parsed and
# evaluated in a fork limited to -Xmx64m. Prints ns per object, bytes allocated per parse and
# the growth of the cost per object from 100 to 10,000 objects (1.0 = linear).
#
# Usage: packaging/bench/scale.sh [JSON-OUT]
# Environment: WARMUP (iterations, default 2), ITERATIONS (3), TIME (per iteration, 1s),
#   FORKS (1), BENCH (JMH include regex, default both scale benchmarks), SKIP_BUILD=1.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=${1:-benchmarks/target/scale.json}
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  mvn -B -q -o -Pbench -pl benchmarks -am package -DskipTests
fi
echo "load before: $(uptime)"
java -jar benchmarks/target/benchmarks.jar "${BENCH:-org.vigil.bench.(ScaleBenchmark|CrmMonHeapBenchmark)}" \
  -wi "${WARMUP:-2}" -i "${ITERATIONS:-3}" -w "${TIME:-1s}" -r "${TIME:-1s}" -f "${FORKS:-1}" \
  -prof gc -rf json -rff "$out" >"${out%.json}.log"
echo "load after:  $(uptime)"
echo "JMH log: ${out%.json}.log, results: $out"
python3 - "$out" <<'PY'
import json, sys

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

rows = {}
for r in json.load(open(sys.argv[1])):
    method = r["benchmark"].rsplit(".", 1)[1]
    params = r.get("params", {})
    n = int(params.get("objects", params.get("resources", 1)))
    pm = r["primaryMetric"]
    ns = pm["score"] * TO_NS[pm["scoreUnit"]]
    err = pm["scoreError"] * TO_NS[pm["scoreUnit"]] if pm["scoreError"] == pm["scoreError"] else 0
    alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", r.get("secondaryMetrics", {}).get("·gc.alloc.rate.norm", {})).get("score")
    rows[(method, n)] = (ns, err, alloc)

def fmt_time(ns):
    return f"{ns / 1e6:.2f} ms" if ns >= 1e6 else f"{ns / 1e3:.1f} us"

def fmt_bytes(b):
    if b is None:
        return "-"
    return f"{b / 2**20:.1f} MiB" if b >= 2**20 else f"{b / 1024:.1f} KiB"

print()
print(f"| {'format':<42} | {'measured':<14} | {'objects':>7} | {'time/op (±99.9%)':>20} "
      f"| {'ns/object':>9} | {'alloc/op':>10} | {'B/object':>8} |")
print(f"|{'-'*44}|{'-'*16}|{'-'*9}|{'-'*22}|{'-'*11}|{'-'*12}|{'-'*10}|")
for method in NAMES:
    for (m, n) in sorted(k for k in rows if k[0] == method):
        ns, err, alloc = rows[(m, n)]
        fmt, what = NAMES[m]
        b_obj = f"{alloc / n:.0f}" if alloc is not None else "-"
        t = f"{fmt_time(ns)} ± {fmt_time(err)}"
        print(f"| {fmt:<42} | {what:<14} | {n:>7} | {t:>20} | {ns / n:>9.0f} "
              f"| {fmt_bytes(alloc):>10} | {b_obj:>8} |")
print()
print("Linearity: ns/object at 10,000 objects / ns/object at 100 (1.0 = linear growth)")
for method in NAMES:
    if (method, 100) in rows and (method, 10000) in rows:
        a = rows[(method, 100)][0] / 100
        b = rows[(method, 10000)][0] / 10000
        fmt, what = NAMES[method]
        print(f"  {fmt} {what}: {b / a:.2f}")
print()
print("Targets:")
if ("procDrbdParse", 10000) in rows:
    ms = rows[("procDrbdParse", 10000)][0] / 1e6
    print(f"  10,000 DRBD minors parsed: {ms:.2f} ms (target <= 20 ms): "
          f"{'met' if ms <= 20 else 'MISSED'}")
if ("crmMonParseEvaluate", 5000) in rows:
    ms = rows[("crmMonParseEvaluate", 5000)][0] / 1e6
    print(f"  crm_mon 32 x 5,000 parsed + evaluated in -Xmx64m: {ms:.1f} ms (target <= 300 ms),"
          f" no OutOfMemoryError: {'met' if ms <= 300 else 'MISSED'}")
else:
    print("  crm_mon 32 x 5,000 in -Xmx64m: no result (did the fork fail? see the JMH log)")
PY
