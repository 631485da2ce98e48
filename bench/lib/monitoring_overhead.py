"""Summarises bench/monitoring-overhead.sh: CPU per message with live monitoring off and on, per run and by median."""
import json
import os
import re
import sys
from statistics import median

out = sys.argv[1]
rows, totals, holds = [], {"OFF": [], "ON": []}, {"OFF": [], "ON": []}
names = sorted((n for n in os.listdir(out) if os.path.isdir(os.path.join(out, n)) and re.fullmatch(r"(OFF|ON)\d+", n)),
               key=lambda n: (int(re.sub(r"\D", "", n)), n.startswith("ON")))
for name in names:
    variant = re.sub(r"\d", "", name)
    run = json.load(open(os.path.join(out, name, "run.json")))
    timing = open(os.path.join(out, f"{name}.time.txt")).read()

    def field(label):
        return float(re.search(re.escape(label) + r": ([\d.]+)", timing).group(1))

    cpu = field("User time (seconds)") + field("System time (seconds)")
    received = run["summary"]["messages"]["received"]
    hold_cpu = sum(s["generator"]["cpuPercent"] / 100 for s in run["series"] if s["phase"] == "hold")
    hold_msgs = sum(s["received"] for s in run["series"] if s["phase"] == "hold")
    us, hold_us = cpu / received * 1e6, hold_cpu / max(hold_msgs, 1) * 1e6
    totals[variant].append(us)
    holds[variant].append(hold_us)
    sinks = ", ".join(f"{s['name']} {s['delivered']}/{s['dropped']}/{s['failed']}" for s in run.get("sinks", [])) or "-"
    scraped = "-"
    path = os.path.join(out, f"{name}.prometheus-received.json")
    if os.path.exists(path):
        try:
            result = json.load(open(path))["data"]["result"]
            scraped = f"{float(result[0]['value'][1]):,.0f}" if result else "none"
        except (ValueError, KeyError):
            scraped = "unreadable"
    rows.append(f"| {name} | {cpu:.2f} | {received:,} | {us:.1f} | {hold_us:.1f} | {field('Maximum resident set size (kbytes)') / 1024:.0f} | "
                f"{run['phases']['hold']['rtt']['p99']:.2f} | {run['analysis']['verdict']['decision']} | {sinks} | {scraped} |")

print("# Live monitoring overhead\n")
print(open(os.path.join(out, "CONFIG.md")).read())
print("| run | process CPU s | received | µs/msg | hold µs/msg | peak RSS MB | hold rtt p99 ms | verdict | sinks delivered/dropped/failed | Prometheus's received at the end |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
print("\n".join(rows))
print()
if totals["OFF"] and totals["ON"]:
    off, on = median(totals["OFF"]), median(totals["ON"])
    hold_off, hold_on = median(holds["OFF"]), median(holds["ON"])
    print(f"- whole run: OFF median {off:.1f} µs per message, ON {on:.1f}: {100 * (on / off - 1):+.1f}%")
    print(f"- hold only: OFF median {hold_off:.1f} µs per message, ON {hold_on:.1f}: {100 * (hold_on / hold_off - 1):+.1f}%")
    print(f"- acceptance (at most +10% CPU per message, whole run): {'met' if on <= 1.10 * off else 'NOT met'}")
