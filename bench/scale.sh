#!/usr/bin/env bash
# Connections past one process (issue 13, acceptance 1): wsload serve --workers S (SO_REUSEPORT) and
# wsload run --workers C with --source addresses, every connection sending 1 message every 10 s (by default).
# Records the merged run.json, the console, each process's peak RSS and CPU seconds (sampled from /proc every 2 s),
# the kernel's socket memory (Slab and TCP pages) before and at the end of the hold, and a summary.
# Results: bench/results/<date>-scale-<N>/ and one line in bench/results/scale.tsv.
#
#   bench/scale.sh                                   200,000 connections: 11 client and 11 server processes, 8 sources
#   bench/scale.sh -c 40000 --client-workers 3 --server-workers 3 --sources 127.0.0.1-127.0.0.2 --ramp 40s
set -euo pipefail
cd "$(dirname "$0")/.."

connections=200000
client_workers=11
server_workers=11
sources="127.0.0.1-127.0.0.8"
ramp="200s"
hold="60s"
rate="6/m"
while (($#)); do
  case "$1" in
    -c | --connections) connections="$2"; shift ;;
    --client-workers) client_workers="$2"; shift ;;
    --server-workers) server_workers="$2"; shift ;;
    --sources) sources="$2"; shift ;;
    --ramp) ramp="$2"; shift ;;
    --hold) hold="$2"; shift ;;
    --rate) rate="$2"; shift ;;
    *) echo "usage: $0 [-c N] [--client-workers N] [--server-workers N] [--sources RANGE] [--ramp DURATION] [--hold DURATION] [--rate RATE]" >&2; exit 2 ;;
  esac
  shift
done

out="bench/results/$(date -u +%Y-%m-%dT%H%MZ)-scale-$connections"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo -dirty)"
dotnet build src/WsLoad.Cli -c Release --nologo --verbosity quiet >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
dll=src/WsLoad.Cli/bin/Release/net10.0/wsload.dll

server_pid=""
sampler_pid=""
cleanup() {
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

coproc SERVER { exec dotnet "$dll" serve --port 0 --workers "$server_workers"; }
server_pid=$SERVER_PID
read -r _ url <&"${SERVER[0]}"
read -r server_line <&"${SERVER[0]}" || true
echo "== server group: $server_line"

# Every 2 s: each wsload process (pid, role: serve/run/worker, RSS kB, CPU ticks), and the kernel's Slab and TCP
# socket buffer memory (kB; sockstat counts pages), from a second before the run to its end.
(
  while true; do
    now=$(date +%s)
    for p in /proc/[0-9]*; do
      [ "$(cat "$p/comm" 2>/dev/null)" = dotnet ] || continue # not the time and timeout wrappers
      cmd=$(tr '\0' ' ' <"$p/cmdline" 2>/dev/null) || continue
      case "$cmd" in *wsload.dll*) ;; *) continue ;; esac
      role=$(echo "$cmd" | awk '{for (i = 1; i <= NF; i++) if ($i ~ /wsload.dll$/) {print $(i + 1); exit}}')
      rss=$(awk '/^VmRSS:/ {print $2}' "$p/status" 2>/dev/null) || continue
      ticks=$(awk '{print $14 + $15}' "$p/stat" 2>/dev/null) || continue
      echo -e "$now\t${p#/proc/}\t$role\t$rss\t$ticks"
    done
    slab=$(awk '/^Slab:/ {print $2}' /proc/meminfo)
    tcp=$(awk '/^TCP:/ {for (i = 1; i <= NF; i++) if ($i == "mem") print $(i + 1) * 4}' /proc/net/sockstat)
    echo -e "$now\t0\tkernel\t$slab\t$tcp"
    sleep 2
  done
) >"$out/processes.tsv" &
sampler_pid=$!
sleep 1

echo "== wsload run: $connections connections, $client_workers workers, sources $sources, ramp $ramp, hold $hold, $rate each"
set +e
/usr/bin/time -v -o "$out/time.txt" timeout --signal=INT --kill-after=60s 1800s \
  dotnet "$dll" run --url "$url" -c "$connections" --ramp "linear:$ramp" --hold "$hold" --rate "$rate" \
  --workers "$client_workers" --source "$sources" --server-pid "$server_pid" --out "$out" >"$out/console.txt" 2>&1
echo "exit $?" >>"$out/console.txt"
set -e
kill "$sampler_pid" 2>/dev/null || true
sampler_pid=""
tail -n 4 "$out/console.txt"

python3 - "$out" "$commit" "$connections" "$client_workers" "$server_workers" "$sources" <<'PY'
import collections, json, os, sys
out, commit, connections, cw, sw, sources = sys.argv[1:]
rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(out, "processes.tsv")) if l.count("\t") == 4]
kernel = [(int(r[0]), int(r[3]), int(r[4] or 0)) for r in rows if r[2] == "kernel"]
procs = collections.defaultdict(lambda: {"role": "", "rss": 0, "ticks0": None, "ticks": 0})
for t, pid, role, rss, ticks in rows:
    if role == "kernel": continue
    p = procs[pid]; p["role"] = role; p["rss"] = max(p["rss"], int(rss)); ticks = int(ticks)
    p["ticks0"] = ticks if p["ticks0"] is None else p["ticks0"]; p["ticks"] = ticks
hz = os.sysconf("SC_CLK_TCK")
r = json.load(open(os.path.join(out, "run.json")))
s = r["summary"]; c = s["connections"]; m = s["messages"]
hold = r.get("phases", {}).get("hold", {}).get("rtt") or {}
slab0, tcp0 = (kernel[0][1], kernel[0][2]) if kernel else (0, 0)
slab_peak = max((k[1] for k in kernel), default=0); tcp_peak = max((k[2] for k in kernel), default=0)
with open(os.path.join(out, "summary.md"), "w") as f:
    f.write(f"# scale: {connections} connections ({commit}); {cw} client workers, {sw} server processes, sources {sources}\n\n")
    f.write(f"- status **{r['status']}**{': ' + r['statusReason'] if r.get('statusReason') else ''}; verdict {r.get('analysis', {}).get('verdict', {}).get('decision')}\n")
    f.write(f"- connections: established {c['established']:,}, failed {c['failed']:,}, dropped {c['dropped']:,}, peak open {c['peak']:,}\n")
    f.write(f"- messages: sent {m['sent']:,}, received {m['received']:,}, lost {m['lost']:,}\n")
    rtt = s["latencyMs"].get("rtt") or {}
    f.write(f"- rtt (merged) p50 {rtt.get('p50')} ms, p99 {rtt.get('p99')} ms, p99.9 {rtt.get('p999')} ms; hold p99 {hold.get('p99')} ms\n")
    f.write(f"- kernel: Slab {slab0/1024:.0f} -> peak {slab_peak/1024:.0f} MB, TCP buffers {tcp0/1024:.0f} -> peak {tcp_peak/1024:.0f} MB "
            f"({(slab_peak - slab0) * 1024 / max(1, int(connections)) / 1024:.1f} KB of Slab per connection, both ends)\n\n")
    f.write("| pid | role | peak RSS MB | CPU s |\n| --- | --- | --- | --- |\n")
    total_rss = total_cpu = 0
    for pid, p in sorted(procs.items(), key=lambda kv: (kv[1]["role"], int(kv[0]))):
        cpu = (p["ticks"] - (p["ticks0"] or 0)) / hz; total_rss += p["rss"]; total_cpu += cpu
        f.write(f"| {pid} | {p['role']} | {p['rss']/1024:.0f} | {cpu:.1f} |\n")
    f.write(f"| all | | {total_rss/1024:.0f} (sum of peaks) | {total_cpu:.1f} |\n")
print(open(os.path.join(out, "summary.md")).read())
tsv = os.path.join(os.path.dirname(out), "scale.tsv")
new = not os.path.exists(tsv)
with open(tsv, "a") as f:
    if new: f.write("date\tcommit\tconnections\tclient_workers\tserver_workers\tsources\tstatus\testablished\tfailed\tlost\trtt_p99_ms\thold_rtt_p99_ms\tsum_peak_rss_mb\tslab_delta_mb\n")
    f.write(f"{os.path.basename(out)[:16]}\t{commit}\t{connections}\t{cw}\t{sw}\t{sources}\t{r['status']}\t{c['established']}\t{c['failed']}\t{m['lost']}\t{rtt.get('p99')}\t{hold.get('p99')}\t{total_rss/1024:.0f}\t{(slab_peak-slab0)/1024:.0f}\n")
PY
