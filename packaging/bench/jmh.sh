#!/usr/bin/env bash
# JMH benchmarks of the parsers (benchmarks/, built only with -Pbench).
# Usage: packaging/bench/jmh.sh [JMH ARGS...]   e.g. packaging/bench/jmh.sh -p minors=10000
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mvn -B -q -Pbench -pl benchmarks -am package -DskipTests
java -Dvigil.fixtures="$root/test-fixtures" -jar benchmarks/target/benchmarks.jar "$@"
