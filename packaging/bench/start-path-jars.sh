#!/usr/bin/env bash
# Start-up of check_drbd from two builds of the jar, run by java directly (no wrapper, no
# class-data archive), on JDK 17 and JDK >= 25: hyperfine medians and the number of classes each
# run loads (and how many of them are java.util.regex / lambda linkage / ASM).
#
# Usage: packaging/bench/start-path-jars.sh OLD.jar NEW.jar [FIXTURE-or-JSON] [RUNS]
#   e.g. cp packaging/target/vigil.jar /tmp/old.jar; (change, rebuild);
#        packaging/bench/start-path-jars.sh /tmp/old.jar packaging/target/vigil.jar
#   A fixture ending in .json is read with --status-json, anything else with --proc-drbd.
# Needs: hyperfine; JDK17=/JDK25= override where the JDKs are.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
old=${1:?usage: $0 OLD.jar NEW.jar [FIXTURE] [RUNS]}
new=${2:?usage: $0 OLD.jar NEW.jar [FIXTURE] [RUNS]}
fixture=${3:-$root/test-fixtures/drbd/8.4-peer-dunknown-while-connected.proc-drbd}
runs=${4:-30}
jdk17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
# The flags the checks' launcher (packaging/native/vigil-check.c) uses without an archive.
flags="-XX:TieredStopAtLevel=1 -XX:+UseG1GC -XX:-UsePerfData -Xss512k -Xmx64m"
option=--proc-drbd
case $fixture in *.json) option=--status-json ;; esac
log=$(mktemp)
json=$(mktemp)
trap 'rm -f "$log" "$json"' EXIT

echo "fixture: $fixture"
uptime
for java in "$jdk17" "$jdk25"; do
  [ -x "$java" ] || { echo "skipped (no such JDK): $java"; continue; }
  for jar in "$old" "$new"; do
    $java $flags -Xlog:class+load:file="$log" -cp "$jar" org.vigil.drbd.cli.CheckDrbd \
      $option "$fixture" >/dev/null || true
    echo "$java $jar: $(grep -c . "$log") classes, $(grep -cE \
      'java\.util\.regex|LambdaForm\$[DM]H|InnerClassLambdaMetafactory|\$\$Lambda|objectweb' \
      "$log" || true) regex/linkage/ASM"
  done
  hyperfine -N -w3 -r"$runs" -i --export-json "$json" \
    -n "$(basename "$(dirname "$(dirname "$java")")") old" \
    "$java $flags -Xlog:disable -Xlog:all=warning:stderr -cp $old org.vigil.drbd.cli.CheckDrbd $option $fixture" \
    -n "$(basename "$(dirname "$(dirname "$java")")") new" \
    "$java $flags -Xlog:disable -Xlog:all=warning:stderr -cp $new org.vigil.drbd.cli.CheckDrbd $option $fixture"
  python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("%-32s median %6.1f ms  mean user %6.1f ms  mean sys %5.1f ms"
          % (r["command"], r["median"] * 1000, r["user"] * 1000, r["system"] * 1000))' "$json"
done
uptime
