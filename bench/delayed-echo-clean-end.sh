#!/usr/bin/env bash
# Issue 12, acceptance 3: a server that answers every message after a fixed 5 ms and loses nothing must be charged
# nothing. `wsload serve --reply-delay 5ms` (a separate process), 200 connections × 5 msg/s, 8 s hold, closed at once
# (ramp-down 0) and over a 2 s ramp-down; N runs of each. Each run must show 0 lost and an error rate of 0; what was
# still on its way at the close is waited for (up to messages.timeout), or counted "unanswered at close", never lost.
# Results: bench/results/<date>-delayed-echo-clean-end/ (each run.json, runs.tsv, summary.md).
#
#   bench/delayed-echo-clean-end.sh          10 runs of each
#   bench/delayed-echo-clean-end.sh -n 2     2 runs of each
set -euo pipefail
cd "$(dirname "$0")/.."

runs=10
while (($#)); do
  case "$1" in
    -n | --runs) runs="$2"; shift ;;
    *) echo "usage: $0 [--runs N]" >&2; exit 2 ;;
  esac
  shift
done

out="bench/results/$(date -u +%Y-%m-%dT%H%M%SZ)-delayed-echo-clean-end"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo -dirty)"
dotnet build src/WsLoad.Cli -c Release --nologo --verbosity quiet >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
wsload=(dotnet src/WsLoad.Cli/bin/Release/net10.0/wsload.dll)

server_pid=""
stop_server() { if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi; }
trap stop_server EXIT
coproc SERVER { exec "${wsload[@]}" serve --port 0 --reply-delay 5ms; }
server_pid=$SERVER_PID
read -r _ url <&"${SERVER[0]}"
echo "== wsload serve --reply-delay 5ms (pid $server_pid) at $url"

for i in $(seq 1 "$runs"); do
  for down in 0s 2s; do
    dir="$out/ramp-down-$down-$i"
    timeout --signal=INT --kill-after=20s 90s "${wsload[@]}" run --url "$url" -c 200 --ramp linear:2s --hold 8s \
      --ramp-down "$down" --rate 5/s --quiet --report none --out "$dir" >"$dir.console.txt" 2>&1 || true
    echo "   ramp-down $down, run $i: $(tail -n 1 "$dir.console.txt" | cut -c1-150)"
  done
done

python3 - "$out" "$commit" "$runs" <<'PY'
import json, os, sys
out, commit, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = []
for down in ("0s", "2s"):
    for i in range(1, runs + 1):
        s = json.load(open(os.path.join(out, f"ramp-down-{down}-{i}", "run.json")))["summary"]
        m, c = s["messages"], s["connections"]
        # errors.rate as the readiness check computes it: failed, dropped, lost and corrupted over connects + sends
        rate = 100.0 * (c["failed"] + c["dropped"] + m["lost"] + m["corrupted"]) / (c["attempted"] + m["sent"])
        rows.append((down, i, m["sent"], m["received"], m["lost"], m.get("unansweredAtClose", 0), round(rate, 4)))
with open(os.path.join(out, "runs.tsv"), "w") as f:
    f.write("ramp_down\trun\tsent\treceived\tlost\tunanswered_at_close\terror_rate_percent\n")
    for row in rows:
        f.write("\t".join(str(x) for x in row) + "\n")
with open(os.path.join(out, "summary.md"), "w") as f:
    f.write(f"# 5 ms delayed echo, clean end ({commit}): 200 connections x 5 msg/s, 8 s hold\n\n")
    f.write("| ramp-down | runs with 0 lost and error rate 0 | sent | lost | unanswered at close |\n| --- | --- | --- | --- | --- |\n")
    for down in ("0s", "2s"):
        mine = [r for r in rows if r[0] == down]
        clean = sum(1 for r in mine if r[4] == 0 and r[6] == 0)
        f.write(f"| {down} | {clean} of {len(mine)} | {', '.join(str(r[2]) for r in mine)} | {sum(r[4] for r in mine)} | {sum(r[5] for r in mine)} |\n")
print(open(os.path.join(out, "summary.md")).read())
PY
