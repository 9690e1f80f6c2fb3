#!/usr/bin/env bash
# btrfs-scenario.sh - real btrfs scrub scenarios on loop devices, for BtrfsScenariosIT and for
# capturing the fixtures in test-fixtures/btrfs-real/.
#
# Usage:
#   btrfs-scenario.sh check                        exit 0 if this machine can run the scenarios,
#                                                  else print the reason on stdout and exit 1
#   btrfs-scenario.sh setup SCENARIO WORKDIR       build SCENARIO under WORKDIR (an existing
#                                                  absolute directory, one per setup); prints the
#                                                  mountpoint (WORKDIR/mnt) on stdout and nothing
#                                                  else; logs go to stderr
#   btrfs-scenario.sh teardown WORKDIR             remove mounts, loop devices, images and scrub
#                                                  state made under WORKDIR; idempotent, also after
#                                                  a partial or failed setup; exit 1 if anything
#                                                  could not be removed
#   btrfs-scenario.sh capture OUTDIR               run every scenario and write the raw outputs of
#                                                  btrfs scrub status / device stats to OUTDIR,
#                                                  with OUTDIR/PROVENANCE.tsv
#
# Scenarios (each on fresh 512 MiB sparse images; data = 64 MiB random + a 1 MiB pattern file made
# of 256 blocks of 4096 bytes, each block starting with "VIGIL-SCRUB-CANARY block NNNN"):
#   never-scrubbed        RAID1 data+metadata on 2 devices, data written, never scrubbed
#   raid1-clean           RAID1 on 2 devices, scrub start -B: finished, no errors
#   raid1-corrected       RAID1 on 2 devices, 7 pattern blocks overwritten on device 1's image,
#                         scrub start -B: finished, csum=7, corrected 7
#   single-uncorrectable  1 device, -d single -m dup, 3 pattern blocks overwritten,
#                         scrub start -B: finished, csum=3, uncorrectable 3
#   raid1-cancelled       RAID1 on 2 devices, scrub throttled to 1 MiB/s per device via
#                         /sys/fs/btrfs/FSID/devinfo/DEVID/scrub_speed_max, started in the
#                         background, cancelled once "btrfs scrub status" says running: aborted
#
# Every setup verifies the state it built (with btrfs scrub status -R) and fails loudly if the
# scenario did not come out as intended, so a failing check is never blamed on a broken scenario.
#
# What setup creates is recorded under WORKDIR before it is created (images, loops, mountpoint,
# fsid, scrub.pid), so teardown finds it even after a crash halfway. Teardown only touches loop
# devices whose backing file is one of WORKDIR's images and only the mount at WORKDIR/mnt.
set -euo pipefail
export LC_ALL=C
export PATH="/usr/local/sbin:/usr/sbin:/sbin:${PATH:-/usr/local/bin:/usr/bin:/bin}"

readonly IMG_SIZE=512M
readonly RANDOM_MIB=64
readonly PATTERN_BLOCKS=256
readonly MARKER='VIGIL-SCRUB-CANARY block'
readonly CORRUPT_RAID1=7
readonly CORRUPT_SINGLE=3
readonly THROTTLE_BYTES_PER_S=1048576
readonly SCENARIOS='never-scrubbed raid1-clean raid1-corrected single-uncorrectable raid1-cancelled'

CAPTURE_DIR=                 # set by "capture": setup then also records transient states
PROVENANCE_ROWS=()

log() { printf 'btrfs-scenario: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

usage() {
    sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$0" >&2
    exit 2
}

# ---- environment ------------------------------------------------------------------------------

cannot_run_reason() {
    if [[ $(id -u) != 0 ]]; then echo "not root (loop devices and mount need root)"; return; fi
    if [[ ! -e /dev/loop-control ]]; then echo "no /dev/loop-control (no loop device support)"; return; fi
    if ! grep -qw btrfs /proc/filesystems; then echo "btrfs not in /proc/filesystems"; return; fi
    local tool
    for tool in btrfs mkfs.btrfs losetup mount umount mountpoint truncate timeout grep dd; do
        if ! command -v "$tool" >/dev/null; then
            if [[ $tool == btrfs || $tool == mkfs.btrfs ]]; then
                echo "btrfs-progs not installed ($tool not found; apt-get install -y btrfs-progs)"
            else
                echo "$tool not found"
            fi
            return
        fi
    done
}

# ---- helpers ----------------------------------------------------------------------------------

# wait_for SECONDS WHAT COMMAND...: poll COMMAND every 0.2 s until it succeeds; fail after SECONDS.
wait_for() {
    local seconds=$1 what=$2 i
    shift 2
    for ((i = 0; i < seconds * 5; i++)); do
        if "$@"; then return 0; fi
        sleep 0.2
    done
    log "timed out after ${seconds}s waiting for: $what"
    return 1
}

scrub_status() { timeout -k 5 30 btrfs scrub status "$@"; }

# raw_field MNT NAME: one counter from "btrfs scrub status -R MNT" (whole filesystem)
raw_field() {
    local out
    out=$(scrub_status -R "$1")
    awk -v k="$2:" '$1 == k { print $2; exit }' <<<"$out"
}

status_word() {
    local out
    out=$(scrub_status "$1")
    awk '$1 == "Status:" { print $2; exit }' <<<"$out"
}

status_is() { [[ $(status_word "$1") == "$2" ]]; }

expect_raw() {
    local mnt=$1 name=$2 want=$3 got
    got=$(raw_field "$mnt" "$name")
    [[ $got == "$want" ]] || die "scenario not as intended: $name is '$got', expected '$want'"
}

# ---- building blocks of setup -----------------------------------------------------------------

attach() {             # attach N: new image WORKDIR/devN.img on a new loop device; prints the device
    local img=$WD/dev$1.img dev
    echo "$img" >>"$WD/images"
    truncate -s "$IMG_SIZE" "$img"
    dev=$(losetup --find --show "$img")
    echo "$dev" >>"$WD/loops"
    log "attached $img as $dev"
    echo "$dev"
}

make_fs_and_mount() {  # make_fs_and_mount DATA-PROFILE METADATA-PROFILE DEV...
    local dprof=$1 mprof=$2 fsid opts=()
    shift 2
    timeout -k 5 60 mkfs.btrfs -f -q -d "$dprof" -m "$mprof" "$@" >&2
    fsid=$(btrfs inspect-internal dump-super "$1" | awk '$1 == "fsid" && !seen++ { print $2 }')
    [[ $fsid =~ ^[0-9a-f-]{36}$ ]] || die "could not read the fsid of $1"
    echo "$fsid" >"$WD/fsid"
    local dev
    for dev in "${@:2}"; do opts+=("device=$dev"); done
    mkdir -p "$WD/mnt"
    echo "$WD/mnt" >"$WD/mountpoint"
    if ((${#opts[@]})); then
        mount -t btrfs -o "$(IFS=,; echo "${opts[*]}")" "$1" "$WD/mnt"
    else
        mount -t btrfs "$1" "$WD/mnt"
    fi
    log "mkfs -d $dprof -m $mprof on $*, fsid $fsid, mounted on $WD/mnt"
}

write_data() {
    local mnt=$WD/mnt i block
    head -c $((RANDOM_MIB * 1024 * 1024)) /dev/urandom >"$mnt/random"
    for ((i = 0; i < PATTERN_BLOCKS; i++)); do
        printf -v block '%s %04d' "$MARKER" "$i"
        printf '%-4095s\n' "$block"
    done >"$mnt/pattern"
    [[ $(stat -c %s "$mnt/pattern") == $((PATTERN_BLOCKS * 4096)) ]] || die "pattern file has the wrong size"
    sync
    log "wrote ${RANDOM_MIB} MiB random data and a $((PATTERN_BLOCKS * 4)) KiB pattern file"
}

# corrupt IMAGE N: overwrite the first N 4 KiB pattern blocks found in IMAGE with random bytes.
# Every block of the pattern file starts with MARKER and data extents are 4 KiB aligned, so each
# match is the start of a whole sector that belongs to the pattern file and nothing else.
corrupt() {
    local img=$1 n=$2 off offs
    mapfile -t offs < <(grep -obUaF -m "$n" "$MARKER" "$img" | cut -d: -f1)
    ((${#offs[@]} == n)) || die "found ${#offs[@]} pattern blocks in $img, wanted $n"
    for off in "${offs[@]}"; do
        ((off % 4096 == 0)) || die "pattern block at $off in $img is not 4 KiB aligned"
    done
    for off in "${offs[@]}"; do
        dd if=/dev/urandom of="$img" bs=4096 seek=$((off / 4096)) count=1 conv=notrunc,fsync status=none
    done
    sync
    echo 3 >/proc/sys/vm/drop_caches
    log "overwrote $n pattern sectors in $img at byte offsets ${offs[*]}"
}

scrub_foreground() {
    local rc=0
    timeout -k 5 120 btrfs scrub start -B "$WD/mnt" >&2 || rc=$?
    # 0: no errors or all corrected; 3: uncorrectable errors; anything else is a real failure
    [[ $rc == 0 || $rc == 3 ]] || die "btrfs scrub start -B exited $rc"
    log "btrfs scrub start -B exited $rc"
    wait_for 10 "scrub status finished" status_is "$WD/mnt" finished
}

throttle() {           # throttle BYTES-PER-S: set scrub_speed_max on every device of the filesystem
    local fsid knob n=0
    fsid=$(cat "$WD/fsid")
    for knob in /sys/fs/btrfs/"$fsid"/devinfo/*/scrub_speed_max; do
        [[ -e $knob ]] || continue
        echo "$1" >"$knob"
        n=$((n + 1))
    done
    ((n > 0)) || die "no /sys/fs/btrfs/$fsid/devinfo/*/scrub_speed_max (kernel older than 5.14?)"
}

scrub_running() {
    local out
    out=$(scrub_status "$WD/mnt")
    [[ $out =~ (^|$'\n')Status:[[:space:]]+running ]]
}

pid_gone() { ! kill -0 "$1" 2>/dev/null; }

scrub_and_cancel() {
    local out pid t0=$SECONDS
    throttle "$THROTTLE_BYTES_PER_S"
    # The background scrub process inherits every open file of its parent and keeps them open
    # until the scrub ends: never start it with a pipe (a $(...) or the caller's stdout) open.
    timeout -k 5 30 btrfs scrub start "$WD/mnt" </dev/null >"$WD/scrub-start.out" 2>&1 3>&-
    out=$(cat "$WD/scrub-start.out")
    log "$out"
    pid=$(sed -n 's/.*(pid=\([0-9]*\)).*/\1/p' <<<"$out")
    [[ -n $pid ]] || die "no pid in the output of btrfs scrub start"
    echo "$pid" >"$WD/scrub.pid"
    if [[ -n $CAPTURE_DIR ]]; then capture_state raid1-scrub-starting; fi
    # btrfs-progs writes the status file that "scrub status" reads about every 5 s; until then it
    # says "no stats available". 1 MiB/s per device leaves about a minute of scrubbing.
    wait_for 40 "btrfs scrub status: running" scrub_running
    log "scrub running after $((SECONDS - t0))s"
    if [[ -n $CAPTURE_DIR ]]; then capture_state raid1-scrub-running; fi
    timeout -k 5 30 btrfs scrub cancel "$WD/mnt" >&2
    wait_for 30 "btrfs scrub status: aborted" status_is "$WD/mnt" aborted
    wait_for 30 "scrub process $pid to exit" pid_gone "$pid"
    throttle 0
    log "scrub cancelled after $((SECONDS - t0))s"
}

# ---- setup / teardown -------------------------------------------------------------------------

do_setup() {
    local scenario=$1 d1 d2 t0=$SECONDS
    echo "$scenario" >"$WD/scenario"
    case $scenario in
        never-scrubbed | raid1-clean | raid1-corrected | raid1-cancelled)
            d1=$(attach 1)
            d2=$(attach 2)
            make_fs_and_mount raid1 raid1 "$d1" "$d2"
            write_data
            ;;
        single-uncorrectable)
            d1=$(attach 1)
            make_fs_and_mount single dup "$d1"
            write_data
            ;;
        *) die "unknown scenario '$scenario' (known: $SCENARIOS)" ;;
    esac
    case $scenario in
        never-scrubbed)
            [[ -z $(status_word "$WD/mnt") ]] || die "a never-scrubbed filesystem has a scrub status"
            ;;
        raid1-clean)
            scrub_foreground
            expect_raw "$WD/mnt" csum_errors 0
            expect_raw "$WD/mnt" corrected_errors 0
            expect_raw "$WD/mnt" uncorrectable_errors 0
            ;;
        raid1-corrected)
            corrupt "$WD/dev1.img" "$CORRUPT_RAID1"
            scrub_foreground
            expect_raw "$WD/mnt" csum_errors "$CORRUPT_RAID1"
            expect_raw "$WD/mnt" corrected_errors "$CORRUPT_RAID1"
            expect_raw "$WD/mnt" uncorrectable_errors 0
            ;;
        single-uncorrectable)
            corrupt "$WD/dev1.img" "$CORRUPT_SINGLE"
            scrub_foreground
            expect_raw "$WD/mnt" csum_errors "$CORRUPT_SINGLE"
            expect_raw "$WD/mnt" corrected_errors 0
            expect_raw "$WD/mnt" uncorrectable_errors "$CORRUPT_SINGLE"
            ;;
        raid1-cancelled)
            scrub_and_cancel
            expect_raw "$WD/mnt" uncorrectable_errors 0
            ;;
    esac
    log "setup $scenario done in $((SECONDS - t0))s"
}

setup() {
    [[ $# == 2 ]] || usage
    local scenario=$1
    WD=$2
    [[ $WD == /* && -d $WD ]] || die "WORKDIR must be an existing absolute directory: $WD"
    [[ " $SCENARIOS " == *" $scenario "* ]] || die "unknown scenario '$scenario' (known: $SCENARIOS)"
    [[ ! -e $WD/scenario ]] || die "$WD was already used for a scenario; tear it down and use a new one"
    local reason
    reason=$(cannot_run_reason)
    [[ -z $reason ]] || die "cannot run: $reason"
    exec 3>&1 1>&2       # stdout carries the mountpoint only
    do_setup "$scenario"
    echo "$WD/mnt" >&3
}

our_loops() {          # loop devices backed by one of WORKDIR's images
    local img
    [[ -f $WD/images ]] || return 0
    while IFS= read -r img; do
        [[ $img == "$WD"/* && -e $img ]] || continue
        losetup --list --noheadings --output NAME --associated "$img"
    done <"$WD/images"
}

no_loops_left() { [[ -z $(our_loops) ]]; }

do_teardown() {
    local mnt=$WD/mnt fsid='' pid='' knob dev img failed=0
    [[ -f $WD/fsid ]] && fsid=$(cat "$WD/fsid")
    [[ -f $WD/scrub.pid ]] && pid=$(cat "$WD/scrub.pid")
    if mountpoint -q "$mnt" 2>/dev/null; then   # WORKDIR/mnt is ours even if "mountpoint" was never written
        if [[ -n $fsid ]]; then
            for knob in /sys/fs/btrfs/"$fsid"/devinfo/*/scrub_speed_max; do
                if [[ -e $knob ]]; then echo 0 >"$knob" 2>/dev/null || true; fi
            done
        fi
        if scrub_running 2>/dev/null; then
            timeout -k 5 30 btrfs scrub cancel "$mnt" >&2 || true
        fi
        if [[ -n $pid ]]; then wait_for 30 "scrub process $pid to exit" pid_gone "$pid" || true; fi
        wait_for 20 "umount $mnt" umount "$mnt" 2>/dev/null || true
        if mountpoint -q "$mnt" 2>/dev/null; then
            log "umount $mnt failed; detaching it lazily"
            umount -l "$mnt" || failed=1
        fi
    fi
    for dev in $(our_loops); do
        btrfs device scan --forget "$dev" >/dev/null 2>&1 || true
        losetup -d "$dev" || failed=1
        log "detached $dev"
    done
    wait_for 10 "loop devices of $WD to go away" no_loops_left || failed=1
    if [[ -n $fsid && $fsid =~ ^[0-9a-f-]{36}$ ]]; then
        rm -f "/var/lib/btrfs/scrub.status.$fsid" "/var/lib/btrfs/scrub.progress.$fsid"
    fi
    if ((failed == 0)); then
        if [[ -f $WD/images ]]; then
            while IFS= read -r img; do
                [[ $img == "$WD"/* ]] && rm -f "$img"
            done <"$WD/images"
        fi
        if [[ -d $mnt ]] && ! mountpoint -q "$mnt" 2>/dev/null; then rmdir "$mnt" 2>/dev/null || true; fi
        rm -f "$WD/images" "$WD/loops" "$WD/mountpoint" "$WD/fsid" "$WD/scrub.pid" "$WD/scrub-start.out" \
            "$WD/scenario"
    else
        log "teardown of $WD incomplete: $(our_loops | tr '\n' ' ')"
    fi
    return "$failed"
}

teardown() {
    [[ $# == 1 ]] || usage
    WD=$1
    [[ $WD == /* ]] || die "WORKDIR must be absolute: $WD"
    [[ -d $WD ]] || { log "nothing to tear down: $WD does not exist"; return 0; }
    exec 1>&2
    do_teardown
}

# ---- capture ----------------------------------------------------------------------------------

capture_one() {        # capture_one STATE KIND COMMAND-ARGS... (btrfs subcommand, mountpoint last)
    local state=$1 kind=$2 rc=0 err
    shift 2
    local file=$state.$kind
    err=$(timeout -k 5 30 btrfs "$@" 2>&1 >"$CAPTURE_DIR/$file") || rc=$?
    [[ -z $err ]] || log "$file: stderr: $err"
    local shown="LC_ALL=C btrfs ${*:1:$#-1} <mnt>"
    PROVENANCE_ROWS+=("$file	$shown	$PROGS	$KERNEL	$state: $(describe "$state"); exit status $rc; captured by packaging/it/btrfs-scenario.sh capture")
    log "captured $file (exit $rc)"
}

capture_state() {
    local state=$1 mnt=$WD/mnt
    capture_one "$state" scrub-status scrub status "$mnt"
    capture_one "$state" scrub-status-raw scrub status -R "$mnt"
    capture_one "$state" scrub-status-dev-raw scrub status -d -R "$mnt"
    capture_one "$state" device-stats device stats "$mnt"
}

describe() {
    local common="512 MiB sparse images on loop devices, ${RANDOM_MIB} MiB urandom data + 1 MiB pattern file"
    case $1 in
        never-scrubbed) echo "mkfs.btrfs -d raid1 -m raid1 on 2 devices, $common, never scrubbed" ;;
        raid1-clean) echo "mkfs.btrfs -d raid1 -m raid1 on 2 devices, $common, btrfs scrub start -B: finished, no errors" ;;
        raid1-corrected) echo "mkfs.btrfs -d raid1 -m raid1 on 2 devices, $common, $CORRUPT_RAID1 pattern sectors overwritten with dd on devid 1's image, btrfs scrub start -B: finished, corrected" ;;
        single-uncorrectable) echo "mkfs.btrfs -d single -m dup on 1 device, $common, $CORRUPT_SINGLE pattern sectors overwritten with dd, btrfs scrub start -B: finished, uncorrectable" ;;
        raid1-scrub-starting) echo "mkfs.btrfs -d raid1 -m raid1 on 2 devices, $common, scrub_speed_max=$THROTTLE_BYTES_PER_S on each device, btrfs scrub start (background), captured right after the start, before btrfs-progs wrote its first progress" ;;
        raid1-scrub-running) echo "mkfs.btrfs -d raid1 -m raid1 on 2 devices, $common, scrub_speed_max=$THROTTLE_BYTES_PER_S on each device, btrfs scrub start (background), captured once btrfs scrub status said running" ;;
        raid1-cancelled) echo "mkfs.btrfs -d raid1 -m raid1 on 2 devices, $common, scrub_speed_max=$THROTTLE_BYTES_PER_S on each device, btrfs scrub start (background), btrfs scrub cancel once running: aborted" ;;
        *) echo "$1" ;;
    esac
}

capture() {
    [[ $# == 1 ]] || usage
    local out=$1 reason scenario t0
    [[ $out == /* ]] || out=$PWD/$out
    reason=$(cannot_run_reason)
    [[ -z $reason ]] || die "cannot run: $reason"
    mkdir -p "$out"
    CAPTURE_DIR=$out
    PROGS=$(btrfs --version | head -n 1)
    KERNEL=$(uname -r)
    exec 1>&2
    for scenario in $SCENARIOS; do
        WD=$(mktemp -d /tmp/vigil-btrfs-capture.XXXXXX)
        trap 'do_teardown || true; rmdir "$WD" 2>/dev/null || true' EXIT
        t0=$SECONDS
        do_setup "$scenario"
        capture_state "$scenario"
        do_teardown
        rmdir "$WD"
        trap - EXIT
        log "$scenario captured in $((SECONDS - t0))s"
    done
    {
        printf 'file\tcommand\tbtrfs-progs\tkernel\tscenario\n'
        printf '%s\n' "${PROVENANCE_ROWS[@]}" | sort
    } >"$out/PROVENANCE.tsv"
    log "wrote ${#PROVENANCE_ROWS[@]} files and PROVENANCE.tsv to $out"
}

# ---- main -------------------------------------------------------------------------------------

[[ $# -ge 1 ]] || usage
cmd=$1
shift
case $cmd in
    check)
        reason=$(cannot_run_reason)
        if [[ -n $reason ]]; then echo "$reason"; exit 1; fi
        ;;
    setup) setup "$@" ;;
    teardown) teardown "$@" ;;
    capture) capture "$@" ;;
    -h | --help | help) usage ;;
    *) usage ;;
esac
