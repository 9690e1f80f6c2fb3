#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser with Jazzer (one @FuzzTest per parser, see
# */src/test/java/**/*ParsersJazzerFuzzTest.java). Each target fuzzes in its own JVM for
# SECONDS_PER_TARGET (default 30); without JAZZER_FUZZ the same tests only replay their seeds.
#
#   packaging/bench/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   e.g. fuzz.sh 20 mdstat cfgtool
#
# A finding is written by Jazzer as crash-<sha1> into the test's Inputs directory under
# src/test/resources/, where every later mvn test replays it; the generated corpus goes to
# <module>/.cifuzz-corpus/ (git-ignored). Logs: target/fuzz/<target>.log. Exits 1 if any target
# found something or failed to run.
set -uo pipefail

seconds=${1:-30}
shift || true
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

targets=(
  check-drbd:org.vigil.drbd.parse.ParsersJazzerFuzzTest:procDrbd
  check-drbd:org.vigil.drbd.parse.ParsersJazzerFuzzTest:statusJson
  check-raid:org.vigil.raid.ParsersJazzerFuzzTest:mdstat
  check-raid:org.vigil.raid.ParsersJazzerFuzzTest:mdadmDetail
  check-raid:org.vigil.raid.ParsersJazzerFuzzTest:btrfsScrubStatus
  check-raid:org.vigil.raid.ParsersJazzerFuzzTest:btrfsDeviceStats
  check-cluster:org.vigil.cluster.ParsersJazzerFuzzTest:crmMonXml
  check-cluster:org.vigil.cluster.ParsersJazzerFuzzTest:quorumtool
  check-cluster:org.vigil.cluster.ParsersJazzerFuzzTest:cfgtool
  exporter:org.vigil.exporter.ExporterParsersJazzerFuzzTest:fleetTextFormat
  exporter:org.vigil.exporter.ExporterParsersJazzerFuzzTest:webConfig
  exporter:org.vigil.exporter.ExporterParsersJazzerFuzzTest:pemCertificates
  exporter:org.vigil.exporter.ExporterParsersJazzerFuzzTest:pemPrivateKey
)

mkdir -p target/fuzz

failed=0
printf '%-18s %-6s %9s %8s %7s %6s  %s\n' target result execs exec/s cov ft seconds
for t in "${targets[@]}"; do
  IFS=: read -r module class method <<<"$t"
  if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$method"; then
    continue
  fi
  log=target/fuzz/$method.log
  start=$(date +%s)
  # The test phase (not surefire:test) so the reactor's own modules are on the class path, as
  # class directories that Jazzer instruments, never a stale installed jar.
  # libFuzzer's per-input timeout stays at its default (1200 s): JUnit's timeout, which Jazzer
  # would translate, also bounds the whole run under surefire. So a run that overstays its
  # duration by two minutes is reported as a HANG (look at the log for the input it was on).
  # The web config's parsing is mostly SnakeYAML's, which Jazzer instruments only when asked.
  includes=()
  [ "$method" != webConfig ] || includes=(-Djazzer.instrumentation_includes='org.vigil.**:org.yaml.snakeyaml.**')
  JAZZER_FUZZ=1 timeout $((seconds + 120)) mvn -B -pl "$module" -am test \
    -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.max_duration="${seconds}s" "${includes[@]}" >"$log" 2>&1
  rc=$?
  took=$(( $(date +%s) - start ))
  # libFuzzer's last status line: "#<execs> DONE cov: <n> ft: <n> ... exec/s: <n> ..."
  last=$(grep -aE '^#[0-9]+[[:space:]]+(DONE|NEW|REDUCE|pulse|INITED)' "$log" | tail -1)
  execs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$last")
  rate=$(sed -nE 's/.*exec\/s: ([0-9]+).*/\1/p' <<<"$last")
  cov=$(sed -nE 's/.*cov: ([0-9]+).*/\1/p' <<<"$last")
  ft=$(sed -nE 's/.*ft: ([0-9]+).*/\1/p' <<<"$last")
  result=ok
  if [ $rc -eq 124 ]; then
    result=HANG
    failed=1
  elif [ $rc -ne 0 ]; then
    result=FAIL
    failed=1
  fi
  printf '%-18s %-6s %9s %8s %7s %6s  %s\n' "$method" "$result" "${execs:--}" "${rate:--}" \
    "${cov:--}" "${ft:--}" "$took"
  if [ $rc -ne 0 ]; then
    grep -aE '== Java Exception|^Caused by|crash-[0-9a-f]{40}|Jazzer exited|ERROR\]' "$log" | head -8 | sed 's/^/    /'
  fi
done
exit $failed
