#!/usr/bin/env bash
# Whole-process start-up cost of a Vigil check through the shipped wrapper, beside the Debian
# peer (monitoring-plugins-contrib) and check_dummy, measured in the same run.
#
# Usage: packaging/bench/startup.sh [drbd|raid] [FIXTURE] [RUNS]
#   drbd: packaging/bin/check_drbd --proc-drbd F  vs  check_drbd 0.5.3 -p F
#   raid: packaging/bin/check_raid --mdstat F     vs  check_raid 4.0.9 -p mdstat, which can only
#         read /proc/mdstat: it runs in a private mount namespace with F bind-mounted as
#         /proc/mdstat; the cost of that wrapping (unshare + mount + exec true) is measured too.
# Needs: hyperfine, /usr/bin/time, monitoring-plugins-contrib, monitoring-plugins-basic, root for
#        the raid namespace (apt-get install hyperfine time monitoring-plugins-contrib
#        monitoring-plugins-basic) and the jar from the README's build command.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
check=${1:-drbd}
runs=${3:-20}
dummy="/usr/lib/nagios/plugins/check_dummy 0 ok"
extra_name=""
extra=""
case $check in
  drbd)
    fixture=${2:-$root/test-fixtures/drbd/8.4-peer-dunknown-while-connected.proc-drbd}
    ours="$root/packaging/bin/check_drbd --proc-drbd $fixture"
    peer_name="debian check_drbd 0.5.3"
    peer="/usr/lib/nagios/plugins/check_drbd -p $fixture"
    ;;
  raid)
    fixture=${2:-$root/test-fixtures/mdadm/raid1-two-arrays-healthy.mdstat}
    fakeproc=$(mktemp -d)
    cp "$fixture" "$fakeproc/mdstat"
    ours="$root/packaging/bin/check_raid --mdstat $fixture"
    peer_name="debian check_raid 4.0.9 (in namespace)"
    peer="unshare -m sh -c 'mount --bind $fakeproc /proc && exec /usr/lib/nagios/plugins/check_raid -p mdstat'"
    extra_name="namespace wrapping alone"
    extra="unshare -m sh -c 'mount --bind $fakeproc /proc && exec /bin/true'"
    ;;
  *) echo "usage: $0 [drbd|raid] [FIXTURE] [RUNS]" >&2; exit 2 ;;
esac

for tool in hyperfine /usr/bin/time /usr/lib/nagios/plugins/check_$check \
    /usr/lib/nagios/plugins/check_dummy "$root/packaging/target/vigil.jar"; do
  command -v "$tool" >/dev/null 2>&1 || [ -e "$tool" ] || { echo "missing: $tool" >&2; exit 2; }
done

json=$(mktemp)
trap 'rm -f "$json"' EXIT
# -i: plugins exit 1-3 by design; -N: no intermediate shell.
args=(-n "vigil check_$check" "$ours" -n "$peer_name" "$peer" -n "check_dummy" "$dummy")
[ -z "$extra" ] || args+=(-n "$extra_name" "$extra")
# -i: plugins exit 1-3 by design; -N: no intermediate shell (quoted arguments are still split
# as a shell would).
hyperfine -N -i --warmup 3 --runs "$runs" --export-json "$json" "${args[@]}" >/dev/null 2>&1

median_rss_kb() {
  local i
  for ((i = 0; i < runs; i++)); do
    # shellcheck disable=SC2086
    # Plugins exit 1-3 by design; only the RSS line matters here.
    { eval "/usr/bin/time -f %M $1" 2>&1 >/dev/null || true; } | tail -n 1
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
    "vigil check_$check") cmd=$ours ;;
    "$peer_name") cmd=$peer ;;
    "$extra_name") cmd=$extra ;;
    *) cmd=$dummy ;;
  esac
  rss=$(median_rss_kb "$cmd")
  printf '| %s | %s | %.1f |\n' "$name" "$ms" "$(echo "$rss / 1024" | bc -l)"
done
