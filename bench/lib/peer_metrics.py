#!/usr/bin/env python3
"""Figures of one compare-peers run, from its raw files; writes RUN_DIR/metrics.json.

Usage: peer_metrics.py RUN_DIR SCENARIO TOOL CONNECTIONS

Inputs (all in RUN_DIR): server-counts.csv (bench/peers/echo-counter.js: what the echo server saw),
client-samples.csv / client-result.json and server-samples.csv (bench/lib/run_tree.py: the tool's and the server's
process trees), and the tool's own output (wsload: client.stdout = its JSON summary; Artillery: artillery-report.json;
Tsung: tsung-log/*/tsung.log). All files share one clock (unix seconds).

The steady window, the same rule for every tool: from the moment the server has all connections open (its `open`
count at its peak), plus a settle time (2 s; in closed-loop/pipelined runs the connections' own wait before
sending, + 1 s), to 0.5 s before the first connection closes. Messages are the server's echoes in that window;
CPU is the tool's whole process tree in that window (values read between samples are interpolated).
"""
import csv
import glob
import json
import os
import sys


def rows(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [{k: float(v) if v not in ("", None) else 0.0 for k, v in r.items()} for r in csv.DictReader(f)]


def at(series, key, t):
    """Value of series[key] at time t, linear between samples (clamped at the ends)."""
    if not series:
        return None
    if t <= series[0]["unix_s"]:
        return series[0][key]
    for a, b in zip(series, series[1:]):
        if a["unix_s"] <= t <= b["unix_s"]:
            span = b["unix_s"] - a["unix_s"]
            return a[key] if span <= 0 else a[key] + (b[key] - a[key]) * (t - a["unix_s"]) / span
    return series[-1][key]


def latency(run_dir, tool):
    if tool == "wsload":
        try:
            with open(os.path.join(run_dir, "client.stdout")) as f:
                lat = json.load(f)["summary"]["latencyMs"]
            out = {}
            for name in ("rtt", "response"):
                if name in lat and lat[name].get("count"):
                    out[name] = {k: lat[name][k] for k in ("p50", "p90", "p99", "p999", "mean") if k in lat[name]}
            return out or None
        except (OSError, ValueError, KeyError):
            return None
    if tool == "artillery":
        try:
            with open(os.path.join(run_dir, "artillery-report.json")) as f:
                agg = json.load(f).get("aggregate", {})
            names = [k for k in agg.get("summaries", {}) if "websocket" in k or k.startswith("ws.")]
            return {k: agg["summaries"][k] for k in names} or None
        except (OSError, ValueError):
            return None
    if tool == "tsung":
        total, weighted, peak = 0, 0.0, 0.0
        for log in glob.glob(os.path.join(run_dir, "tsung-log", "*", "tsung.log")):
            with open(log) as f:
                for line in f:
                    parts = line.split()
                    if len(parts) >= 6 and parts[:2] == ["stats:", "request"]:
                        n, mean = int(parts[2]), float(parts[3])
                        total += n
                        weighted += n * mean
                        peak = max(peak, float(parts[5]))
        return {"request": {"mean": round(weighted / total, 3), "max": peak, "count": total}} if total else None
    return None


def main():
    run_dir, scenario, tool, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    server = rows(os.path.join(run_dir, "server-counts.csv"))
    client = rows(os.path.join(run_dir, "client-samples.csv"))
    server_proc = rows(os.path.join(run_dir, "server-samples.csv"))
    with open(os.path.join(run_dir, "client-result.json")) as f:
        result = json.load(f)
    m = {"scenario": scenario, "tool": tool, "target": n, "exitCode": result["exitCode"],
         "stoppedBy": result["stoppedBy"], "wallS": result["wallS"], "clientCpuTotalS": result["treeCpuS"],
         "clientPeakRssKb": result["peakTreeRssKb"], "clientProcesses": result["processNames"],
         "latencyReported": latency(run_dir, tool)}
    peak_open = max((r["open"] for r in server), default=0)
    m["accepted"] = int(max((r["accepted"] for r in server), default=0))
    m["peakOpen"] = int(peak_open)
    first = next((r["first_accept_unix"] for r in server if r["first_accept_unix"] > 0), None)
    all_in = next((r for r in server if r["accepted"] >= n), None)
    if first and all_in:
        m["connectSeconds"] = round(all_in["last_accept_unix"] - first, 3)
        m["connectRatePerSec"] = round(n / max(m["connectSeconds"], 1e-3), 1)
    elif first:
        last = server[-1]
        m["connectSeconds"] = round(last["last_accept_unix"] - first, 3)
        m["connectRatePerSec"] = round(last["accepted"] / max(m["connectSeconds"], 1e-3), 1)
    if peak_open <= 0 or not client:
        with open(os.path.join(run_dir, "metrics.json"), "w") as f:
            json.dump(m, f, indent=1)
        return
    settle = 2.0 if scenario in ("idle", "idle1", "rate") else 4.0
    top = next(i for i, r in enumerate(server) if r["open"] >= peak_open)
    end = next((r["unix_s"] for r in server[top:] if r["open"] < peak_open), server[-1]["unix_s"])
    start, end = server[top]["unix_s"] + settle, end - 0.5
    m["window"] = {"fromUnix": round(start, 3), "toUnix": round(end, 3), "seconds": round(end - start, 3)}
    if end - start < 2:
        m["window"]["note"] = "shorter than 2 s: figures of this window left out"
    else:
        dur = end - start
        msgs = at(server, "echoed", end) - at(server, "echoed", start)
        cpu = at(client, "tree_cpu_s", end) - at(client, "tree_cpu_s", start)
        srv_cpu = at(server_proc, "tree_cpu_s", end) - at(server_proc, "tree_cpu_s", start) if server_proc else None
        busy = at(client, "machine_busy_cpu_s", end) - at(client, "machine_busy_cpu_s", start)
        in_window = [r["tree_rss_kb"] for r in client if start <= r["unix_s"] <= end]
        before = [r["tree_rss_kb"] for r in client if first and r["unix_s"] < first]
        rss_hold = sorted(in_window)[len(in_window) // 2] if in_window else None
        m.update({
            "messagesInWindow": int(msgs), "msgPerSec": round(msgs / dur, 1),
            "clientCpuPercent": round(100 * cpu / dur, 1),
            "clientCpuUsPerMsg": round(cpu * 1e6 / msgs, 2) if msgs > 0 else None,
            "serverCpuPercent": round(100 * srv_cpu / dur, 1) if srv_cpu is not None else None,
            "otherCpuPercent": round(100 * (busy - cpu - (srv_cpu or 0)) / dur, 1),
            "clientRssHoldKb": rss_hold, "clientRssBeforeConnectKb": before[-1] if before else None,
        })
        if rss_hold:
            m["clientRssPerConnKb"] = round(rss_hold / peak_open, 2)
            if before:
                m["clientRssPerConnAboveStartKb"] = round((rss_hold - before[-1]) / peak_open, 2)
    with open(os.path.join(run_dir, "metrics.json"), "w") as f:
        json.dump(m, f, indent=1)
    print(f"   {scenario}/{tool}: accepted {m['accepted']}, connect {m.get('connectRatePerSec')}/s, "
          f"{m.get('msgPerSec')} msg/s, client {m.get('clientCpuPercent')}% ({m.get('clientCpuUsPerMsg')} us/msg), "
          f"peak RSS {m['clientPeakRssKb'] // 1024} MB")


if __name__ == "__main__":
    main()
