#!/usr/bin/env bash
# Whole-process start-up cost of check_drbd through the shipped wrapper, beside Debian's
# Perl check_drbd (monitoring-plugins-contrib) and check_dummy, measured in the same run.
#
# Usage: packaging/bench/startup.sh [FIXTURE] [RUNS]
# Needs: hyperfine, /usr/bin/time, monitoring-plugins-contrib, monitoring-plugins-basic
#        (apt-get install hyperfine time monitoring-plugins-contrib monitoring-plugins-basic)
#        and the jar from the README's build command.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
fixture=${1:-$root/test-fixtures/drbd/8.4-peer-dunknown-while-connected.proc-drbd}
runs=${2:-20}
ours="$root/packaging/bin/check_drbd --proc-drbd $fixture"
debian="/usr/lib/nagios/plugins/check_drbd -p $fixture"
dummy="/usr/lib/nagios/plugins/check_dummy 0 ok"

for tool in hyperfine /usr/bin/time /usr/lib/nagios/plugins/check_drbd \
    /usr/lib/nagios/plugins/check_dummy "$root/packaging/target/vigil.jar"; do
  command -v "$tool" >/dev/null 2>&1 || [ -e "$tool" ] || { echo "missing: $tool" >&2; exit 2; }
done

json=$(mktemp)
trap 'rm -f "$json"' EXIT
# -i: plugins exit 1-3 by design; -N: no intermediate shell.
hyperfine -N -i --warmup 3 --runs "$runs" --export-json "$json" \
  -n "vigil check_drbd" "$ours" -n "debian check_drbd 0.5.3" "$debian" \
  -n "check_dummy" "$dummy" >/dev/null 2>&1

median_rss_kb() {
  local i
  for ((i = 0; i < runs; i++)); do
    # shellcheck disable=SC2086
    # Plugins exit 1-3 by design; only the RSS line matters here.
    { /usr/bin/time -f %M $1 2>&1 >/dev/null || true; } | tail -n 1
  done | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}

echo "fixture: $(basename "$fixture"), $runs runs each, $(nproc) cores, $(java -version 2>&1 | head -n 1)"
echo
echo "| command | median wall ms | peak RSS MB (median) |"
echo "|---|---|---|"
python3 - "$json" <<'PY' | while IFS=$'\t' read -r name ms; do
import json, statistics, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command']}\t{statistics.median(r['times']) * 1000:.1f}")
PY
  case "$name" in
    "vigil check_drbd") cmd=$ours ;;
    "debian check_drbd 0.5.3") cmd=$debian ;;
    *) cmd=$dummy ;;
  esac
  rss=$(median_rss_kb "$cmd")
  printf '| %s | %s | %.1f |\n' "$name" "$ms" "$(echo "$rss / 1024" | bc -l)"
done
