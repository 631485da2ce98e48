#!/usr/bin/env bash
# Demo-sized load benchmark: the built `wsload` client loads a `wsload serve` echo server (separate processes),
# while bench/lib/sample_proc.py samples both processes' CPU time and RSS from /proc every 0.5 s.
# Results: bench/results/<date>-<variant>/ (run.json, samples.csv, summary.md, logs) and one line appended to
# bench/results/<variant>.tsv. See bench/README.md.
#
#   bench/demo-load.sh            10,000 connections, exponential:20s ramp, 30 s hold, 1 msg/s of 100 bytes each
#   bench/demo-load.sh --idle     10,000 idle connections (--rate 0), exponential:20s ramp, 20 s hold
#   -c N / --connections N        fewer connections (a quick check of the script itself)
set -euo pipefail
cd "$(dirname "$0")/.."

variant=demo-load
connections=10000
while (($#)); do
  case "$1" in
    --idle) variant=idle-connections ;;
    -c | --connections) connections="$2"; shift ;;
    *) echo "usage: $0 [--idle] [--connections N]" >&2; exit 2 ;;
  esac
  shift
done

if [ "$variant" = idle-connections ]; then
  load=(--rate 0 --hold 20s)
else
  load=(--rate 1/s --size 100 --hold 30s)
fi

stamp="$(date -u +%Y-%m-%dT%H%MZ)"
out="bench/results/$stamp-$variant"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

echo "== building the CLI (Release)"
dotnet build src/WsLoad.Cli -c Release --nologo --verbosity quiet >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
wsload="$PWD/src/WsLoad.Cli/bin/Release/net10.0/wsload"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo -dirty)"

machine_state() {
  uptime
  echo
  ps -eo pid,pcpu,rss,etime,comm --sort=-pcpu | head -n 8
}

# Every process this script starts is stopped by its own pid, whatever happens.
server_pid="" client_pid="" sampler_pid=""
stop_all() {
  for pid in $sampler_pid $client_pid $server_pid; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
}
trap stop_all EXIT

echo "== starting the server"
. "$(dirname "$0")/lib/start-server.sh"
start_server
sleep 1 # let the server's start-up settle so its baseline samples are of an idle server

# The sampler starts first and samples the idle server until it reads the client's pid from a file.
pid_file="$out/client.pid"
rm -f "$pid_file" "$pid_file.ready"
python3 bench/lib/sample_proc.py "$pid_file" "$server_pid" "$out/samples.csv" "$out/sampler-meta.json" 0.5 &
sampler_pid=$!
for _ in $(seq 1 100); do
  [ -f "$pid_file.ready" ] && break
  sleep 0.1
done
[ -f "$pid_file.ready" ] || { echo "the sampler did not start" >&2; exit 1; }
sleep 1 # two or three idle-server samples

machine_state >"$out/machine-before.txt"
echo "== running the client: $connections connections, ${load[*]}"
"$wsload" run --url "$url" --connections "$connections" --ramp exponential:20s --ramp-down 3s "${load[@]}" --report none \
  --name "$variant" --out "$out" -o json >"$out/client-summary.json" 2>"$out/client.stderr" &
client_pid=$!
echo "$client_pid" >"$pid_file.tmp" && mv "$pid_file.tmp" "$pid_file"

client_rc=0
wait "$client_pid" || client_rc=$?
client_pid=""
wait "$sampler_pid" || true
sampler_pid=""
rm -f "$pid_file" "$pid_file.ready"
echo "$client_rc" >"$out/client-exit-code.txt"
machine_state >"$out/machine-after.txt"
stop_all
server_pid=""

if [ ! -f "$out/run.json" ]; then
  echo "the client wrote no run.json (exit code $client_rc):" >&2
  cat "$out/client.stderr" >&2
  exit 1
fi
echo "== summary (exit code $client_rc)"
python3 bench/lib/summarize.py "$out" "${variant%%-*}" "bench/results/$variant.tsv" "$commit"
echo
echo "results: $out"
