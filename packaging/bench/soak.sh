#!/usr/bin/env bash
# Load and soak of vigil-exporter on loopback, against the generated tree of 200 DRBD minors and
# 50 md arrays (packaging/bench/scaled-tree.sh):
#   1. 200 concurrent connections for DURATION seconds (wrk): non-200 answers, socket errors,
#      p50/p99, scrapes/s, and the exporter's thread count sampled every second (must stay
#      bounded: a server that makes a thread per connection would show ~200).
#   2. slow clients: 20 connections that send their request one byte per second and 20 that read
#      the response one byte per second, while 50 ordinary scrapes are timed; their p50 against
#      the same 50 scrapes with no slow client.
#   3. SCRAPES scrapes (default 100000, 4 in parallel) of a fresh process, RSS every tenth of
#      them: flat when the last reading is within 5 % of the first one after warm-up.
# Usage: packaging/bench/soak.sh [DURATION_SECONDS]   (default 60; SCRAPES=N)
# Needs: wrk, curl, python3 and the jar from the README's build command.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
duration=${1:-60}
scrapes=${SCRAPES:-100000}
case "$duration$scrapes" in *[!0-9]*) echo "usage: $0 [DURATION_SECONDS]" >&2; exit 2 ;; esac
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing: $tool" >&2; exit 2; }
done

tmp=$(mktemp -d /tmp/vigil-soak.XXXXXX)
pid=""
stop() {
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() { stop; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

"$here/scaled-tree.sh" "$tmp/tree" 200 50 2>"$tmp/validate.log" \
  || { cat "$tmp/validate.log" >&2; exit 1; }
cp "${VIGIL_JAR:-$root/packaging/target/vigil.jar}" "$tmp/vigil.jar"
export VIGIL_JAR=$tmp/vigil.jar
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port/metrics
extra=()
for c in $("$root/packaging/bin/vigil-exporter" --help 2>&1 \
    | grep -oE '^ +--(\[no-\]|no-)?collector\.[a-z0-9_]+' | grep -oE 'collector\.[a-z0-9_]+' | sort -u); do
  case $c in collector.drbd | collector.md) ;; *) extra+=("--no-$c") ;; esac
done

start() {
  "$root/packaging/bin/vigil-exporter" --path.procfs "$tmp/tree/proc" --path.sysfs "$tmp/tree/sys" \
    --web.listen-address "127.0.0.1:$port" ${extra[@]+"${extra[@]}"} >"$tmp/out" 2>"$tmp/err" &
  pid=$!
  for ((i = 0; i < 300; i++)); do
    kill -0 "$pid" 2>/dev/null || { cat "$tmp/err" >&2; exit 1; }
    curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0
    sleep 0.1
  done
  echo "exporter does not answer" >&2
  exit 1
}
alive() {  # PHASE: the exporter must still run after each phase
  kill -0 "$pid" 2>/dev/null && return 0
  echo "vigil-exporter died during $1; its stderr:" >&2
  tail -n 20 "$tmp/err" >&2
  exit 1
}
status_kib() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$pid/status"; }
timed_scrapes() {  # N: N sequential scrapes, prints the median in ms
  for ((i = 0; i < $1; i++)); do curl -s -o /dev/null -w '%{time_total}\n' --max-time 30 "$url"; done \
    | sort -n | awk '{a[NR] = $1 * 1000} END {printf "%.1f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}

echo "# vigil-exporter load and soak"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start
echo "- JVM flags: $(tr '\0' ' ' <"/proc/$pid/cmdline" | sed 's/ -cp .*//; s/^[^ ]* //')"
for ((i = 0; i < 200; i++)); do curl -s -o /dev/null "$url"; done

# 1. 200 connections
( while kill -0 "$pid" 2>/dev/null; do status_kib Threads; sleep 1; done ) >"$tmp/threads" &
sampler=$!
wrk -t 2 -c 200 -d "${duration}s" --timeout 30s --latency "$url" >"$tmp/wrk" 2>&1
kill "$sampler" 2>/dev/null || true
alive "the 200-connection run"
read -r p50 p99 rps n errors < <(awk '
  function ms(v) {
    if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
    if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
    if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
    return v
  }
  $1 == "50%" { p50 = ms($2) }
  $1 == "99%" { p99 = ms($2) }
  $1 == "Requests/sec:" { rps = $2 }
  $2 == "requests" && $3 == "in" { n = $1 }
  /Non-2xx/ { non2xx = $NF }
  /Socket errors/ { sock = $0 }
  END { printf "%.1f %.1f %.1f %d %s\n", p50, p99, rps, n, (non2xx == "" && sock == "" ? "none" : "non-2xx=" non2xx "," sock) }' "$tmp/wrk")
echo
echo "## 200 connections, ${duration} s"
echo
echo "| scrapes | non-200 / socket errors | p50 ms | p99 ms | scrapes/s | threads (max) |"
echo "|---|---|---|---|---|---|"
echo "| $n | ${errors// /_} | $p50 | $p99 | $rps | $(sort -n "$tmp/threads" | tail -n 1) |"

# 2. slow clients
calm=$(timed_scrapes 50) || alive "50 scrapes"
python3 - "$port" 40 <<'PY' &
import socket, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
request = b"GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
writers, readers = [], []
for i in range(n // 2):
    s = socket.create_connection(("127.0.0.1", port)); writers.append(s)
    r = socket.create_connection(("127.0.0.1", port))
    r.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096); r.sendall(request); readers.append(r)
for step in range(120):
    for s in writers:
        try: s.send(request[step:step + 1] or b"")
        except OSError: pass
    for r in readers:
        try: r.recv(1)
        except OSError: pass
    time.sleep(1)
PY
slow=$!
sleep 3
busy=$(timed_scrapes 50) || alive "50 scrapes beside slow clients"
kill "$slow" 2>/dev/null || true
echo
echo "## Slow clients"
echo
echo "| 50 scrapes, median ms | alone | beside 20 slow writers + 20 slow readers |"
echo "|---|---|---|"
echo "| vigil-exporter | $calm | $busy |"

# 3. soak
stop
start
step=$((scrapes / 10))
printf 'url = "%s"\noutput = "/dev/null"\n' "$url" >"$tmp/one.cfg"
for ((i = 1; i < step; i++)); do cat "$tmp/one.cfg"; done >"$tmp/step.cfg"
cat "$tmp/one.cfg" >>"$tmp/step.cfg"
echo
echo "## $scrapes scrapes of a fresh process"
echo
echo "| scrapes | VmRSS MiB | VmHWM MiB | threads | non-200 |"
echo "|---|---|---|---|---|"
for ((k = 1; k <= 10; k++)); do
  curl --no-progress-meter --parallel --parallel-max 4 --max-time 60 -w '%{http_code}\n' \
    -K "$tmp/step.cfg" >"$tmp/codes" 2>>"$tmp/curl.err" || true
  bad=$(grep -vc '^200$' "$tmp/codes" || true)
  printf '| %d | %.1f | %.1f | %s | %s |\n' $((k * step)) "$(echo "$(status_kib VmRSS) / 1024" | bc -l)" \
    "$(echo "$(status_kib VmHWM) / 1024" | bc -l)" "$(status_kib Threads)" "$bad"
done
