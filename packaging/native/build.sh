#!/bin/sh
# Builds the three check launchers from vigil-check.c: OUT/check_drbd, check_raid, check_cluster.
# Usage: build.sh OUT-DIR   (CC, CFLAGS, LDFLAGS as usual; run by the packaging module's build)
# Debian's hardening flags (dpkg-buildflags --get CFLAGS/LDFLAGS with hardening=+all) by default.
set -eu
out=$1
src=$(dirname "$0")/vigil-check.c
cc=${CC:-cc}
if ! command -v "$cc" >/dev/null 2>&1; then
    echo "build.sh: no C compiler ($cc): install one (Debian: apt-get install gcc libc6-dev)," \
        "or set CC" >&2
    exit 1
fi
cflags=${CFLAGS:--O2 -std=c11 -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wconversion \
-D_FORTIFY_SOURCE=2 -fstack-protector-strong -fstack-clash-protection -fPIE}
ldflags=${LDFLAGS:--pie -s -Wl,-z,relro -Wl,-z,now}
mkdir -p "$out"
build() {  # NAME SERVICE MAIN-CLASS
    # shellcheck disable=SC2086 # the flags are lists of options
    "$cc" $cflags -DVIGIL_SERVICE="\"$2\"" -DVIGIL_MAIN="\"$3\"" "$src" $ldflags -o "$out/$1.tmp"
    mv "$out/$1.tmp" "$out/$1"
}
build check_drbd DRBD org.vigil.drbd.cli.CheckDrbd
build check_raid RAID org.vigil.raid.cli.CheckRaid
build check_cluster CLUSTER org.vigil.cluster.cli.CheckCluster
