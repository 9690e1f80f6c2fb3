#!/usr/bin/env bash
# Generates a large, mostly healthy procfs fixture tree for exporter benchmarks:
#   OUTDIR/proc/drbd    MINORS DRBD 8.4 minors (0..MINORS-1), default 200
#   OUTDIR/proc/mdstat  ARRAYS md raid1 arrays (md0..mdARRAYS-1), default 50
#   OUTDIR/sys          empty (no <sysfs>/block: sysfs-based md attributes are skipped)
# then validates both files with Vigil's own checks (exit 3 = UNKNOWN = parse error fails).
#
# Usage: packaging/bench/scaled-tree.sh OUTDIR [MINORS] [ARRAYS]
#
# Line formats are copied from the fixtures, which follow the kernel's printf formats:
#   drbd:   test-fixtures/drbd/8.4-synctarget-and-stalled-syncsource.proc-drbd (8.4.11 header,
#           "%2d: cs:..." device line, counter line, tab-indented progress lines) and
#           8.4-connected-secondary-primary.proc-drbd (healthy Connected UpToDate/UpToDate);
#   mdstat: test-fixtures/mdadm/raid1-two-arrays-healthy.mdstat (Personalities header, healthy
#           raid1 with and without a bitmap line, "unused devices: <none>" footer) and
#           raid1-2of1-recovery-29pct_white.mdstat (raid1 [2/1] [_U] with a recovery line).
# Mix: every 10th minor (5, 15, ...) is SyncSource with progress lines, the rest Connected
# UpToDate/UpToDate (roles alternate Primary/Secondary and Secondary/Primary); every 10th array
# (md5, md15, ...) is degraded and recovering, the rest are healthy (every other one with a
# write-intent bitmap). Each array has its own two members: partition 1-4 of a disk pair
# (sda/sdb for md0-md3, sdc/sdd for md4-md7, ..., sdaa after sdz as the kernel names them).
#
# Needs: bash, awk and, for the validation, java + packaging/target/vigil.jar (built here with
#        `mvn -B -q package -DskipTests` when missing). VIGIL_SKIP_VALIDATE=1 skips validation.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 OUTDIR [MINORS] [ARRAYS]" >&2; exit 2; }
out=$1
minors=${2:-200}
arrays=${3:-50}
case "$minors$arrays" in *[!0-9]*) echo "MINORS and ARRAYS must be numbers" >&2; exit 2 ;; esac
mkdir -p "$out/proc" "$out/sys"

# --- /proc/drbd (DRBD 8.4.11, drbd_seq_show / drbd_syncer_progress formats) ---------------
awk -v n="$minors" '
function thousands(v,   s, r) {      # seq_printf_with_thousands_grouping
  s = sprintf("%d", v); r = ""
  while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
  return s r
}
BEGIN {
  print "version: 8.4.11-1 (api:1/proto:86-101)"
  print "GIT-hash: 0de839cee13a4160eed6037c4bddd066645e23c5 build by root@node-a, 2018-11-05 12:33:41"
  for (m = 0; m < n; m++) {
    if (m % 10 == 5) {
      # SyncSource: resync of a 4 GiB device (rs_total in K; <= 4 GiB keeps the K unit).
      total = 4194304
      left = int(total * (0.05 + ((m * 37) % 90) / 100.0))
      res = 1000 - int(left / (int(total / 1000) + 1))
      if (res < 0) res = 0
      x = int(res / 50); y = 20 - x
      bar = ""
      for (i = 1; i < x; i++) bar = bar "="
      bar = bar ">"
      for (i = 0; i < y; i++) bar = bar "."
      speed = 20140 + (m * 13) % 900; avg = speed - 264
      t = int(left / speed)
      printf "%2d: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r-----\n", m
      printf "    ns:%d nr:0 dw:%d dr:%d al:%d bm:%d lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:%d\n", \
        total - left + 1220112, 1220112 + m * 4096, total - left + 17232 + m, 304 + m, int((total - left) / 16384) + 15, left
      printf "\t[%s] sync'\''ed:%3d.%d%% (%d/%d)K\n", bar, int(res / 10), res % 10, left, total
      printf "\tfinish: %d:%02d:%02d speed: %s (%s) K/sec\n", int(t / 3600), int((t % 3600) / 60), t % 60, \
        thousands(speed), thousands(avg)
    } else if (m % 2 == 0) {
      printf "%2d: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n", m
      printf "    ns:%d nr:0 dw:%d dr:%d al:%d bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n", \
        2210044 + m * 1031, 2210044 + m * 1031, 771200 + m * 517, 112 + m % 97
    } else {
      printf "%2d: cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate C r-----\n", m
      printf "    ns:0 nr:%d dw:%d dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n", \
        2210044 + m * 1031, 2210044 + m * 1031
    }
  }
}' > "$out/proc/drbd"

# --- /proc/mdstat (md_seq_show / status_resync / raid1_status formats) ----------------------
awk -v n="$arrays" '
function disk(k,   a) {               # sd_format_disk_name: a..z, aa..az, ba..
  a = "abcdefghijklmnopqrstuvwxyz"
  if (k < 26) return "sd" substr(a, k + 1, 1)
  return "sd" substr(a, int(k / 26), 1) substr(a, k % 26 + 1, 1)
}
BEGIN {
  print "Personalities : [raid1] "
  for (i = 0; i < n; i++) {
    g = int(i / 4); p = i % 4 + 1
    d0 = disk(2 * g) p; d1 = disk(2 * g + 1) p
    blocks = 975628288 - (i % 7) * 1048576
    bitmap = (i % 2 == 1)
    if (i % 10 == 5) {
      # d0 was replaced and is being rebuilt: new slot number 2, [2/1] [_U], recovery line.
      done = int(blocks * (0.05 + ((i * 29) % 90) / 100.0))
      pm = int(done * 1000 / blocks)   # per_milli
      x = int(pm / 50); y = 20 - x
      bar = ""
      for (k = 0; k < x; k++) bar = bar "="
      bar = bar ">"
      for (k = 0; k < y; k++) bar = bar "."
      speed = 40742 + (i * 131) % 5000
      dt = (blocks - done) / speed / 60
      printf "md%d : active raid1 %s[1] %s[2]\n", i, d1, d0
      printf "      %d blocks super 1.2 [2/1] [_U]\n", blocks
      printf "      [%s]  recovery =%3d.%d%% (%d/%d) finish=%d.%dmin speed=%dK/sec\n", \
        bar, int(pm / 10), pm % 10, done, blocks, int(dt), int(dt * 10) % 10, speed
    } else {
      printf "md%d : active raid1 %s[1] %s[0]\n", i, d1, d0
      printf "      %d blocks super 1.2 [2/2] [UU]\n", blocks
    }
    if (bitmap) {
      printf "      bitmap: %d/8 pages [%dKB], 65536KB chunk\n", i % 3, (i % 3) * 4
      print ""
    } else {
      print "      "
    }
  }
  print "unused devices: <none>"
}' > "$out/proc/mdstat"

if [ "${VIGIL_SKIP_VALIDATE:-0}" = 1 ]; then
  exit 0
fi
if [ ! -f "$root/packaging/target/vigil.jar" ] && [ -z "${VIGIL_JAR:-}" ]; then
  echo "building packaging/target/vigil.jar" >&2
  (cd "$root" && mvn -B -q package -DskipTests) >&2
fi
# Exit 0-2 is a verdict on the generated states, 3 (UNKNOWN) means a parse error.
for check in "check_drbd --proc-drbd $out/proc/drbd" "check_raid --mdstat $out/proc/mdstat"; do
  rc=0
  # shellcheck disable=SC2086
  line=$("$root"/packaging/bin/$check 2>&1) || rc=$?
  echo "validate: ${check%% *} exit $rc: $(printf '%s\n' "$line" | head -n 1 | cut -c1-160)" >&2
  if [ "$rc" -ge 3 ]; then
    echo "generated tree rejected by ${check%% *} (exit $rc)" >&2
    exit 1
  fi
done
