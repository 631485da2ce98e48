#!/usr/bin/env python3
"""Figures of one bench/burst-memory.sh run: client VmRSS in the hold and at its peak, the heap-compacted event.

Usage: burst_memory_metrics.py OUT_DIR [BASE_KB]   (BASE_KB: the client's RSS holding one connection, for KB/conn above it)
The hold window is the rss.csv samples from 8 s after the client started until 3 s before it exited (a burst to
10,000 connections takes 1-3 s here; the ramp-down is 0 and closing takes ~1 s)."""
import json, os, statistics, sys

out = sys.argv[1]
base_kb = float(sys.argv[2]) if len(sys.argv) > 2 else None
rows = []
with open(os.path.join(out, "rss.csv")) as f:
    next(f)
    for line in f:
        t, rss, hwm = line.strip().split(",")
        rows.append((float(t), int(rss), int(hwm)))
run = json.load(open(os.path.join(out, "run.json")))
summary = run["summary"]
opened = max((s["openConnections"] for s in run["series"]), default=0)
end = rows[-1][0]
hold = [r for r in rows if 8 <= r[0] <= end - 3]
m = {
    "status": run["status"],
    "peakOpen": opened,
    "holdSamples": len(hold),
    "rssHoldMedianKb": statistics.median(r[1] for r in hold),
    "rssHoldFirstKb": hold[0][1],
    "rssHoldLastKb": hold[-1][1],
    "rssHoldMaxKb": max(r[1] for r in hold),
    "peakRssKb": max(r[2] for r in rows),
}
if opened:
    m["kbPerConn"] = round(m["rssHoldMedianKb"] / opened, 2)
    if base_kb:
        m["kbPerConnAboveBase"] = round((m["rssHoldMedianKb"] - base_kb) / opened, 2)
events = [e for e in run.get("events", []) if e["kind"] == "heap-compacted"]
if events:
    e = events[0]
    m["compactedAtS"] = e["atSeconds"]
    m["compactPauseMs"] = round(e.get("durationSeconds", 0) * 1000, 1)
    m["compactDescription"] = e["description"]
gc = [s["generator"] for s in run["series"] if s.get("generator")]
m["maxGcPauseMsPerInterval"] = max((g.get("gcPauseMs", 0) for g in gc), default=0)
print(json.dumps(m))
