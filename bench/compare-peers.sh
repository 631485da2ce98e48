#!/usr/bin/env bash
# Peer comparison (issue 4): WsLoad, Artillery 2 and Tsung against the SAME Node.js `ws` echo server
# (tests/node-echo/echo.js, with bench/peers/echo-counter.js preloaded to count what the server sees), one tool at a
# time, a fresh server per run. Each tool runs under bench/lib/run_tree.py, which samples its whole process tree
# (CPU, RSS) from /proc and bounds it in time. Results: bench/results/<date>-peers/ (one folder per run with the raw
# samples and the tool's own output, metrics.json, summary.md). See bench/README.md.
#
#   bench/compare-peers.sh                   the issue's scenarios (10,000 connections; ~12 minutes)
#   bench/compare-peers.sh -c 1000           fewer connections for scenarios 1-3 (a quick check of the script)
#   bench/compare-peers.sh --tools wsload,tsung   a subset of the tools
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

conns=10000        # scenarios 1-3
hold_idle=${PEERS_HOLD_IDLE:-20}       # s, scenario 1
ramp=10            # s, scenario 2's linear ramp
count=${PEERS_COUNT:-30}           # messages per connection in scenario 2 (1/s)
fast_conns=200     # scenarios 4-5
fast_seconds=${PEERS_FAST_SECONDS:-20}    # s of messaging in scenarios 4-5
settle=3           # s each connection waits in scenarios 4-5 before it starts sending (all are open by then)
tools="wsload,artillery,tsung"
while (($#)); do
  case "$1" in
    -c | --connections) conns="$2"; shift ;;
    --tools) tools="$2"; shift ;;
    *) echo "usage: $0 [--connections N] [--tools wsload,artillery,tsung]" >&2; exit 2 ;;
  esac
  shift
done

out="bench/results/$(date -u +%Y-%m-%dT%H%MZ)-peers"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
log() { echo "== $*" | tee -a "$out/progress.log"; }

# ---- every process this script starts is stopped by its own pid ----
server_pid="" tool_pid="" epmd_before=""
stop_pid() { if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; fi; }
stop_new_epmd() { # Tsung's Erlang VM starts epmd, which detaches and outlives it: stop the one(s) that were not there before
  local pid
  for pid in $(pgrep -x epmd || true); do
    case " $epmd_before " in *" $pid "*) ;; *) kill "$pid" 2>/dev/null || true ;; esac
  done
  return 0
}
stop_all() { stop_pid "$tool_pid"; stop_pid "$server_pid"; stop_new_epmd; }
trap stop_all EXIT
epmd_before="$(pgrep -x epmd | tr '\n' ' ' || true)"

# ---- tools ----
log "preparing the tools (logs in $out/setup.log)"
{
  echo "# $(date -u)"; uname -a; nproc; free -m; ulimit -n
  [ -d tests/node-echo/node_modules ] || (cd tests/node-echo && npm ci --no-audit --no-fund)
  dotnet build src/WsLoad.Cli -c Release --nologo --verbosity quiet
} >"$out/setup.log" 2>&1 || { tail -n 20 "$out/setup.log"; exit 1; }
wsload="$repo/src/WsLoad.Cli/bin/Release/net10.0/wsload"
artillery="$repo/bench/peers/node_modules/.bin/artillery"
declare -A unavailable=()
if [[ ",$tools," == *,artillery,* ]] && [ ! -x "$artillery" ]; then
  (cd bench/peers && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout 900 npm install --no-audit --no-fund) >>"$out/setup.log" 2>&1 \
    || unavailable[artillery]="npm install failed: $(tail -n 3 "$out/setup.log" | tr '\n' ' ')"
fi
if [[ ",$tools," == *,tsung,* ]] && ! command -v tsung >/dev/null; then
  { apt-get update && DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y tsung; } >>"$out/setup.log" 2>&1 \
    || unavailable[tsung]="apt-get install tsung failed: $(tail -n 3 "$out/setup.log" | tr '\n' ' ')"
fi
in_flight_supported=false
"$wsload" run --help | grep -q -- --in-flight && in_flight_supported=true
{
  echo "wsload $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo -dirty) in-flight=$in_flight_supported"
  [ -x "$artillery" ] && echo "artillery $("$artillery" version 2>/dev/null | grep -i -m1 'artillery' || true) (node $(node --version))"
  command -v tsung >/dev/null && echo "$(dpkg-query -W tsung 2>/dev/null) $(dpkg-query -W erlang-base 2>/dev/null)"
} >"$out/versions.txt" 2>&1 || true
for tool in "${!unavailable[@]}"; do echo "${unavailable[$tool]}" >"$out/unavailable-$tool.txt"; done

# ---- one run: fresh echo server, the tool under run_tree.py, then both stopped ----
start_server() { # $1 = run dir; sets server_pid and port
  local dir="$1"
  ECHO_COUNTS_CSV="$dir/server-counts.csv" python3 bench/lib/run_tree.py "$dir/server-samples.csv" "$dir/server-result.json" 3600 \
    -- node -r "$repo/bench/peers/echo-counter.js" "$repo/tests/node-echo/echo.js" 0 >"$dir/server.stdout" 2>"$dir/server.stderr" &
  server_pid=$!
  port=""
  for _ in $(seq 1 100); do
    port="$(sed -n '1s/^listening \([0-9]*\)$/\1/p' "$dir/server.stdout")"
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  echo "the echo server did not start: $(cat "$dir/server.stderr")" >&2
  return 1
}

fill() { # template -> config with this run's values
  sed -e "s/@PORT@/$port/g" -e "s/@CONNS@/$conns/g" -e "s/@HOLD@/$hold_idle/g" -e "s/@RAMP@/$ramp/g" \
    -e "s/@COUNT@/$count/g" -e "s/@ARRIVAL_RATE@/$((conns / ramp))/g" -e "s/@FAST_CONNS@/$fast_conns/g" \
    -e "s/@SETTLE@/$settle/g" -e "s/@TSUNG_DURATION@/$((4 + settle + fast_seconds))/g" "$1"
}

run_one() { # $1 scenario, $2 tool, $3 time limit (s)
  local scenario="$1" tool="$2" limit="$3" dir="$out/$1-$2"
  mkdir -p "$dir"
  if [ -n "${unavailable[$tool]:-}" ]; then echo "${unavailable[$tool]}" >"$dir/skipped.txt"; return; fi
  if [ "$tool" = wsload ] && [[ "$scenario" == closed-loop || "$scenario" == pipelined ]] && ! $in_flight_supported; then
    echo "not yet supported: wsload run has no --in-flight option at $(git rev-parse --short HEAD)" >"$dir/skipped.txt"
    return
  fi
  log "$scenario / $tool"
  start_server "$dir" || return 0
  sleep 0.5
  local cmd=()
  case "$tool:$scenario" in
    wsload:idle) cmd=("$wsload" run --url "ws://127.0.0.1:$port/" -c "$conns" --ramp burst --rate 0 --hold "${hold_idle}s" --ramp-down 0 --report none) ;;
    wsload:rate) cmd=("$wsload" run --url "ws://127.0.0.1:$port/" -c "$conns" --ramp "linear:${ramp}s" --rate 1/s --size 100 --hold "$((count - ramp))s" --ramp-down 0 --report none) ;;
    wsload:closed-loop) cmd=("$wsload" run --url "ws://127.0.0.1:$port/" -c "$fast_conns" --ramp burst --in-flight 1 --size 100 --hold "${fast_seconds}s" --ramp-down 0 --report none) ;;
    wsload:pipelined) cmd=("$wsload" run --url "ws://127.0.0.1:$port/" -c "$fast_conns" --ramp burst --in-flight 100 --size 100 --hold "${fast_seconds}s" --ramp-down 0 --report none) ;;
    wsload:idle1) cmd=("$wsload" run --url "ws://127.0.0.1:$port/" -c 1 --ramp burst --rate 0 --hold "${hold_idle}s" --ramp-down 0 --report none) ;;
    artillery:*)
      fill "bench/peers/artillery/${scenario%1}.yml" >"$dir/artillery.yml"
      cp bench/peers/artillery/processor.js "$dir/"
      cmd=(env ARTILLERY_DISABLE_TELEMETRY=true PEER_LOOP_SECONDS="$fast_seconds" "$artillery" run --output "$dir/artillery-report.json" "$dir/artillery.yml") ;;
    tsung:*)
      fill "bench/peers/tsung/${scenario%1}.xml" >"$dir/tsung.xml"
      # -n: no web GUI; the Erlang distribution listener only on loopback
      cmd=(env ERL_FLAGS="-kernel inet_dist_use_interface {127,0,0,1}" tsung -n -f "$dir/tsung.xml" -l "$dir/tsung-log" start) ;;
  esac
  [ "$tool" = wsload ] && cmd+=(--name "$scenario" --out "$dir" -o json)
  printf '%q ' "${cmd[@]}" >"$dir/command.txt"
  (cd "$dir" && exec python3 "$repo/bench/lib/run_tree.py" client-samples.csv client-result.json "$limit" -- "${cmd[@]}") \
    >"$dir/client.stdout" 2>"$dir/client.stderr" &
  tool_pid=$!
  wait "$tool_pid" || true
  tool_pid=""
  sleep 1 # the server's last counts
  stop_pid "$server_pid"
  server_pid=""
  if [ "$tool" = tsung ]; then stop_new_epmd; fi
  python3 bench/lib/peer_metrics.py "$dir" "$scenario" "$tool" \
    "$([[ "$scenario" == idle || "$scenario" == idle1 || "$scenario" == rate ]] && echo "$conns" || echo "$fast_conns")" >>"$out/progress.log" 2>&1 || true
  sleep 2 # let the kernel tidy up closed sockets before the next run
}

IFS=, read -r -a tool_list <<<"$tools"

# Each tool's own footprint: the same idle scenario with one connection (10 s), so that "per connection" in scenario 1
# is what a connection adds, not the runtime (a tool that starts fast has only a few MB before its first connect).
saved=("$conns" "$hold_idle")
conns=1 hold_idle=10
for tool in "${tool_list[@]}"; do run_one idle1 "$tool" $((hold_idle + 60)); done
conns="${saved[0]}" hold_idle="${saved[1]}"

for scenario in idle rate closed-loop pipelined; do
  case "$scenario" in
    idle) limit=$((hold_idle + 60)) ;;
    rate) limit=$((count + ramp + 60)) ;;
    *) limit=$((settle + fast_seconds + 40)) ;;
  esac
  for tool in "${tool_list[@]}"; do run_one "$scenario" "$tool" "$limit"; done
done

python3 bench/lib/summarize_peers.py "$out" "$conns" "$fast_conns" | tee "$out/summary.md"
echo "results: $out"
