#!/usr/bin/env bash
# Whole-process start-up cost of a Vigil check through the shipped wrapper, beside the Debian
# peer (monitoring-plugins-contrib) and check_dummy, measured in the same run.
#
# Usage: packaging/bench/startup.sh [drbd|raid] [FIXTURE] [RUNS]
#   drbd: packaging/bin/check_drbd --proc-drbd F  vs  check_drbd 0.5.3 -p F; our check on JDK 17
#         and on JDK >= 25 (JDK17=/JDK25= override where they are), each without and with the
#         class-data archive that packaging/lib/vigil-cds makes (it is regenerated here first),
#         and through the fast path of a running vigil-exporter when the jar has it
#         and, per JDK, a Java hello-world with the same flags and its own archive: the floor any
#         JVM check has on this machine
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
jvm_rows=no
case $check in
  drbd)
    fixture=${2:-$root/test-fixtures/drbd/8.4-peer-dunknown-while-connected.proc-drbd}
    ours="$root/packaging/bin/check_drbd --proc-drbd $fixture"
    jvm_rows=yes
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
empty=$(mktemp -d)
cleanup() {
  rm -rf "$json" "$empty" "${hello:-}"
  [ -z "${exporter_pid:-}" ] || kill "$exporter_pid" 2>/dev/null || true
  [ -z "${fakeproc:-}" ] || rm -rf "$fakeproc"
}
trap cleanup EXIT
names=()
commands=()
row() { names+=("$1"); commands+=("$2"); }

if [ $jvm_rows = yes ]; then
  jdk17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
  hello=$(mktemp -d)
  # The checks' launcher's flags (packaging/native/vigil-check.c) without the collector and the
  # archive, which go together: G1 with an AppCDS archive, Serial with an AOT cache.
  hello_flags="-XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss512k -Xmx64m -Xlog:disable -Xlog:all=warning:stderr"
  printf 'public class Hello { public static void main(String[] a) { System.out.println("DRBD OK - hello"); } }\n' \
    >"$hello/Hello.java"
  "$jdk17/bin/javac" --release 17 -d "$hello/classes" "$hello/Hello.java"
  "$jdk17/bin/jar" cf "$hello/hello.jar" -C "$hello/classes" Hello.class   # CDS takes jars only
  jdk25=${JDK25:-$(ls -d /usr/lib/jvm/*-25-* /usr/lib/jvm/*25*jdk* 2>/dev/null | head -n 1 || true)}
  for jdk in "$jdk17" "$jdk25"; do
    [ -n "$jdk" ] && [ -x "$jdk/bin/java" ] || { echo "no JDK at '$jdk', row skipped" >&2; continue; }
    version=$("$jdk/bin/java" -version 2>&1 | sed -n '1s/.*version "\([^"]*\)".*/\1/p')
    JAVA_HOME=$jdk "$root/packaging/lib/vigil-cds" regenerate >/dev/null
    case $version in 1[7-9]*|2[0-4]*) archive="AppCDS archive" ;; *) archive="AOT cache" ;; esac
    # env(1) keeps hyperfine's -N (no shell); VIGIL_FAST_PATH=off keeps a running exporter out.
    row "vigil check_drbd, Java $version, no archive" \
      "env JAVA_HOME=$jdk VIGIL_CDS_DIR=$empty VIGIL_FAST_PATH=off $ours"
    row "vigil check_drbd, Java $version + $archive" \
      "env JAVA_HOME=$jdk VIGIL_FAST_PATH=off $ours"
    # The floor under both rows: a hello-world that prints one line, with the launcher's flags and
    # an archive of its own made the same way (what any JVM check costs on this machine).
    hello_archive=$hello/hello-$(basename "$(dirname "$(dirname "$(readlink -f "$jdk/bin/java")")")")
    case $archive in
      AppCDS*) # a static archive, as vigil-cds makes
               "$jdk/bin/java" $hello_flags -XX:+UseG1GC -XX:DumpLoadedClassList="$hello_archive.lst" \
                 -cp "$hello/hello.jar" Hello >/dev/null 2>&1
               "$jdk/bin/java" -Xshare:dump -XX:+UseG1GC -Xmx64m -XX:SharedClassListFile="$hello_archive.lst" \
                 -XX:SharedArchiveFile="$hello_archive.jsa" -cp "$hello/hello.jar" >/dev/null 2>&1
               use="-XX:+UseG1GC -XX:SharedArchiveFile=$hello_archive.jsa" ;;
      *)       "$jdk/bin/java" $hello_flags -XX:+UseSerialGC -XX:AOTCacheOutput="$hello_archive.aot" \
                 -cp "$hello/hello.jar" Hello >/dev/null 2>&1
               use="-XX:+UseSerialGC -XX:AOTCache=$hello_archive.aot" ;;
    esac
    row "Java hello-world, Java $version + $archive (the JVM's own floor)" \
      "$jdk/bin/java $hello_flags $use -cp $hello/hello.jar Hello"
  done
  # The fast path: a running exporter answers for the same file (it serves only its own sources,
  # so it reads a tree whose proc/drbd is the fixture).
  if "$root/packaging/bin/vigil-exporter" --help 2>/dev/null | grep -q -- --fast-path.socket; then
    tree=$(mktemp -d)
    fakeproc=$tree
    mkdir -p "$tree/proc" "$tree/sys"
    cp "$fixture" "$tree/proc/drbd"
    socket=$tree/fast-path.sock
    "$root/packaging/bin/vigil-exporter" --root "$tree" --web.listen-address=127.0.0.1:0 \
      --fast-path.socket="$socket" >"$tree/exporter.log" 2>&1 &
    exporter_pid=$!
    for _ in $(seq 100); do [ -S "$socket" ] && break; sleep 0.1; done
    [ -S "$socket" ] || { echo "exporter did not open $socket" >&2; cat "$tree/exporter.log" >&2; exit 2; }
    # No env(1) in front: its exec would be a fifth of what is measured. The other rows do not
    # read VIGIL_FAST_PATH or set it themselves.
    export VIGIL_FAST_PATH=$socket
    # The steady state (fast-path.sh has why): the exporter's C1 compiles the check's code after
    # a few hundred requests. WARM=0 measures a fresh exporter.
    for ((i = 0; i < ${WARM:-300}; i++)); do
      "$root/packaging/bin/check_drbd" --proc-drbd "$tree/proc/drbd" >/dev/null 2>&1 || true
    done
    row "vigil check_drbd, fast path (vigil-exporter running)" \
      "$root/packaging/bin/check_drbd --proc-drbd $tree/proc/drbd"
  fi
else
  row "vigil check_$check" "$ours"
fi
row "$peer_name" "$peer"
row "check_dummy" "$dummy"
[ -z "$extra" ] || row "$extra_name" "$extra"

args=()
for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
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
python3 - "$json" <<'PY' | while IFS=$'\t' read -r index ms; do
import json, statistics, sys
for i, r in enumerate(json.load(open(sys.argv[1]))["results"]):
    print(f"{i}\t{statistics.median(r['times']) * 1000:.1f}")
PY
  rss=$(median_rss_kb "${commands[$index]}")
  printf '| %s | %s | %.1f |\n' "${names[$index]}" "$ms" "$(echo "$rss / 1024" | bc -l)"
done
