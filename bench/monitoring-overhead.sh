#!/usr/bin/env bash
# Issue 16, acceptance 5: what the live dashboard and the Prometheus endpoint cost the generator. 10,000 connections x
# 1 msg/s of 100 bytes against `wsload serve` (its own process, so the generator's CPU is its own), linear ramp 10 s,
# hold 30 s; variant OFF is a plain run, variant ON the same run with --dashboard and --metrics, a real Prometheus
# scraping /metrics every second and a dashboard viewer (an SSE client reading /events). The pairs run interleaved,
# OFF then ON, because this machine's speed drifts between minutes.
# Per run: the generator's process CPU (/usr/bin/time) per message received, and the hold's CPU per message from
# run.json's per-second generator CPU. Results: bench/results/<UTC>-monitoring-overhead/ (summary.md, each run's run.json,
# time.txt and console output).
#
#   bench/monitoring-overhead.sh [-n PAIRS]
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=2
while (($#)); do
  case "$1" in
    -n | --pairs) pairs="$2"; shift ;;
    *) echo "usage: $0 [-n PAIRS]" >&2; exit 2 ;;
  esac
  shift
done
command -v prometheus >/dev/null || { echo "needs Debian's prometheus package (apt-get install prometheus)" >&2; exit 2; }

out="bench/results/$(date -u +%Y-%m-%dT%H%MZ)-monitoring-overhead"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo -dirty)"
dotnet build src/WsLoad.Cli -c Release --nologo --verbosity quiet >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
dll=src/WsLoad.Cli/bin/Release/net10.0/wsload.dll
printf 'commit %s\nOFF: no live monitoring\nON: --dashboard and --metrics, Prometheus scraping every 1 s, one SSE viewer\n10,000 connections x 1 msg/s x 100 B, linear ramp 10 s, hold 30 s, against wsload serve\n' "$commit" >"$out/CONFIG.md"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
pids=()
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done; pids=(); }
trap stop_all EXIT

run() { # run NAME on|off
  local name="$1" mode="$2"
  coproc SERVER { exec dotnet "$dll" serve --port 0; }
  pids+=("$SERVER_PID")
  local line; read -r line <&"${SERVER[0]}"
  local url="${line#listening }"
  # Warm the server first (JIT, first connections), as the other benches do.
  timeout 60s dotnet "$dll" run --url "$url" -c 300 --ramp linear:2s --hold 1s --rate 1/s --quiet \
    --report none --no-warm-up --out "$out/$name-warm-server" >/dev/null 2>&1 || true
  rm -rf "$out/$name-warm-server"
  local extra=()
  if [ "$mode" = on ]; then
    local dport mport pport
    dport="$(free_port)"; mport="$(free_port)"; pport="$(free_port)"
    mkdir -p "$out/$name-prometheus"
    printf 'global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: wsload\n    static_configs:\n      - targets: ["127.0.0.1:%s"]\n' "$mport" >"$out/$name-prometheus/prometheus.yml"
    prometheus --config.file="$out/$name-prometheus/prometheus.yml" --storage.tsdb.path="$out/$name-prometheus/data" \
      --web.listen-address="127.0.0.1:$pport" --log.level=warn >/dev/null 2>&1 &
    pids+=("$!")
    # The viewer connects once the dashboard is up (it starts with the run), and reconnects until the run ends.
    (for _ in $(seq 1 300); do curl -sN "http://127.0.0.1:$dport/events" >/dev/null 2>&1 || sleep 0.5; done) &
    pids+=("$!")
    extra=(--dashboard "127.0.0.1:$dport" --metrics "127.0.0.1:$mport")
  fi
  /usr/bin/time -v -o "$out/$name.time.txt" timeout --signal=INT --kill-after=30s 200s \
    dotnet "$dll" run --url "$url" -c 10000 --ramp linear:10s --hold 30s --rate 1/s --size 100 \
    --quiet --report none --out "$out/$name" "${extra[@]}" >"$out/$name.console.txt" 2>&1 || true
  if [ "$mode" = on ]; then
    curl -s "http://127.0.0.1:$pport/api/v1/query?query=sum(wsload_messages_received_total)" >"$out/$name.prometheus-received.json" || true
  fi
  stop_all
  rm -rf "$out/$name-prometheus/data"
  echo "== $name done"
}

for i in $(seq 1 "$pairs"); do
  run "OFF$i" off
  run "ON$i" on
done
python3 bench/lib/monitoring_overhead.py "$out" | tee "$out/summary.md"
