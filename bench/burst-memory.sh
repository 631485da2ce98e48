#!/usr/bin/env bash
# Client memory after a burst ramp: the built `wsload` client opens N idle connections at once (--ramp burst) to a
# separate `wsload serve` process and holds them; VmRSS of the client is read from /proc every second, and
# dotnet-counters (when installed) records the client's GC counters. One variant per call:
#
#   bench/burst-memory.sh OUT_DIR [-c N] [--hold 30s] [--rate 0|1/s] [--env K=V]... [--config NAME=VALUE]...
#
# It builds the CLI (Release) first unless SKIP_BUILD=1; COUNTERS=1 also runs dotnet-counters (its EventPipe session
# allocates in the client: do not read RSS from such a run); BASE_KB=<RSS of a one-connection run> adds KB/conn above it.
# --env sets an environment variable of the client only; --config sets a runtimeconfig.json property
# (configProperties) in a copy of the client's build output, so the knob is read as a shipped runtimeconfig would be.
# Writes OUT_DIR/rss.csv (t_s,vmrss_kb,vmhwm_kb), counters.csv, run.json, client-summary.json, metrics.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

out="$1"; shift
connections=10000 hold=30s rate=0
envs=() configs=()
while (($#)); do
  case "$1" in
    -c) connections="$2"; shift ;;
    --hold) hold="$2"; shift ;;
    --rate) rate="$2"; shift ;;
    --env) envs+=("$2"); shift ;;
    --config) configs+=("$2"); shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"

if [ -z "${SKIP_BUILD:-}" ]; then
  dotnet build src/WsLoad.Cli -c Release --nologo --verbosity quiet >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
fi
bin="$PWD/src/WsLoad.Cli/bin/Release/net10.0"
wsload="$bin/wsload"
client_bin="$bin"
if ((${#configs[@]})); then
  client_bin="$out/bin"
  rm -rf "$client_bin" && cp -r "$bin" "$client_bin"
  python3 - "$client_bin/wsload.runtimeconfig.json" "${configs[@]}" <<'PY'
import json, sys
path = sys.argv[1]
doc = json.load(open(path))
props = doc["runtimeOptions"].setdefault("configProperties", {})
for kv in sys.argv[2:]:
    k, v = kv.split("=", 1)
    props[k] = True if v == "true" else False if v == "false" else int(v, 0) if v.lstrip("-").isdigit() or v.startswith("0x") else v
json.dump(doc, open(path, "w"), indent=2)
PY
fi

server_pid="" client_pid="" counters_pid=""
stop_all() {
  for pid in $counters_pid $client_pid $server_pid; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
}
trap stop_all EXIT
. bench/lib/start-server.sh
start_server
sleep 1

load=(--rate "$rate")
[ "$rate" = 0 ] || load+=(--size 100)
env "${envs[@]}" "$client_bin/wsload" run --url "$url" --connections "$connections" --ramp burst --ramp-down 0 --hold "$hold" \
  "${load[@]}" --report none --out "$out" -o json >"$out/client-summary.json" 2>"$out/client.stderr" &
client_pid=$!
if [ -n "${COUNTERS:-}" ]; then
  sleep 0.5
  ~/.dotnet/tools/dotnet-counters collect -p "$client_pid" --format csv -o "$out/counters.csv" --refresh-interval 1 \
    --counters System.Runtime >"$out/counters.log" 2>&1 &
  counters_pid=$!
fi
echo "t_s,vmrss_kb,vmhwm_kb" >"$out/rss.csv"
t0=$(date +%s.%N)
while kill -0 "$client_pid" 2>/dev/null; do
  if read -r rss hwm < <(awk '/^VmRSS/{r=$2} /^VmHWM/{h=$2} END{print r, h}' "/proc/$client_pid/status" 2>/dev/null); then
    [ -n "$rss" ] && echo "$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { printf "%.1f", a - b }'),$rss,$hwm" >>"$out/rss.csv"
  fi
  sleep 1
done
wait "$client_pid" || echo "client exit $?" >>"$out/client.stderr"
client_pid=""
printf '%s\n' "connections=$connections hold=$hold rate=$rate env=${envs[*]:-} config=${configs[*]:-}" >"$out/variant.txt"
python3 bench/lib/burst_memory_metrics.py "$out" ${BASE_KB:-} | tee "$out/metrics.txt"
