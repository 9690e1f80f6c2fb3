#!/usr/bin/env bash
# Scrape latency, throughput and memory of vigil-exporter beside Debian's
# prometheus-node-exporter (1.5.x, drbd + mdadm collectors only) on the same generated fixture
# tree: 200 DRBD 8.4 minors and 50 md raid1 arrays (packaging/bench/scaled-tree.sh).
#
# Usage: packaging/bench/exporter-vs-node-exporter.sh [DURATION_SECONDS]
#   DURATION_SECONDS: length of each wrk run (default 15). Environment: SCRAPES (default 10000),
#   the exact number of scrapes fired at a freshly started exporter before reading its memory.
#
# Phases, all on loopback, one exporter loaded at a time:
#   1. both exporters started on free 127.0.0.1 ports (vigil-exporter from a private copy of the
#      jar, every collector but drbd and md turned off; node_exporter with
#      --web.max-requests=0, see below); each must answer and expose its DRBD and md
#      metrics (vigil_drbd_connection_state, vigil_md_members / node_drbd_connected,
#      node_md_disks); 200 warm-up scrapes each (curl, 4 in parallel).
#   2. wrk --latency, 1 connection/1 thread, then 50 connections/2 threads, per exporter:
#      p50 and p99 from wrk's latency distribution, scrapes/s from wrk's Requests/sec. wrk's
#      timeout is 30 s so that slow scrapes count as latencies, not as timeouts.
#   After them, one more scrape each with a 30 s limit shows whether both still answer.
#   3. both exporters restarted, exactly SCRAPES scrapes each, both exporters at the same time to
#      bound the wall time (curl --parallel, 4 at a time per exporter, every response's HTTP
#      code checked), then VmRSS and VmHWM of the exporter process from
#      /proc/PID/status; the PID is java's own (the vigil-exporter wrapper execs vigil-java, which
#      execs java), which the script checks through /proc/PID/exe. CPU time per scrape comes from
#      /proc/PID/stat over the same scrapes.
# node_exporter runs with --web.max-requests=0: its default (40) answers the 41st..50th
# concurrent scrape at once with HTTP 503, which would turn the 50-client run into a measurement
# of error responses (vigil-exporter queues excess scrapes behind its 4 worker threads instead).
# Requests carry no Accept-Encoding header, so neither exporter compresses (a Prometheus server
# asks for gzip). Other load on the machine skews everything: the load average and the busiest
# processes are printed first.
#
# Needs: wrk, curl, python3, prometheus-node-exporter, java and the jar from the README's build
#        command (scaled-tree.sh builds it when missing); as root:
#        apt-get install wrk curl python3 prometheus-node-exporter (with a /usr/sbin/policy-rc.d
#        that exits 101, so that the package does not start its own daemon).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
duration=${1:-15}
scrapes=${SCRAPES:-10000}
warmup=200
node_exporter=/usr/bin/prometheus-node-exporter
case "$duration$scrapes" in *[!0-9]*) echo "usage: $0 [DURATION_SECONDS]" >&2; exit 2 ;; esac

for tool in wrk curl python3 "$node_exporter"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing: $tool" >&2; exit 2; }
done

tmp=$(mktemp -d /tmp/vigil-exporter-bench.XXXXXX)
vigil_pid=""
node_pid=""
stop() {                                    # stop PID: TERM, then KILL after 5 s
  local pid=$1 i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop "$vigil_pid"
  stop "$node_pid"
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

"$here/scaled-tree.sh" "$tmp/tree" 200 50 2>"$tmp/validate.log" \
  || { cat "$tmp/validate.log" >&2; exit 1; }

# The exporter runs from a private copy of the jar: a concurrent `mvn package` rewriting
# packaging/target/vigil.jar under a running JVM would break it mid-run.
jar=${VIGIL_JAR:-$root/packaging/target/vigil.jar}
cp "$jar" "$tmp/vigil.jar"
export VIGIL_JAR=$tmp/vigil.jar

# Newer builds also have collectors for tools (corosync, pacemaker, btrfs) that would run the
# host's own tools: every collector but drbd and md is turned off, as node_exporter's are.
vigil_extra=()
for c in $("$root/packaging/bin/vigil-exporter" --help 2>&1 \
    | grep -oE '^ +--(\[no-\]|no-)?collector\.[a-z0-9_]+' | grep -oE 'collector\.[a-z0-9_]+' | sort -u); do
  case $c in collector.drbd | collector.md) ;; *) vigil_extra+=("--no-$c") ;; esac
done

vigil_port=$(free_port)
node_port=$(free_port)
while [ "$node_port" = "$vigil_port" ]; do node_port=$(free_port); done
vigil_url=http://127.0.0.1:$vigil_port/metrics
node_url=http://127.0.0.1:$node_port/metrics

# start_both LOGSUFFIX: starts both exporters in the background; sets vigil_pid and node_pid.
start_both() {
  "$root/packaging/bin/vigil-exporter" --path.procfs "$tmp/tree/proc" \
    --path.sysfs "$tmp/tree/sys" --web.listen-address "127.0.0.1:$vigil_port" ${vigil_extra[@]+"${vigil_extra[@]}"} \
    >"$tmp/vigil.$1.out" 2>"$tmp/vigil.$1.err" &
  vigil_pid=$!
  "$node_exporter" --collector.disable-defaults --collector.drbd --collector.mdadm \
    --web.max-requests=0 --path.procfs "$tmp/tree/proc" --path.sysfs "$tmp/tree/sys" \
    --web.listen-address "127.0.0.1:$node_port" \
    >"$tmp/node.$1.out" 2>"$tmp/node.$1.err" &
  node_pid=$!
  local name pid port i
  for name in vigil node; do
    if [ $name = vigil ]; then pid=$vigil_pid; port=$vigil_port; else pid=$node_pid; port=$node_port; fi
    # Ready when it accepts a connection; "/" is not a scrape, so the scrape counts stay exact.
    for ((i = 0; i < 300; i++)); do
      kill -0 "$pid" 2>/dev/null || { echo "$name exporter exited:" >&2; cat "$tmp/$name.$1.err" >&2; exit 1; }
      curl -s -o /dev/null "http://127.0.0.1:$port/" && break
      sleep 0.1
    done
    [ "$i" -lt 300 ] || { echo "$name exporter does not answer on port $port" >&2; exit 1; }
  done
  case "$(readlink "/proc/$vigil_pid/exe")" in
    */java) ;;
    *) echo "PID $vigil_pid is $(readlink "/proc/$vigil_pid/exe"), not java" >&2; exit 1 ;;
  esac
}

# scrape_n URL N OUT: N scrapes, 4 in parallel; prints how many answered 200.
scrape_n() {
  local i
  for ((i = 0; i < $2; i++)); do printf 'url = "%s"\noutput = "/dev/null"\n' "$1"; done >"$3.cfg"
  curl --no-progress-meter --parallel --parallel-max 4 --max-time 60 -w '%{http_code}\n' \
    -K "$3.cfg" >"$3" 2>>"$tmp/curl.err" || true
  grep -c '^200$' "$3" || true
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
status_kib() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

# wrk latency/throughput of one run, as "p50_ms p99_ms rps requests mean_ms errors".
wrk_run() {
  local url=$1 conns=$2 threads=$3 out=$tmp/wrk.$RANDOM.txt
  wrk -t "$threads" -c "$conns" -d "${duration}s" --timeout 30s --latency "$url" >"$out" 2>&1
  cat "$out" >>"$tmp/wrk.all.txt"
  awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
      if (v ~ /m$/) return substr(v, 1, length(v) - 1) * 60000
      if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
      return v
    }
    $1 == "Latency" && avg == "" { avg = ms($2) }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    $1 == "Requests/sec:" { rps = $2 }
    $2 == "requests" && $3 == "in" { n = $1 }
    /Socket errors|Non-2xx/ { err = err $0 ";" }
    END { printf "%.2f %.2f %.2f %d %.2f %s\n", p50, p99, rps, n, avg, (err == "" ? "-" : err) }' "$out"
}

echo "# vigil-exporter vs prometheus-node-exporter"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), host: $(nproc) cores, $(uname -r)"
echo "- load average before the run: $(cut -d' ' -f1-3 /proc/loadavg); busiest processes:"
ps -eo pcpu=,etime=,comm= --sort=-pcpu | head -n 4 | sed 's/^ */  - /'
echo "- tree: 200 DRBD 8.4 minors (every 10th SyncSource), 50 md raid1 arrays (every 10th recovering)"
sed 's/^/  - /' "$tmp/validate.log"
echo "- wrk runs: ${duration} s each, loopback; memory: after exactly $scrapes scrapes of a fresh process"

start_both run
java_bin=$(readlink "/proc/$vigil_pid/exe")
echo "- vigil.jar: $jar, built $(date -u -r "$jar" '+%Y-%m-%d %H:%M:%S UTC'), git HEAD $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" status --porcelain -- core exporter 2>/dev/null | grep -q . && echo ' (working tree has uncommitted core/exporter changes; the jar may predate them)')"
echo "- JVM: $("$java_bin" -version 2>&1 | head -n 1) ($("$java_bin" -version 2>&1 | sed -n 3p))"
echo "- JVM flags (vigil-java --server): $(tr '\0' ' ' <"/proc/$vigil_pid/cmdline" | sed 's/ -cp .*//; s/^[^ ]* //')"
echo "- vigil-exporter flags: --path.procfs TREE/proc --path.sysfs TREE/sys${vigil_extra[*]:+ ${vigil_extra[*]}}"
echo "- node_exporter flags: --collector.disable-defaults --collector.drbd --collector.mdadm --web.max-requests=0 --path.procfs TREE/proc --path.sysfs TREE/sys"
echo "- node_exporter: $("$node_exporter" --version 2>&1 | head -n 1)"
echo "- $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2), $(curl --version | head -n 1 | cut -d' ' -f1-2)"

for name in vigil node; do
  if [ $name = vigil ]; then url=$vigil_url; a=vigil_drbd_connection_state; b=vigil_md_members
  else url=$node_url; a=node_drbd_connected; b=node_md_disks; fi
  curl -s -o "$tmp/$name.metrics" "$url"
  na=$(grep -c "^$a{" "$tmp/$name.metrics" || true)
  nb=$(grep -c "^$b{" "$tmp/$name.metrics" || true)
  if [ "$na" -eq 0 ] || [ "$nb" -eq 0 ]; then
    echo "$name exporter: no $a or $b samples in $url" >&2
    exit 1
  fi
  echo "- $name: $(wc -c <"$tmp/$name.metrics") bytes, $(grep -vc '^#' "$tmp/$name.metrics") samples per scrape ($na $a, $nb $b)"
done
grep -E '^(node_scrape_collector_success|vigil_scrape_collector_success)' \
  "$tmp/vigil.metrics" "$tmp/node.metrics" | sed 's|^.*/||; s/^/  - /'

for name in vigil node; do
  url=$vigil_url; [ $name = vigil ] || url=$node_url
  ok=$(scrape_n "$url" "$warmup" "$tmp/warmup.$name")
  [ "$ok" -eq "$warmup" ] || { echo "$name: only $ok of $warmup warm-up scrapes answered 200" >&2; exit 1; }
done

declare -A res
for run in "1 1" "50 2"; do
  read -r conns threads <<<"$run"
  for name in vigil node; do
    url=$vigil_url; [ $name = vigil ] || url=$node_url
    res[$name.$conns]=$(wrk_run "$url" "$conns" "$threads")
  done
done
alive=""
for name in vigil node; do
  url=$vigil_url; [ $name = vigil ] || url=$node_url
  alive+="$name $(curl -s -m 30 -o /dev/null -w '%{http_code} in %{time_total} s' "$url" || true); "
done
lat_rss_vigil=$(status_kib "$vigil_pid" VmRSS); lat_hwm_vigil=$(status_kib "$vigil_pid" VmHWM)
lat_rss_node=$(status_kib "$node_pid" VmRSS); lat_hwm_node=$(status_kib "$node_pid" VmHWM)
lat_n_vigil=$((warmup + 1 + $(cut -d' ' -f4 <<<"${res[vigil.1]}") + $(cut -d' ' -f4 <<<"${res[vigil.50]}")))
lat_n_node=$((warmup + 1 + $(cut -d' ' -f4 <<<"${res[node.1]}") + $(cut -d' ' -f4 <<<"${res[node.50]}")))

echo
echo "## Scrape latency and throughput (wrk --latency, ${duration} s per run)"
echo
echo "| exporter | clients | p50 ms | p99 ms | scrapes/s | scrapes | busy clients | wrk errors |"
echo "|---|---|---|---|---|---|---|---|"
for conns in 1 50; do
  for name in vigil node; do
    read -r p50 p99 rps n avg err <<<"${res[$name.$conns]}"
    label=vigil-exporter; [ $name = vigil ] || label=node_exporter
    busy=$(awk -v r="$rps" -v a="$avg" 'BEGIN {printf "%.1f", r * a / 1000}')
    echo "| $label | $conns | $p50 | $p99 | $rps | $n | $busy | $err |"
  done
done
echo
echo "busy clients = scrapes/s x mean latency (Little's law), roughly how many of the wrk"
echo "connections had an answered scrape in flight on average (biased low: scrapes still in flight"
echo "when a run ends are not counted). Far below the connection count means connections sat"
echo "waiting for answers that never came, which wrk's percentiles leave out."
echo
echo "One scrape each right after the 50-client runs (HTTP code, 000 = no answer in 30 s): $alive"
echo
echo "| clients | p50 vigil/node | p99 vigil/node | scrapes/s vigil/node |"
echo "|---|---|---|---|"
for conns in 1 50; do
  read -r vp50 vp99 vrps _ <<<"${res[vigil.$conns]}"
  read -r np50 np99 nrps _ <<<"${res[node.$conns]}"
  awk -v c="$conns" -v a="$vp50" -v b="$np50" -v x="$vp99" -v y="$np99" -v r="$vrps" -v s="$nrps" \
    'BEGIN {printf "| %s | %.2f | %.2f | %.2f |\n", c, a / b, x / y, r / s}'
done

# Phase 3: fresh processes, exactly $scrapes scrapes each.
stop "$vigil_pid"; vigil_pid=""
stop "$node_pid"; node_pid=""
start_both rss
# Both at once (the wall time is the longer of the two); each exporter has its own 4 clients.
measure() {                                  # measure NAME URL PID: "ok rss hwm cpu_ms wall_s"
  local c0 c1 t0 t1 ok
  c0=$(cpu_ticks "$3")
  t0=$(date +%s.%N)
  ok=$(scrape_n "$2" "$scrapes" "$tmp/codes.$1")
  t1=$(date +%s.%N)
  c1=$(cpu_ticks "$3")
  [ "$ok" -eq "$scrapes" ] || echo "WARNING: $1: only $ok of $scrapes scrapes answered 200" >&2
  echo "$ok $(status_kib "$3" VmRSS) $(status_kib "$3" VmHWM)" \
    "$(awk -v a="$c0" -v b="$c1" -v n="$ok" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", (b - a) * 1000 / hz / (n ? n : 1)}')" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", b - a}')"
}
measure vigil "$vigil_url" "$vigil_pid" >"$tmp/mem.vigil" &
m1=$!
measure node "$node_url" "$node_pid" >"$tmp/mem.node" &
m2=$!
wait "$m1" "$m2"
declare -A mem
mem[vigil]=$(cat "$tmp/mem.vigil")
mem[node]=$(cat "$tmp/mem.node")

echo
echo "## Memory after exactly $scrapes scrapes (fresh processes, 4 parallel curl clients each, both at once)"
echo
echo "| exporter | scrapes (HTTP 200) | VmRSS MiB | VmHWM MiB | CPU ms/scrape | wall s |"
echo "|---|---|---|---|---|---|"
for name in vigil node; do
  read -r ok rss hwm cpu wall <<<"${mem[$name]}"
  label=vigil-exporter; [ $name = vigil ] || label=node_exporter
  echo "| $label | $ok | $(mib "$rss") | $(mib "$hwm") | $cpu | $wall |"
done
echo
echo "After the latency runs (phase 2 processes, warm-up + wrk scrapes):"
echo
echo "| exporter | scrapes | VmRSS MiB | VmHWM MiB |"
echo "|---|---|---|---|"
echo "| vigil-exporter | $lat_n_vigil | $(mib "$lat_rss_vigil") | $(mib "$lat_hwm_vigil") |"
echo "| node_exporter | $lat_n_node | $(mib "$lat_rss_node") | $(mib "$lat_hwm_node") |"

echo
echo "## Targets"
echo
for conns in 1 50; do
  read -r vp50 vp99 _ <<<"${res[vigil.$conns]}"
  read -r np50 np99 _ <<<"${res[node.$conns]}"
  awk -v c="$conns" -v a="$vp50" -v b="$np50" -v x="$vp99" -v y="$np99" 'BEGIN {
    printf "- %s client(s): vigil p50 <= node_exporter p50: %s (%.2f vs %.2f ms)\n", c, (a <= b ? "met" : "NOT met"), a, b
    printf "- %s client(s): vigil p99 <= 2x node_exporter p99: %s (%.2f vs 2 x %.2f ms)\n", c, (x <= 2 * y ? "met" : "NOT met"), x, y }'
done
oom=$(grep -c 'OutOfMemoryError' "$tmp/vigil.run.err" || true)
if [ "$oom" -gt 0 ]; then
  echo "- caveat: vigil-exporter logged $oom OutOfMemoryError lines during the latency runs; scrapes"
  echo "  whose handler died got no answer and are missing from its percentiles"
fi
read -r _ rss hwm _ <<<"${mem[vigil]}"
awk -v r="$rss" -v h="$hwm" -v n="$scrapes" 'BEGIN {
  printf "- vigil VmRSS <= 64 MiB after %d scrapes: %s (%.1f MiB; VmHWM %.1f MiB: %s)\n", n,
    (r <= 65536 ? "met" : "NOT met"), r / 1024, h / 1024, (h <= 65536 ? "met" : "NOT met") }'

echo
echo "## Exporter stderr"
echo
for f in "$tmp"/vigil.*.err "$tmp"/node.*.err; do
  case $f in
    */vigil.*) grep -v 'listening on' "$f" | grep -v '^[[:space:]]' >"$f.unexpected" || true ;;
    *) grep 'level=\(error\|warn\)' "$f" | grep -v 'running as root' >"$f.unexpected" || true ;;
  esac
  echo "- $(basename "$f"): $(wc -l <"$f") lines, $(wc -l <"$f.unexpected") unexpected" \
    "(vigil: not 'listening on' and not a stack frame; node: level=error/warn but the running-as-root warning)"
  # Same message, other time or client port: counted together.
  sed -E 's/^ts=[^ ]+ //; s/127\.0\.0\.1:[0-9]+/127.0.0.1:PORT/g' "$f.unexpected" \
    | sort | uniq -c | sort -rn | head -n 5 | cut -c1-240 | sed 's/^/    /'
  if grep -q 'broken pipe' "$f.unexpected"; then
    echo "    (broken pipe: wrk closes its connections at the end of a run, with scrapes still in flight)"
  fi
  if grep -q '^[[:space:]]*at ' "$f"; then
    echo "    first stack trace:"
    awk '/^Exception/ {n++} n == 1 && /^(Exception|[[:space:]]+at )/ {print} n > 1 {exit}' "$f" | head -n 12 | sed 's/^/    /'
  fi
done
[ ! -s "$tmp/curl.err" ] || { echo "- curl errors:"; sort "$tmp/curl.err" | uniq -c | head -n 5 | sed 's/^/    /'; }
echo "- load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
