#!/usr/bin/env bash
# Issue 14 item 4: one channel, 10,000 subscribers and 1 publisher at 10 msg/s: 100,000 deliveries a second.
# The embedded server (`wsload serve --mode broadcast`, one process: a broadcast reaches the clients of its own
# process only) and the client (`wsload run`, expect: broadcast, the server's pid and /stats given so its CPU is
# sampled) run on this machine. The client's whole CPU (user + sys, /usr/bin/time -v) is recorded, and from run.json's
# per-second series the generator's and the server's CPU per delivery over the hold; fan-out p50, p99, p99.9, the
# time to the last subscriber, reach and missing deliveries; and which side was the limit (the generator's saturated
# seconds, the server's CPU against the cores).
# Results: bench/results/<UTC>-fanout-<N>/ (summary.md, run.json, the reports, console output, server stats) and one
# line appended to bench/results/fanout.tsv.
#
#   bench/fanout.sh                          10,000 subscribers, 10 msg/s, ramp 20 s, hold 60 s
#   bench/fanout.sh -c 2000 --hold 20s       smaller or shorter
#   bench/fanout.sh --rate 20/s              another publish rate
set -euo pipefail
cd "$(dirname "$0")/.."

connections=10000
rate=10/s
ramp=20s
hold=60s
while (($#)); do
  case "$1" in
    -c | --connections) connections="$2"; shift ;;
    --rate) rate="$2"; shift ;;
    --ramp) ramp="$2"; shift ;;
    --hold) hold="$2"; shift ;;
    *) echo "usage: $0 [-c N] [--rate R] [--ramp D] [--hold D]" >&2; exit 2 ;;
  esac
  shift
done

out="bench/results/$(date -u +%Y-%m-%dT%H%MZ)-fanout-$connections"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo -dirty)"
dotnet build src/WsLoad.Cli -c Release --nologo --verbosity quiet >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
dll="src/WsLoad.Cli/bin/Release/net10.0/wsload.dll"

dotnet "$dll" serve --mode broadcast --port 0 >"$out/server.stdout" 2>"$out/server.stderr" &
server=$!
trap 'kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 300); do
  url="$(sed -n '1s/^listening \(ws:[^ ]*\).*/\1/p' "$out/server.stdout")"
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$out/server.stderr" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "the server did not print its URL" >&2; exit 1; }
stats="${url/ws:/http:}"; stats="${stats%/ws}/stats"

cat >"$out/scenario.yaml" <<YAML
name: fanout-$connections
target:
  url: $url
connections:
  count: $connections
  ramp: linear:$ramp
  hold: $hold
messages:
  expect: broadcast
  rate: $rate
  timeout: 2s
  broadcast:
    publishers: 1
YAML

echo "== $connections subscribers on one channel, 1 publisher at $rate against $url"
/usr/bin/time -v -o "$out/client.time.txt" timeout --signal=INT --kill-after=30s 900s \
  dotnet "$dll" run "$out/scenario.yaml" --server-pid "$server" --server-stats "$stats" --out "$out" --report html,md \
  >"$out/console.txt" 2>&1 || true
curl -s "$stats" >"$out/server-stats.json" || true
tail -n 6 "$out/console.txt"

python3 bench/lib/fanout_summary.py "$out" "$commit" "$connections" "$rate"
