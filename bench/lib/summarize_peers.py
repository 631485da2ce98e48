#!/usr/bin/env python3
"""The comparison table of one compare-peers run (markdown on stdout) from each run folder's metrics.json.

Usage: summarize_peers.py RESULTS_DIR CONNECTIONS FAST_CONNECTIONS
Ratios are WsLoad's figure divided by the peer's (for costs, below 1 is WsLoad cheaper; for rates, above 1 is
WsLoad faster).
"""
import json
import os
import sys

TOOLS = ("wsload", "artillery", "tsung")
NAMES = {"wsload": "WsLoad", "artillery": "Artillery", "tsung": "Tsung"}


def load(out, scenario, tool):
    run = os.path.join(out, f"{scenario}-{tool}")
    for name in ("metrics.json", "skipped.txt"):
        path = os.path.join(run, name)
        if os.path.exists(path):
            with open(path) as f:
                return json.load(f) if name.endswith(".json") else {"skipped": f.read().strip()}
    return {"skipped": "not run"} if not os.path.isdir(run) else {"skipped": "no metrics (see the run folder)"}


def fmt(v, digits=1):
    if v is None:
        return "—"
    if isinstance(v, (int, float)) and abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:.{digits}f}" if isinstance(v, float) else str(v)


def latency_text(m):
    lat = m.get("latencyReported")
    if not lat:
        return "none"
    if m["tool"] == "wsload":
        return "; ".join(f"{k} p50 {v.get('p50')} / p90 {v.get('p90')} / p99 {v.get('p99')} / p99.9 {v.get('p999')} ms"
                         for k, v in lat.items())
    if m["tool"] == "tsung":
        r = lat["request"]
        return f"mean {r['mean']} ms (max {r['max']} ms), {r['count']:,} requests"
    return "; ".join(f"{k}: p50 {v.get('p50')} p99 {v.get('p99')}" for k, v in lat.items())


def cell(m, key, digits=1, scale=1.0):
    if "skipped" in m:
        return None, m["skipped"]
    v = m.get(key)
    if v is None:
        return None, "—"
    v = v * scale
    note = ""
    if m.get("accepted", m["target"]) < m["target"] or m.get("exitCode") not in (0, None) or m.get("stoppedBy"):
        note = f" ({m['accepted']:,}/{m['target']:,} conns, exit {m.get('exitCode')}{', ' + m['stoppedBy'] if m.get('stoppedBy') else ''})"
    if key == "msgPerSec" and (m.get("serverCpuPercent") or 0) >= SERVER_BOUND_PERCENT:
        note += f" (server-bound: the echo server used {m['serverCpuPercent']:.0f}% of its one core)"
    return v, fmt(v, digits) + note


# The Node.js echo server runs on one thread: at this share of one core it, not the client, sets the message rate, and
# a rate ratio against a client-bound peer says more about the server than about the client.
SERVER_BOUND_PERCENT = 90.0


ROWS = [
    ("1. {n} conns held idle: client RSS per connection, KB (tree RSS in the hold ÷ open conns)", "idle", "clientRssPerConnKb", 1, 1.0),
    ("1. same: RSS per connection above the tool's own RSS holding 1 connection, KB", "idle", "clientRssPerConnAboveOneKb", 1, 1.0),
    ("1. same: client CPU while idle, % of one core", "idle", "clientCpuPercent", 1, 1.0),
    ("2. {n} conns × 1 msg/s, 100 B echoed: client CPU per message, µs", "rate", "clientCpuUsPerMsg", 1, 1.0),
    ("2. same: echoes/s at the server in the window", "rate", "msgPerSec", 0, 1.0),
    ("2. same: client peak RSS, MB (whole run)", "rate", "clientPeakRssKb", 0, 1 / 1024),
    ("3. connect rate to {n} (burst), conns/s (server-side: first to last upgrade)", "idle", "connectRatePerSec", 0, 1.0),
    ("4. {f} conns, one in flight each: msg/s", "closed-loop", "msgPerSec", 0, 1.0),
    ("4. same: client CPU per message, µs", "closed-loop", "clientCpuUsPerMsg", 1, 1.0),
    ("4. same: echo server CPU per message, µs", "closed-loop", "serverCpuUsPerMsg", 1, 1.0),
    ("5. {f} conns pipelined: msg/s reaching the server", "pipelined", "msgPerSec", 0, 1.0),
    ("5. same: client CPU per message, µs", "pipelined", "clientCpuUsPerMsg", 1, 1.0),
]


def main():
    out, n, f = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    runs = {(s, t): load(out, s, t) for s in ("idle1", "idle", "rate", "closed-loop", "pipelined") for t in TOOLS}
    for m in runs.values():  # what the shared server spent per echo: the rate it can give any client is about 1e6 / this
        if m.get("serverCpuPercent") is not None and m.get("msgPerSec"):
            m["serverCpuUsPerMsg"] = round(m["serverCpuPercent"] / 100 * 1e6 / m["msgPerSec"], 2)
    for t in TOOLS:  # what a connection adds: scenario 1's hold RSS less the same tool's hold RSS with one connection
        idle, one = runs[("idle", t)], runs[("idle1", t)]
        if idle.get("clientRssHoldKb") and one.get("clientRssHoldKb") and idle.get("peakOpen"):
            idle["clientRssPerConnAboveOneKb"] = round((idle["clientRssHoldKb"] - one["clientRssHoldKb"]) / idle["peakOpen"], 2)
            idle["clientRssOneConnKb"] = one["clientRssHoldKb"]
    print(f"# WsLoad vs Artillery vs Tsung — {os.path.basename(out)}\n")
    for name in ("versions.txt",):
        path = os.path.join(out, name)
        if os.path.exists(path):
            print("Tools: " + "; ".join(line.strip() for line in open(path) if line.strip()) + "\n")
    print("Same machine, same Node.js `ws` echo server (tests/node-echo/echo.js, a fresh one per run), one tool at a "
          "time. Client figures are the whole process tree of each tool (Artillery's workers, Tsung's Erlang VM).\n")
    print("| scenario | WsLoad | Artillery | Tsung | WsLoad ÷ Artillery | WsLoad ÷ Tsung |")
    print("|---|---|---|---|---|---|")
    for label, scenario, key, digits, scale in ROWS:
        values = {t: cell(runs[(scenario, t)], key, digits, scale) for t in TOOLS}
        ratios = []
        for peer in ("artillery", "tsung"):
            w, p = values["wsload"][0], values[peer][0]
            ratios.append(f"{w / p:.2f}×" if w is not None and p not in (None, 0) else "—")
        print(f"| {label.format(n=f'{n:,}', f=f)} | " + " | ".join(values[t][1] for t in TOOLS) + " | "
              + " | ".join(ratios) + " |")
    lat = {t: latency_text(runs[("rate", t)]) if "skipped" not in runs[("rate", t)] else runs[("rate", t)]["skipped"]
           for t in TOOLS}
    print(f"| 2. same: latency reported by the tool | " + " | ".join(lat[t] for t in TOOLS) + " | | |")
    print("\n## Each run\n")
    print("| run | exit | stopped | wall s | conns accepted / peak open | window s | msg/s | client CPU % | "
          "server CPU % | other CPU % | peak RSS MB | client processes |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for (s, t), m in runs.items():
        if "skipped" in m:
            print(f"| {s}-{t} | skipped: {m['skipped']} |||||||||||")
            continue
        w = m.get("window", {})
        print(f"| {s}-{t} | {m['exitCode']} | {m['stoppedBy'] or ''} | {m['wallS']} | {m['accepted']:,} / "
              f"{m['peakOpen']:,} | {w.get('seconds', '—')} {w.get('note', '')} | {fmt(m.get('msgPerSec'), 0)} | "
              f"{fmt(m.get('clientCpuPercent'))} | {fmt(m.get('serverCpuPercent'))} | {fmt(m.get('otherCpuPercent'))} | "
              f"{m['clientPeakRssKb'] // 1024} | {', '.join(m['clientProcesses'])} |")
    print("""
## How to read it

- Scenarios 1 and 3 are one run per tool: {n} connections opened as fast as the tool can (WsLoad `--ramp burst`;
  Artillery: all arrivals within 1 s; Tsung: arrival rate {n}/s), then held idle {hold}.
- Messages are counted at the server (bench/peers/echo-counter.js, preloaded into the unchanged echo.js), the same
  way for every tool. CPU per message = the tool tree's CPU in the steady window ÷ the server's echoes in it (one
  message sent and its echo received). The window: all connections open (+ a settle time) until the first closes.
- RSS is the sum of VmRSS over the tool's process tree (shared pages count once per process, as `ps` shows them).
- Artillery's ws engine cannot pipeline and reports no message latency; its "pipelined" run sends without
  waiting for echoes (each send waits for its socket write only). Tsung's closed-loop and rate runs wait for each
  echo (ack="parse", what Tsung times: mean only); its pipelined run uses ack="no_ack".
- "other CPU" is what everything else on the machine used in the window (other engineers' builds): on a 2-core
  machine shared with other work, compare figures from the same run only.
- Raw data: one folder per run (`<scenario>-<tool>/`): client-samples.csv and server-samples.csv (run_tree.py, every
  0.25 s), server-counts.csv (echo-counter.js, every 0.25 s), the config or command, the tool's own output, and
  metrics.json (the figures above).""".format(n=f"{n:,}", hold="as configured (see command.txt / the configs)"))


if __name__ == "__main__":
    main()
