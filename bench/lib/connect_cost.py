#!/usr/bin/env python3
"""Summary of one bench/connect-cost.sh run: client CPU per connect for each variant.

Usage: connect_cost.py OUT_DIR COMMIT [VARIANT_SUFFIX]
Reads OUT_DIR/runs.tsv (variant, connections, run, user_s, sys_s, cpu_s, connected); writes OUT_DIR/summary.md and
appends one line per variant to OUT_DIR/../connect-cost.tsv (commit, variant, ms per connect).

Per run of -c 1000: (its CPU - the median CPU of the -c 10 runs) / (its established connections - the median
established of the -c 10 runs); the variant's figure is the median over runs. Dividing by the connections that were
established, not by 990, keeps a run on a saturated machine (connects still pending when the hold ends are
abandoned) from looking cheaper per connect; such runs are flagged in the table.
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
    lines.append(
        f"| {v}{suffix} | {', '.join(r['cpu_s'] for r in base)} | {', '.join(r['cpu_s'] for r in full)} | "
        f"{', '.join(r['connected'] for r in full)} | {', '.join(f'{x:.2f}' for x in per)} | **{ms:.2f}** |"
        + (f" {short} of {len(full)} runs did not establish all 1000 |" if short else " |"))
    tsv.append(f"{commit}\t{v}{suffix}\t{ms:.3f}")
with open(os.path.join(out, "summary.md"), "w") as f:
    f.write(f"# connect cost ({commit}): client CPU (user+sys) per connect\n\n")
    f.write("1000 connections (linear:4s, hold 1s, 0.2 msg/s, --no-warm-up) minus the same with 10; per run: "
            "(CPU - median CPU at -c 10) / (established - 10); the figure is the median over runs.\n\n")
    f.write("| variant | CPU s, -c 10 | CPU s, -c 1000 | established, -c 1000 | ms per connect, each run | ms per connect (median) | note |\n")
    f.write("| --- | --- | --- | --- | --- | --- | --- |\n")
    f.write("\n".join(lines) + "\n")
path = os.path.join(os.path.dirname(out), "connect-cost.tsv")
new = not os.path.exists(path)
with open(path, "a") as f:
    if new:
        f.write("commit\tvariant\tms_cpu_per_connect\n")
    f.write("\n".join(tsv) + "\n")
print(open(os.path.join(out, "summary.md")).read())
