#!/usr/bin/env bash
# Kernel memory per loopback WebSocket connection, both ends (issue 13, acceptance 5: the kernel line of `wsload plan`).
# Runs `wsload demo` (client and embedded server on this machine) with N connections held, and samples every second
# the kernel's Slab (/proc/meminfo) and TCP buffer pages and sockets in use (/proc/net/sockstat), from before the run
# to its end. The figure: (Slab + TCP buffers) in the hold less before, divided by the connections the sockets in use
# show (two sockets each on loopback), as the median over the hold's samples with all connections open.
# Results: bench/results/<date>-kernel-memory/ (samples.tsv, console.txt, summary.md) and one line in
# bench/results/kernel-memory.tsv. Other load on the machine moves Slab too: run it on a quiet machine.
#
#   bench/kernel-memory.sh                 5,000 connections, linear 5 s ramp, 20 s hold, 1 msg/s each
#   bench/kernel-memory.sh -c 2000 --rate 0
set -euo pipefail
cd "$(dirname "$0")/.."

connections=5000
hold="20s"
rate="1/s"
while (($#)); do
  case "$1" in
    -c | --connections) connections="$2"; shift ;;
    --hold) hold="$2"; shift ;;
    --rate) rate="$2"; shift ;;
    *) echo "usage: $0 [-c N] [--hold DURATION] [--rate RATE]" >&2; exit 2 ;;
  esac
  shift
done

dotnet build src/WsLoad.Cli -c Release --nologo -v q >/dev/null
dll=src/WsLoad.Cli/bin/Release/net10.0/wsload.dll
commit=$(git rev-parse --short HEAD)$([ -n "$(git status --porcelain -- src)" ] && echo -dirty || true)
out="bench/results/$(date -u +%Y-%m-%dT%H%M%SZ)-kernel-memory"
mkdir -p "$out"

# time, Slab kB, TCP buffer kB (sockstat counts 4 KiB pages), TCP sockets in use
(
  while true; do
    slab=$(awk '/^Slab:/ {print $2}' /proc/meminfo)
    read -r tcp inuse < <(awk '/^TCP:/ {for (i = 1; i <= NF; i++) { if ($i == "mem") m = $(i + 1) * 4; if ($i == "inuse") u = $(i + 1) } print m, u}' /proc/net/sockstat)
    echo -e "$(date +%s)\t$slab\t$tcp\t$inuse"
    sleep 1
  done
) >"$out/samples.tsv" &
sampler_pid=$!
trap 'kill "$sampler_pid" 2>/dev/null || true' EXIT
sleep 3 # a few samples before the run

set +e
timeout --signal=INT --kill-after=30s 300s dotnet "$dll" demo -c "$connections" --ramp linear:5s --hold "$hold" --rate "$rate" \
  --report none --quiet --out "$out" >"$out/console.txt" 2>&1
echo "exit $?" >>"$out/console.txt"
set -e
sleep 1
kill "$sampler_pid" 2>/dev/null || true
tail -n 2 "$out/console.txt"

python3 - "$out" "$commit" "$connections" "$rate" <<'PY'
import os, statistics, sys
out, commit, connections, rate = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
rows = [tuple(int(x) for x in line.split("\t")) for line in open(os.path.join(out, "samples.tsv")) if line.strip()]
t0, slab0, tcp0, inuse0 = rows[0]
# The hold: samples with (nearly) all connections open, two loopback sockets each.
hold = [r for r in rows if (r[3] - inuse0) >= 2 * connections * 0.99]
per_conn = [((r[1] - slab0) + (r[2] - tcp0)) * 1024 / ((r[3] - inuse0) / 2) for r in hold]
slab_only = [(r[1] - slab0) * 1024 / ((r[3] - inuse0) / 2) for r in hold]
if not per_conn:
    sys.exit("no sample with all connections open; see samples.tsv")
kb = statistics.median(per_conn) / 1024
slab_kb = statistics.median(slab_only) / 1024
tcp_kb = max(r[2] for r in hold) - tcp0
with open(os.path.join(out, "summary.md"), "w") as f:
    f.write(f"# kernel memory: {connections} loopback connections ({commit}), {rate} each\n\n")
    f.write(f"- before: Slab {slab0/1024:.0f} MB, TCP buffers {tcp0} kB, {inuse0} TCP sockets in use\n")
    f.write(f"- hold: {len(hold)} samples with all connections open; TCP buffers up to {tcp_kb} kB above before\n")
    f.write(f"- **{kb:.1f} KB per connection, both ends** (median; Slab alone {slab_kb:.1f} KB)\n")
tsv = "bench/results/kernel-memory.tsv"
new = not os.path.exists(tsv)
with open(tsv, "a") as f:
    if new:
        f.write("date\tcommit\tconnections\trate\thold_samples\tslab_kb_per_conn\tkernel_kb_per_conn\n")
    f.write(f"{os.path.basename(out)[:18]}\t{commit}\t{connections}\t{rate}\t{len(hold)}\t{slab_kb:.2f}\t{kb:.2f}\n")
print(open(os.path.join(out, "summary.md")).read())
PY
