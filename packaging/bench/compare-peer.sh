#!/usr/bin/env bash
# Verdict of Vigil's check_drbd against Debian's check_drbd 0.5.3 (monitoring-plugins-contrib,
# run with -d All) for every /proc/drbd fixture without extra arguments. Prints a TSV and a
# summary of the fixtures where the peer is more lenient than our manifest's verdict.
# Usage: packaging/bench/compare-peer.sh   (after the README's build command)
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
peer=/usr/lib/nagios/plugins/check_drbd
[ -x "$peer" ] || { echo "missing $peer (apt-get install monitoring-plugins-contrib)" >&2; exit 2; }
names=(OK WARNING CRITICAL UNKNOWN)
rank() { case $1 in OK) echo 0 ;; UNKNOWN) echo 1 ;; WARNING) echo 2 ;; CRITICAL) echo 3 ;; esac; }
printf 'fixture\tvigil\tdebian\tdebian_output\n'
lenient=0 total=0
while IFS=$'\t' read -r file status args _; do
  [ "$file" = file ] && continue
  [ "$args" = - ] || continue
  case $file in *.proc-drbd) ;; *) continue ;; esac
  fixture=$root/test-fixtures/drbd/$file
  ours=$("$root/packaging/bin/check_drbd" --proc-drbd "$fixture" --drbdsetup /nonexistent | head -n 1)
  out=$("$peer" -d All -p "$fixture" 2>&1 | head -n 1); rc=$?
  theirs=${names[$rc]:-UNKNOWN}
  printf '%s\t%s\t%s\t%s\n' "$file" "${ours#DRBD }" "$theirs" "$out" | sed 's/ - .*\t/\t/'
  total=$((total + 1))
  if [ "$(rank "$theirs")" -lt "$(rank "$status")" ]; then lenient=$((lenient + 1)); fi
done < "$root/test-fixtures/drbd/MANIFEST.tsv"
echo
echo "debian check_drbd is more lenient than Vigil's verdict on $lenient of $total /proc/drbd fixtures"
