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

python3 - "$out" "$commit" "$connections" "$rate" <<'PY'
import json, re, sys
out, commit, connections, rate = sys.argv[1:]
run = json.load(open(f"{out}/run.json"))
time_txt = open(f"{out}/client.time.txt").read()
user = float(re.search(r"User time \(seconds\): ([\d.]+)", time_txt).group(1))
sys_s = float(re.search(r"System time \(seconds\): ([\d.]+)", time_txt).group(1))
f = run["summary"]["fanout"]
series = run["series"]
hold = [s for s in series if s["phase"] == "hold"]
def per_delivery(key):
    cpu = 0.0; received = 0; previous = None
    for s in series:
        at = s["atSeconds"]; seconds = at - previous if previous is not None else at; previous = at
        if s["phase"] != "hold" or not s.get(key): continue
        cpu += s[key]["cpuPercent"] / 100 * seconds; received += s["received"]
    return (cpu / received * 1e6, received) if received else (None, 0)
gen_us, hold_received = per_delivery("generator")
srv_us, _ = per_delivery("server")
hold_seconds = sum(1 for _ in hold)
health = run.get("generatorHealth") or {}
server_peak = max((s["server"]["cpuPercent"] for s in series if s.get("server")), default=None)
cores = run["environment"]["processorCount"]
lat = f.get("latencyMs") or {}
complete = f.get("completeMs") or {}
limit = []
if health.get("saturatedIntervals", 0) > 0:
    limit.append(f"generator saturated {health['saturatedIntervals']} s ({', '.join(sorted({r for p in health.get('periods', []) for r in p['reasons']}))})")
if server_peak is not None and server_peak >= 0.8 * 100:
    limit.append(f"server CPU peak {server_peak:.0f}% of one core (its broadcast loop runs on one thread per publish)")
if not limit:
    limit.append("neither: no saturated second, server CPU under 80% of a core")
rows = [
    ("commit", commit), ("subscribers", connections), ("publish rate", rate),
    ("published", f["published"]), ("deliveries due", f["due"]), ("delivered", f["delivered"]), ("missing", f["missing"]),
    ("reach %", f.get("reachPercent")), ("deliveries/s in the hold", round(hold_received / hold_seconds) if hold_seconds else None),
    ("fan-out p50 ms", lat.get("p50")), ("fan-out p99 ms", lat.get("p99")), ("fan-out p99.9 ms", lat.get("p999")),
    ("to the last subscriber p50 ms", complete.get("p50")), ("to the last subscriber p99 ms", complete.get("p99")),
    ("client CPU s (whole run, user+sys)", round(user + sys_s, 2)),
    ("generator CPU per delivery, hold (µs)", round(gen_us, 2) if gen_us else None),
    ("server CPU per delivery, hold (µs)", round(srv_us, 2) if srv_us else None),
    ("server CPU peak % of one core", server_peak), ("cores", cores),
    ("the limit", "; ".join(limit)),
    ("verdict", (run.get("analysis") or {}).get("verdict", {}).get("decision", run["status"])),
]
with open(f"{out}/summary.md", "w") as md:
    md.write(f"# Fan-out: {connections} subscribers on one channel, 1 publisher at {rate}\n\n| figure | value |\n| --- | --- |\n")
    for k, v in rows: md.write(f"| {k} | {v} |\n")
print(open(f"{out}/summary.md").read())
tsv = "bench/results/fanout.tsv"
import os
new = not os.path.exists(tsv)
with open(tsv, "a") as t:
    if new: t.write("\t".join(k for k, _ in rows) + "\tresults\n")
    t.write("\t".join(str(v) for _, v in rows) + f"\t{os.path.relpath(out)}\n")
PY
