#!/usr/bin/env bash
# The floor under bench/node-echo-headline.sh: the same load (10,000 connections x 1 msg/s of 100 bytes, linear ramp
# 10 s, hold 40 s, Node.js `ws` echo server) driven by bench/floor/ws-floor.c, a single-threaded epoll client in C
# that does per message only what any client must (a send, a share of an epoll wake-up, a read). Its process CPU per
# message is what the kernel and the loopback TCP path cost on this machine before any load tool adds its own work.
# Results: bench/results/<UTC>-ws-floor/ (floor.json, time.txt, summary.md).
#
#   bench/ws-floor.sh              10,000 connections
#   bench/ws-floor.sh -c 1000      fewer
set -euo pipefail
cd "$(dirname "$0")/.."
connections=10000
while (($#)); do
  case "$1" in
    -c | --connections) connections="$2"; shift ;;
    *) echo "usage: $0 [--connections N]" >&2; exit 2 ;;
  esac
  shift
done
out="bench/results/$(date -u +%Y-%m-%dT%H%M%SZ)-ws-floor"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cc -O2 -Wall -Wextra -o "$out/ws-floor" bench/floor/ws-floor.c
(cd tests/node-echo && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

server_pid=""
stop_server() { if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi; rm -f "$out/ws-floor"; }
trap stop_server EXIT
coproc SERVER { exec node tests/node-echo/echo.js 0; }
server_pid=$SERVER_PID
read -r _ port <&"${SERVER[0]}"
# Warm the server as the headline bench does (300 connections over 2 s), with the floor client itself.
"$out/ws-floor" 127.0.0.1 "$port" 300 1 100 2 1 >/dev/null
/usr/bin/time -v -o "$out/time.txt" "$out/ws-floor" 127.0.0.1 "$port" "$connections" 1 100 10 40 >"$out/floor.json"
python3 - "$out" <<'PY'
import json, os, re, sys
out = sys.argv[1]
floor = json.load(open(os.path.join(out, "floor.json")))
t = open(os.path.join(out, "time.txt")).read()
def field(name): return float(re.search(re.escape(name) + r": ([\d.]+)", t).group(1))
cpu = field("User time (seconds)") + field("System time (seconds)")
with open(os.path.join(out, "summary.md"), "w") as f:
    f.write("# ws-floor: a single-threaded epoll client in C, same load as node-echo-headline\n\n")
    f.write(f"- connections {floor['opened']:,}, received {floor['received']:,} ({floor['receivedHold']:,} in the hold), errors {floor['errors']}\n")
    f.write(f"- hold: {floor['cpuHoldS']:.2f} s of CPU, **{floor['usPerMessageHold']:.1f} µs per message**\n")
    f.write(f"- ramp (10 s, the connects): {floor['cpuRampS']:.2f} s of CPU\n")
    f.write(f"- whole process (/usr/bin/time): {cpu:.2f} s, {cpu / floor['received'] * 1e6:.1f} µs per message; "
            f"user {field('User time (seconds)')} s, system {field('System time (seconds)')} s; peak RSS {field('Maximum resident set size (kbytes)') / 1024:.1f} MB\n")
print(open(os.path.join(out, "summary.md")).read())
PY
