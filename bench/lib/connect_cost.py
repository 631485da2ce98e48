#!/usr/bin/env python3
"""Summary of one bench/connect-cost.sh run: client CPU per connect for each variant.

Usage: connect_cost.py OUT_DIR COMMIT [VARIANT_SUFFIX]
Reads OUT_DIR/runs.tsv (variant, connections, run, user_s, sys_s, cpu_s, connected); writes OUT_DIR/summary.md and
appends one line per variant to OUT_DIR/../connect-cost.tsv (commit, variant, ms per connect, marginal ms per connect).

Per run of -c 1000: (its CPU - the median CPU of the -c 10 runs) / (its established connections - the median
established of the -c 10 runs); the variant's figure is the median over runs. Dividing by the connections that were
established, not by 990, keeps a run on a saturated machine (connects still pending when the hold ends are
abandoned) from looking cheaper per connect; such runs are flagged in the table.

Marginal, per run i: (CPU of -c 3000 run i - CPU of -c 1000 run i) / (their established difference), the median over
runs: what one more connect costs once the connect path is compiled (blank for results without -c 3000 runs).
"""
import csv, os, statistics, sys

out, commit = sys.argv[1], sys.argv[2]
suffix = sys.argv[3] if len(sys.argv) > 3 else ""
rows = list(csv.DictReader(open(os.path.join(out, "runs.tsv")), delimiter="\t"))
variants = list(dict.fromkeys(r["variant"] for r in rows))
lines, tsv = [], []
for v in variants:
    base = [r for r in rows if r["variant"] == v and r["connections"] == "10"]
    full = [r for r in rows if r["variant"] == v and r["connections"] == "1000"]
    if not base or not full:
        continue
    base_cpu = statistics.median(float(r["cpu_s"]) for r in base)
    base_conn = statistics.median(int(r["connected"]) for r in base)
    per = [(float(r["cpu_s"]) - base_cpu) / (int(r["connected"]) - base_conn) * 1000 for r in full]
    ms = statistics.median(per)
    short = sum(1 for r in full if int(r["connected"]) < 1000)
    big = {r["run"]: r for r in rows if r["variant"] == v and r["connections"] == "3000"}
    marginal = [(float(big[r["run"]]["cpu_s"]) - float(r["cpu_s"])) / (int(big[r["run"]]["connected"]) - int(r["connected"])) * 1000
                for r in full if r["run"] in big and int(big[r["run"]]["connected"]) > int(r["connected"])]
    short += sum(1 for r in big.values() if int(r["connected"]) < 3000)
    mms = statistics.median(marginal) if marginal else None
    lines.append(
        f"| {v}{suffix} | {', '.join(r['cpu_s'] for r in base)} | {', '.join(r['cpu_s'] for r in full)} | "
        f"{', '.join(r['connected'] for r in full)} | {', '.join(f'{x:.2f}' for x in per)} | **{ms:.2f}** | "
        f"{', '.join(r['cpu_s'] for r in big.values())} | {', '.join(f'{x:.2f}' for x in marginal)} | "
        + (f"**{mms:.2f}** |" if mms is not None else " |")
        + (f" {short} runs did not establish all their connections |" if short else " |"))
    tsv.append(f"{commit}\t{v}{suffix}\t{ms:.3f}\t" + (f"{mms:.3f}" if mms is not None else ""))
with open(os.path.join(out, "summary.md"), "w") as f:
    f.write(f"# connect cost ({commit}): client CPU (user+sys) per connect\n\n")
    f.write("Per connect, first use included: 1000 connections (linear:4s, hold 1s, 0.2 msg/s, --no-warm-up) minus the same "
            "with 10; per run: (CPU - median CPU at -c 10) / (established - 10); the figure is the median over runs.\n"
            "Marginal: 3000 connections (linear:12s, the same 250 a second) minus the 1000 of the same round, per connection "
            "established beyond them; the median over runs.\n\n")
    f.write("| variant | CPU s, -c 10 | CPU s, -c 1000 | established, -c 1000 | ms per connect, each run | ms per connect (median) "
            "| CPU s, -c 3000 | marginal ms, each run | marginal ms per connect (median) | note |\n")
    f.write("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
    f.write("\n".join(lines) + "\n")
path = os.path.join(os.path.dirname(out), "connect-cost.tsv")
new = not os.path.exists(path)
with open(path, "a") as f:
    if new:
        f.write("commit\tvariant\tms_cpu_per_connect\tmarginal_ms_cpu_per_connect\n")
    f.write("\n".join(tsv) + "\n")
print(open(os.path.join(out, "summary.md")).read())
