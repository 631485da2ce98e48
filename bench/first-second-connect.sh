#!/usr/bin/env bash
# Issue 12, acceptance 5 (second half): does the first second time the generator's own first-use cost as the server's?
# Against a warm Node.js `ws` echo server (tests/node-echo/echo.js), each wsload process opens 300 connections over
# 2 s (linear ramp, 1 s hold) and its run.json gives connect p99 per second. A fresh process per run, because the
# first-use cost (JIT, first allocations) is paid once per process. Runs alternate between the default (warm-up on a
# private loopback peer before the clock) and --no-warm-up, so both see the same machine.
# Target: with the warm-up, the first second's connect p99 within 2x of the next second's.
# With --tls the Node server speaks TLS (a throwaway self-signed certificate made here with openssl) and the client
# connects to wss://localhost with --ca-cert: the warm-up then runs over TLS too.
# Results: bench/results/<date>-first-second-connect[-tls]/ (each run.json, runs.tsv, summary.md).
#
#   bench/first-second-connect.sh          5 runs of each
#   bench/first-second-connect.sh -n 2     2 runs of each
#   bench/first-second-connect.sh --tls    wss://
set -euo pipefail
cd "$(dirname "$0")/.."

runs=5
tls=""
while (($#)); do
  case "$1" in
    -n | --runs) runs="$2"; shift ;;
    --tls) tls=1 ;;
    *) echo "usage: $0 [--runs N] [--tls]" >&2; exit 2 ;;
  esac
  shift
done

out="bench/results/$(date -u +%Y-%m-%dT%H%M%SZ)-first-second-connect${tls:+-tls}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo -dirty)"

(cd tests/node-echo && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
dotnet build src/WsLoad.Cli -c Release --nologo --verbosity quiet >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
wsload() { timeout --signal=INT --kill-after=20s 90s dotnet src/WsLoad.Cli/bin/Release/net10.0/wsload.dll "$@"; }

server_pid=""
stop_server() { if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi; }
trap stop_server EXIT
target=()
if [ -n "$tls" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$out/server.key" -out "$out/server.crt" >"$out/openssl.log" 2>&1
  export TLS_CERT="$out/server.crt" TLS_KEY="$out/server.key"
fi
coproc SERVER { exec node tests/node-echo/echo.js 0; }
server_pid=$SERVER_PID
unset TLS_CERT TLS_KEY
read -r _ port <&"${SERVER[0]}"
rm -f "$out/server.key" # the server has read it before it listens
if [ -n "$tls" ]; then target=(--url "wss://localhost:$port/" --ca-cert "$out/server.crt"); else target=(--url "ws://127.0.0.1:$port/"); fi
echo "== node ws echo server (pid $server_pid) on port $port; warming it"
wsload run "${target[@]}" -c 300 --ramp linear:2s --hold 1s --rate 1/s --quiet --report none --out "$out/warm-server" >/dev/null 2>&1 || true

for i in $(seq 1 "$runs"); do
  for mode in warm-up no-warm-up; do
    flag=(); [ "$mode" = no-warm-up ] && flag=(--no-warm-up)
    dir="$out/$mode-$i"
    wsload run "${target[@]}" -c 300 --ramp linear:2s --hold 1s --rate 1/s --quiet --report none \
      "${flag[@]}" --out "$dir" >"$dir.console.txt" 2>&1 || true
    echo "   $mode $i: $(tail -n 1 "$dir.console.txt")"
  done
done

python3 - "$out" "$commit" "$runs" "${tls:+wss://}" <<'PY'
import json, os, statistics, sys
out, commit, runs, scheme = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] or "ws://"
rows = []
for mode in ("warm-up", "no-warm-up"):
    for i in range(1, runs + 1):
        r = json.load(open(os.path.join(out, f"{mode}-{i}", "run.json")))
        s = r["series"]
        first, second = s[0]["connectP99"], s[1]["connectP99"]
        warm = (r["environment"].get("warmUp") or {}).get("seconds")
        rows.append((mode, i, first, second, first / second if second else float("nan"), r["summary"]["latencyMs"]["connect"]["max"], warm))
with open(os.path.join(out, "runs.tsv"), "w") as f:
    f.write("mode\trun\tfirst_s_connect_p99_ms\tsecond_s_connect_p99_ms\tratio\tconnect_max_ms\twarm_up_s\n")
    for row in rows:
        f.write("\t".join(str(x) for x in row) + "\n")
with open(os.path.join(out, "summary.md"), "w") as f:
    f.write(f"# first-second connect p99 ({commit}), 300 {scheme} connections over 2 s against a warm Node ws server\n\n")
    f.write("| mode | runs within 2x | median ratio (1st s / 2nd s p99) | 1st s p99 (ms) | 2nd s p99 (ms) | connect max (ms) |\n| --- | --- | --- | --- | --- | --- |\n")
    for mode in ("warm-up", "no-warm-up"):
        mine = [r for r in rows if r[0] == mode]
        within = sum(1 for r in mine if r[4] <= 2)
        f.write(f"| {mode} | {within} of {len(mine)} | {statistics.median(r[4] for r in mine):.2f} | "
                f"{', '.join(f'{r[2]:.2f}' for r in mine)} | {', '.join(f'{r[3]:.2f}' for r in mine)} | {', '.join(f'{r[5]:.1f}' for r in mine)} |\n")
print(open(os.path.join(out, "summary.md")).read())
PY
