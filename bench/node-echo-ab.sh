#!/usr/bin/env bash
# A/B of process CPU per message against the Node.js `ws` echo server: 10,000 connections x 1 msg/s of 100 bytes,
# linear ramp 10 s, hold 20 s (shorter than bench/node-echo-headline.sh so that several pairs fit). Variant A is the
# build as it is; variant B is the same build with the environment given by -e (e.g. a runtime knob set back to the
# runtime's default). The pairs run interleaved, A then B, because this machine's speed drifts between minutes.
# Per run: process CPU (/usr/bin/time), CPU per message by phase (from run.json's per-second generator CPU), GC pauses
# by phase, hold rtt percentiles, verdict. Results: bench/results/<UTC>-node-echo-ab/ (summary.md, each run's run.json
# and time.txt).
#
#   bench/node-echo-ab.sh -e DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=70 -n 3
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=3
b_env=()
label=""
while (($#)); do
  case "$1" in
    -n | --pairs) pairs="$2"; shift ;;
    -e | --env) b_env+=("$2"); shift ;;
    -l | --label) label="$2"; shift ;;
    *) echo "usage: $0 [-n PAIRS] [-l LABEL] -e NAME=VALUE..." >&2; exit 2 ;;
  esac
  shift
done
[ ${#b_env[@]} -gt 0 ] || { echo "give variant B's environment with -e NAME=VALUE" >&2; exit 2; }

out="bench/results/$(date -u +%Y-%m-%dT%H%M%SZ)-node-echo-ab${label:+-$label}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo -dirty)"
(cd tests/node-echo && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
dotnet build src/WsLoad.Cli -c Release --nologo --verbosity quiet >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
dll=src/WsLoad.Cli/bin/Release/net10.0/wsload.dll
printf 'commit %s\nA: the build as it is\nB: %s\n' "$commit" "${b_env[*]}" >"$out/CONFIG.md"

server_pid=""
stop_server() { if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi; }
trap stop_server EXIT

run() { # run NAME [env...]
  local name="$1"; shift
  coproc SERVER { exec node tests/node-echo/echo.js 0; }
  server_pid=$SERVER_PID
  local port; read -r _ port <&"${SERVER[0]}"
  # Warm the server first, as the headline bench does.
  timeout 60s dotnet "$dll" run --url "ws://127.0.0.1:$port/" -c 300 --ramp linear:2s --hold 1s --rate 1/s --quiet \
    --report none --no-warm-up --out "$out/$name-warm-server" >/dev/null 2>&1 || true
  rm -rf "$out/$name-warm-server"
  env "$@" /usr/bin/time -v -o "$out/$name.time.txt" timeout --signal=INT --kill-after=30s 200s \
    dotnet "$dll" run --url "ws://127.0.0.1:$port/" -c 10000 --ramp linear:10s --hold 20s --rate 1/s --size 100 \
    --server-pid "$server_pid" --quiet --report none --out "$out/$name" >"$out/$name.console.txt" 2>&1 || true
  stop_server
  echo "== $name done"
}

for i in $(seq 1 "$pairs"); do
  run "A$i"
  run "B$i" "${b_env[@]}"
done
python3 bench/lib/node_echo_ab.py "$out" | tee "$out/summary.md"
