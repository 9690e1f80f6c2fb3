#!/usr/bin/env bash
# Verdicts of a Vigil check beside the Debian peer (monitoring-plugins-contrib) on every fixture
# of one input format that has no extra arguments in its manifest. Prints a TSV and how often the
# peer is more lenient than the manifest's verdict (lenient: OK < UNKNOWN < WARNING < CRITICAL).
#   drbd: check_drbd 0.5.3 -d All -p F                  on test-fixtures/drbd/*.proc-drbd
#   raid: check_raid 4.0.9 -p mdstat with F bind-mounted as /proc/mdstat in a private mount
#         namespace (root needed)                       on test-fixtures/mdadm/*.mdstat
# Usage: packaging/bench/compare-peer.sh [drbd|raid]   (after the README's build command)
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
check=${1:-drbd}
names=(OK WARNING CRITICAL UNKNOWN)
rank() { case $1 in OK) echo 0 ;; UNKNOWN) echo 1 ;; WARNING) echo 2 ;; CRITICAL) echo 3 ;; esac; }
case $check in
  drbd) area=drbd; suffix=.proc-drbd ;;
  raid) area=mdadm; suffix=.mdstat; fakeproc=$(mktemp -d); trap 'rm -rf "$fakeproc"' EXIT ;;
  *) echo "usage: $0 [drbd|raid]" >&2; exit 2 ;;
esac
peer=/usr/lib/nagios/plugins/check_$check
[ -x "$peer" ] || { echo "missing $peer (apt-get install monitoring-plugins-contrib)" >&2; exit 2; }

run_peer() {
  if [ "$check" = drbd ]; then
    "$peer" -d All -p "$1" 2>&1 | head -n 1
    return "${PIPESTATUS[0]}"
  fi
  cp "$1" "$fakeproc/mdstat"
  unshare -m sh -c "mount --bind '$fakeproc' /proc && exec '$peer' -p mdstat" 2>/dev/null \
    | head -n 1
  return "${PIPESTATUS[0]}"
}

printf 'fixture\tvigil\tdebian\tdebian_output\n'
lenient=0 total=0
while IFS=$'\t' read -r file status args _; do
  [ "$file" = file ] && continue
  [ "$args" = - ] || continue
  case $file in *"$suffix") ;; *) continue ;; esac
  fixture=$root/test-fixtures/$area/$file
  if [ "$check" = drbd ]; then
    ours=$("$root/packaging/bin/check_drbd" --proc-drbd "$fixture" --drbdsetup /nonexistent | head -n 1)
  else
    ours=$("$root/packaging/bin/check_raid" --mdstat "$fixture" | head -n 1)
  fi
  out=$(run_peer "$fixture"); rc=$?
  theirs=${names[$rc]:-UNKNOWN}
  ours=${ours#* }
  printf '%s\t%s\t%s\t%s\n' "$file" "${ours%% *}" "$theirs" "$out"
  total=$((total + 1))
  if [ "$(rank "$theirs")" -lt "$(rank "$status")" ]; then lenient=$((lenient + 1)); fi
done < "$root/test-fixtures/$area/MANIFEST.tsv"
echo
echo "debian check_$check is more lenient than Vigil's verdict on $lenient of $total $suffix fixtures"
