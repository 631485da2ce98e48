"""Summarises bench/node-echo-ab.sh: one row per run, CPU per message by phase, GC pauses, hold rtt, verdict."""
import json
import os
import re
import sys
from collections import defaultdict
from statistics import median

out = sys.argv[1]
config = open(os.path.join(out, "CONFIG.md")).read()
rows, totals = [], defaultdict(list)
names = sorted((n for n in os.listdir(out) if os.path.isdir(os.path.join(out, n)) and re.fullmatch(r"[AB]\d+", n)),
               key=lambda n: (int(n[1:]), n[0]))
for name in names:
    run = json.load(open(os.path.join(out, name, "run.json")))
    timing = open(os.path.join(out, f"{name}.time.txt")).read()

    def field(label):
        return float(re.search(re.escape(label) + r": ([\d.]+)", timing).group(1))

    cpu = field("User time (seconds)") + field("System time (seconds)")
    messages = run["summary"]["messages"]["received"]
    phase_cpu, phase_msgs, gc_max = defaultdict(float), defaultdict(int), defaultdict(float)
    for second in run["series"]:
        phase = second["phase"]
        phase_cpu[phase] += second["generator"]["cpuPercent"] / 100
        phase_msgs[phase] += second["received"]
        gc_max[phase] = max(gc_max[phase], second["generator"]["gcPauseMs"])
    hold = run["phases"]["hold"]["rtt"]
    us = cpu / messages * 1e6
    totals[name[0]].append(us)
    rows.append(
        f"| {name} | {cpu:.2f} | {messages:,} | {us:.1f} | {phase_cpu['ramp-up']:.2f} | "
        f"{phase_cpu['hold'] / max(phase_msgs['hold'], 1) * 1e6:.1f} | {field('Maximum resident set size (kbytes)') / 1024:.0f} | "
        f"{gc_max['ramp-up']:.0f} / {gc_max['hold']:.0f} / {gc_max['closing']:.0f} | "
        f"{hold['p50']:.3f} / {hold['p99']:.2f} / {hold['p999']:.2f} | {run['analysis']['verdict']['decision']} |")

print("# node-echo A/B\n")
print(config)
print("| run | process CPU s | messages | µs/msg | ramp CPU s | hold µs/msg | peak RSS MB | max GC pause ms ramp / hold / closing | hold rtt p50 / p99 / p99.9 ms | verdict |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
print("\n".join(rows))
print()
for variant in sorted(totals):
    print(f"- {variant}: median {median(totals[variant]):.1f} µs per message over {len(totals[variant])} runs")
