#!/usr/bin/env bash
# The tool's own latency overhead: the round-trip time wsload reports against a no-delay echo at low load, next to a
# raw-socket baseline (bench/baseline, raw-echo) measured in the same script, against the same server process.
#
#   1. `wsload serve --port 0` (echo, no delay), warmed up by a short unrecorded raw-echo run;
#   2. `wsload run`: C connections (opened at once), R msg/s each for D s, S-byte text messages, run.json's rtt;
#   3. raw-echo: the same connections, rate, size and duration, one blocking thread per connection, a pre-encoded
#      masked frame, Stopwatch timestamps around send and echo, exact percentiles from the sorted samples.
# Results: bench/results/<date>-latency-overhead/ (summary.md, run.json, baseline.json, samples, logs) and one line
# appended to bench/results/latency-overhead.tsv. See bench/README.md.
#
#   -c N   connections (default 10)      -r N   messages per second per connection (default 10)
#   -s N   message size in bytes (100)    -d N   seconds of sending (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."

connections=10 rate=10 size=100 duration=20
while (($#)); do
  case "$1" in
    -c) connections="$2"; shift ;;
    -r) rate="$2"; shift ;;
    -s) size="$2"; shift ;;
    -d) duration="$2"; shift ;;
    *) echo "usage: $0 [-c connections] [-r rate/s] [-s bytes] [-d seconds]" >&2; exit 2 ;;
  esac
  shift
done

stamp="$(date -u +%Y-%m-%dT%H%M%SZ)"
out="bench/results/$stamp-latency-overhead"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

echo "== building the CLI and the raw-socket baseline (Release)"
{
  dotnet build src/WsLoad.Cli -c Release --nologo --verbosity quiet &&
    dotnet build bench/baseline -c Release --nologo --verbosity quiet
} >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
wsload="$PWD/src/WsLoad.Cli/bin/Release/net10.0/wsload"
raw_echo=(dotnet "$PWD/bench/baseline/bin/Release/net10.0/raw-echo.dll")
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench/baseline || echo -dirty)"

machine_state() {
  uptime
  echo
  ps -eo pid,pcpu,rss,etime,comm --sort=-pcpu | head -n 8
}

# Busy and total jiffies of the whole machine (all cores), from /proc/stat's first line.
machine_jiffies() { awk '/^cpu /{ t=0; for (i=2;i<=NF;i++) t+=$i; print t-$5-$6, t; exit }' /proc/stat; }

# CPU jiffies (user+sys) of the server process.
server_jiffies() { awk '{ print $14+$15 }' "/proc/$server_pid/stat"; }

# CPU seconds (user+sys) of all the children this shell has waited for: a difference around one client is its CPU.
# `times` runs in this shell (a $(...) subshell would report its own children), its output goes through a file.
children_cpu() {
  times >"$out/.times"
  awk 'NR==2 { s=0; for (i=1;i<=2;i++) { split($i,a,/[ms]/); s+=a[1]*60+a[2] } printf "%.2f\n", s }' "$out/.times" >"$out/.times.s"
}

# Every process this script starts is stopped by its own pid, whatever happens.
server_pid="" client_pid=""
stop_all() {
  for pid in $client_pid $server_pid; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
}
trap stop_all EXIT

# Runs one client in the background (so the trap can stop it), waits for it and records its CPU and the machine's.
# usage: run_client NAME STDOUT_FILE COMMAND...
#   -> $out/NAME-cpu.txt: "client_cpu_s machine_busy_cpu_s wall_s server_cpu_s" over the client's lifetime
run_client() {
  local name="$1" stdout="$2"
  shift 2
  local cpu0 cpu1 j0 j1 s0 s1 t0 t1 rc=0
  children_cpu && cpu0="$(cat "$out/.times.s")"
  j0="$(machine_jiffies)"
  s0="$(server_jiffies)"
  t0="$(date +%s.%N)"
  "$@" >"$stdout" 2>"$out/$name.stderr" &
  client_pid=$!
  wait "$client_pid" || rc=$?
  client_pid=""
  t1="$(date +%s.%N)"
  j1="$(machine_jiffies)"
  s1="$(server_jiffies)"
  children_cpu && cpu1="$(cat "$out/.times.s")"
  echo "$cpu1 $cpu0 $j0 $j1 $t0 $t1 $(getconf CLK_TCK) $s0 $s1" |
    awk '{ printf "%.2f %.2f %.2f %.2f\n", $1-$2, ($5-$3)/$9, $8-$7, ($11-$10)/$9 }' >"$out/$name-cpu.txt"
  echo "$rc" >"$out/$name-exit-code.txt"
  return "$rc"
}

echo "== starting the server (echo, no delay)"
. "$(dirname "$0")/lib/start-server.sh"
start_server

echo "== warming the server up (3 s of raw-echo, not recorded)"
run_client warmup "$out/warmup.json" "${raw_echo[@]}" --url "$url" --connections "$connections" --rate "$rate" \
  --size "$size" --duration 3 || { echo "the warm-up failed:" >&2; cat "$out/warmup.stderr" >&2; exit 1; }

machine_state >"$out/machine-before.txt"
echo "== wsload: $connections connections x $rate msg/s x ${duration}s, $size-byte text"
wsload_rc=0
run_client wsload "$out/wsload-summary.json" "$wsload" run --url "$url" --connections "$connections" --ramp burst \
  --hold "${duration}s" --ramp-down 0 --rate "$rate/s" --size "$size" --name latency-overhead --out "$out" -o json --report none ||
  wsload_rc=$?
[ -f "$out/run.json" ] || { echo "wsload wrote no run.json (exit code $wsload_rc):" >&2; cat "$out/wsload.stderr" >&2; exit 1; }
machine_state >"$out/machine-between.txt"

echo "== raw-echo baseline: the same load"
run_client baseline "$out/baseline.json" "${raw_echo[@]}" --url "$url" --connections "$connections" --rate "$rate" \
  --size "$size" --duration "$duration" --samples "$out/baseline-samples-us.txt" ||
  { echo "the baseline failed:" >&2; cat "$out/baseline.json" "$out/baseline.stderr" >&2; exit 1; }
machine_state >"$out/machine-after.txt"
stop_all
server_pid=""

rm -f "$out/.times" "$out/.times.s"
echo "== summary"
python3 bench/lib/summarize_overhead.py "$out" bench/results/latency-overhead.tsv "$commit"
echo
echo "results: $out"
