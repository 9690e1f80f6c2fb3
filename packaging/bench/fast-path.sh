#!/usr/bin/env bash
# Start-up cost of a check answered through the fast path (README "Fast path"): the shipped
# wrapper packaging/bin/check_drbd --proc-drbd F with a vigil-exporter running on a tree whose
# proc/drbd is F, beside the same wrapper with the fast path off (the JVM). Prints rows for the
# README's start-up table, then the fast path's parts, measured in one hyperfine run beside it
# (hyperfine runs one command after the other: the same run, not the same instant): the launcher
# alone (no request), the Debian Perl check_drbd 0.5.3 and check_dummy (a process start in C).
#
# Usage: packaging/bench/fast-path.sh [FIXTURE] [RUNS]
#   PRIO="chrt -f 10": run the exporter and the fast-path row at that priority (root): on a machine
#   shared with other work, that approximates an idle one; the JVM row stays at normal priority.
# Needs: hyperfine, /usr/bin/time, monitoring-plugins-contrib and -basic, and the jar and the
# launchers from the README's build command.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
fixture=${1:-$root/test-fixtures/drbd/8.4-peer-dunknown-while-connected.proc-drbd}
runs=${2:-50}
rss_runs=10
prio=${PRIO:-}

for tool in hyperfine /usr/bin/time /usr/lib/nagios/plugins/check_drbd \
    /usr/lib/nagios/plugins/check_dummy "$root/packaging/target/vigil.jar"; do
  command -v "$tool" >/dev/null 2>&1 || [ -e "$tool" ] || { echo "missing: $tool" >&2; exit 2; }
done

work=$(mktemp -d)
exporter=
cleanup() {
  [ -z "$exporter" ] || kill "$exporter" 2>/dev/null || true
  [ -z "$exporter" ] || wait "$exporter" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/tree/proc"
cp "$fixture" "$work/tree/proc/drbd"
socket=$work/fast-path.sock
$prio "$root/packaging/bin/vigil-exporter" --root "$work/tree" --web.listen-address=127.0.0.1:0 \
  --fast-path.socket="$socket" >"$work/exporter.out" 2>"$work/exporter.err" &
exporter=$!
for _ in $(seq 100); do
  [ -S "$socket" ] && break
  sleep 0.1
done
[ -S "$socket" ] || { echo "the exporter did not open $socket:" >&2; cat "$work/exporter.err" >&2; exit 1; }

check="$root/packaging/bin/check_drbd --proc-drbd $work/tree/proc/drbd"
# The fast path must answer, not fall back, for the numbers to mean anything.
trace=$(VIGIL_FAST_PATH=$socket VIGIL_FAST_PATH_TRACE=1 $check 2>&1 >/dev/null || true)
[ "$trace" = "vigil-fast: answered by the exporter" ] || { echo "fast path: $trace" >&2; exit 1; }
# The steady state: the exporter's C1 compiles the check's code after a few hundred requests (a
# check a minute gets there within hours). Until then each answer takes a few ms more, and the
# first one after a start waits for class loading unless the exporter's warm-up ran first.
# WARM=0 measures a fresh exporter.
for ((i = 0; i < ${WARM:-300}; i++)); do
  # shellcheck disable=SC2086 # $check is a command line
  VIGIL_FAST_PATH=$socket $check >/dev/null 2>&1 || true
done

median_rss_kb() {
  local i
  for ((i = 0; i < rss_runs; i++)); do
    # Plugins exit 1-3 by design; only the RSS line matters here.
    # shellcheck disable=SC2086 # $check is a command line
    { ${3:-} /usr/bin/time -f %M $check 2>&1 >/dev/null || true; } | tail -n 1
  done | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}

row() {  # NAME VIGIL_FAST_PATH [PRIO]
  local json
  json=$(mktemp)
  # -i: plugins exit 1-3 by design; -N: no intermediate shell.
  VIGIL_FAST_PATH=$2 ${3:-} hyperfine -N -i -w5 -r "$runs" --export-json "$json" "$check" >/dev/null 2>&1
  local ms rss
  ms=$(python3 -c 'import json,statistics,sys; print("%.1f" % (statistics.median(json.load(open(sys.argv[1]))["results"][0]["times"]) * 1000))' "$json")
  # On a busy machine the median is mostly waiting for a core: the minimum and the CPU time
  # say what the path itself costs.
  notes+=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%s: min %.1f ms, CPU (user+sys, mean) %.1f ms" % (sys.argv[2], min(r["times"]) * 1000, (r["user"] + r["system"]) * 1000))' "$json" "$1")$'\n'
  rss=$(VIGIL_FAST_PATH=$2 median_rss_kb "$@")
  rm -f "$json"
  printf '| %s | %s ms | %.1f MB |\n' "$1" "$ms" "$(echo "$rss / 1024" | bc -l)"
}
notes=

echo "fixture: $(basename "$fixture"), hyperfine -N -w5 -r$runs (median), peak RSS median of" \
  "$rss_runs, $(nproc) cores, $(java -version 2>&1 | head -n 1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| command | median wall time | peak RSS |"
echo "|---|---|---|"
row "\`packaging/bin/check_drbd\` through the fast path (vigil-exporter running)${prio:+, $prio}" \
  "$socket" "$prio"
row "same, fast path off (VIGIL_FAST_PATH=off: the JVM)" off
echo
printf '%s' "$notes"

# The parts, in one run: what the fast path costs beyond a process start in C (check_dummy) is
# the launcher's own work (VIGIL_CDS_WHERE=1: it finds java and the jar, prints them and exits:
# no socket) and the request (connect, the exporter's evaluation, the answer).
parts=$(mktemp)
VIGIL_FAST_PATH=$socket $prio hyperfine -N -i -w5 -r "$runs" --export-json "$parts" \
  -n "fast path (whole check)" "$check" \
  -n "the launcher alone (VIGIL_CDS_WHERE=1)" "env VIGIL_CDS_WHERE=1 $root/packaging/bin/check_drbd" \
  -n "env true (env's own start, in the row above)" "env true" \
  -n "debian check_drbd 0.5.3 (Perl)" "/usr/lib/nagios/plugins/check_drbd -p $work/tree/proc/drbd" \
  -n "check_dummy (C)" "/usr/lib/nagios/plugins/check_dummy 0 ok" >/dev/null 2>&1
echo
echo "| part${prio:+ ($prio)} | median | min | CPU (user+sys, mean) |"
echo "|---|---|---|---|"
python3 -c 'import json,statistics,sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("| %s | %.2f ms | %.2f ms | %.2f ms |" % (r["command"], statistics.median(r["times"]) * 1000,
        min(r["times"]) * 1000, (r["user"] + r["system"]) * 1000))' "$parts"
rm -f "$parts"
