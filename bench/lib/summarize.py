#!/usr/bin/env python3
"""Turns one benchmark result folder into summary.md and one TSV line.

Usage: summarize.py RESULT_DIR VARIANT TSV_FILE COMMIT
  RESULT_DIR holds run.json (the client's), samples.csv and sampler-meta.json (from sample_proc.py),
  machine-before.txt / machine-after.txt (uptime, top processes) and client-exit-code.txt.
  VARIANT is "demo" (1 msg/s per connection) or "idle" (--rate 0).

Alignment of the two clocks (see also sample_proc.py):
  - samples.csv's t is seconds since the client process started (exact to a clock tick, from /proc).
  - run.json's series use atSeconds, seconds since the run started; run.json's startedAt is the wall-clock
    time of that same instant (both are taken together when the engine's run object is built).
  - sampler-meta.json gives the wall-clock time of the client process start, so
      offset = startedAt - clientStart   (the process's start-up: runtime, JIT, scenario validation)
      run time of a sample = t - offset.
  The hold window is the engine's own: the 1-second series intervals that lie inside the plan's hold
  [ramp duration, ramp duration + hold] (the same intervals summary.messages.throughputPerSec is computed from),
  from the end of the interval before the first of them to the end of the last. CPU seconds at the window's
  edges are interpolated linearly between the two nearest samples.
"""
import csv
import json
import math
import statistics
import sys
from datetime import datetime
from pathlib import Path


def timespan_s(text):
    """A .NET TimeSpan as serialised in run.json ("00:00:20", "1.00:00:00", "00:00:00.5000000")."""
    days = 0
    if "." in text.split(":")[0]:
        d, text = text.split(".", 1)
        days = int(d)
    h, m, s = text.split(":")
    return days * 86400 + int(h) * 3600 + int(m) * 60 + float(s)


def interpolate(points, x):
    """Linear interpolation in (x, y) points sorted by x; clamps outside the sampled range."""
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x0 <= x <= x1:
            return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def fmt(value, digits=1):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{value:,.{digits}f}"


class Bench:
    def __init__(self, folder):
        self.folder = folder
        self.run = json.loads((folder / "run.json").read_text())
        meta = json.loads((folder / "sampler-meta.json").read_text())
        started = datetime.fromisoformat(self.run["startedAt"]).timestamp()
        self.offset = started - meta["clientStartUnix"]
        with open(folder / "samples.csv") as f:
            self.samples = [{k: float(v) if v else float("nan") for k, v in row.items()} for row in csv.DictReader(f)]
        for s in self.samples:
            s["run_t"] = s["t"] - self.offset
        plan = self.run["scenario"]["connections"]
        self.connections = plan["count"]
        self.ramp_end = timespan_s(plan["ramp"]["duration"])
        self.hold_end = self.ramp_end + timespan_s(plan["hold"])
        self.series = self.run["series"]
        prev = 0.0
        for s in self.series:  # each interval's length: from the previous interval's end to its own
            s["span"], prev = s["atSeconds"] - prev, s["atSeconds"]
        self._hold_window()

    def _hold_window(self):
        inside = [i for i, s in enumerate(self.series)
                  if s["atSeconds"] - 1 >= self.ramp_end - 0.001 and s["atSeconds"] <= self.hold_end + 0.001]
        if not inside:
            raise SystemExit("no series interval lies inside the hold: the run ended early (see run.json status)")
        first = inside[0]
        self.hold_intervals = [self.series[i] for i in inside]
        self.w0 = self.series[first - 1]["atSeconds"] if first > 0 else self.series[first]["atSeconds"] - 1
        self.w1 = self.hold_intervals[-1]["atSeconds"]

    def cpu_in_hold(self, column):
        points = [(s["run_t"], s[column]) for s in self.samples if not math.isnan(s[column])]
        return interpolate(points, self.w1) - interpolate(points, self.w0)

    def rss_in_hold(self, column):
        values = [s[column] for s in self.samples if self.w0 <= s["run_t"] <= self.w1 and not math.isnan(s[column])]
        return (statistics.median(values), max(values)) if values else (float("nan"), float("nan"))

    def client_baseline(self):
        """Client RSS before connections: the last sample from the run's start (t >= 0, runtime loaded) until the
        interval in which more than 1% of the connections were first open (the exponential ramp starts slowly)."""
        limit = max(1, self.connections // 100)
        until, prev = self.series[-1]["atSeconds"], 0.0
        for s in self.series:
            if s["openConnections"] > limit:
                until = prev
                break
            prev = s["atSeconds"]
        usable = [s for s in self.samples if not math.isnan(s["client_rss_kb"])]
        chosen = [s for s in usable if 0 <= s["run_t"] <= until] or usable[:1]
        sample = chosen[-1]
        return sample["client_rss_kb"], sample["run_t"], self.open_at(sample["run_t"])

    def server_baseline(self):
        """Server RSS before connections: the last sample before the client's run started (the server is idle)."""
        chosen = [s for s in self.samples if s["run_t"] <= 0] or [self.samples[0]]
        return chosen[-1]["server_rss_kb"], chosen[-1]["run_t"]

    def open_at(self, run_t):
        for s in self.series:
            if s["atSeconds"] >= run_t:
                return s["openConnections"]
        return self.series[-1]["openConnections"]

    def peak_connects_per_s(self):
        best, prev = 0.0, 0.0
        for s in self.series:
            span = s["atSeconds"] - prev
            if span > 0.5:  # ignore the short last interval
                best = max(best, s["connectsEstablished"] / span)
            prev = s["atSeconds"]
        return best


def read_text(folder, name):
    path = folder / name
    return path.read_text().strip() if path.exists() else "(not recorded)"


def main():
    folder, variant, tsv, commit = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), sys.argv[4]
    b = Bench(folder)
    run, summary = b.run, b.run["summary"]
    conns, msgs = summary["connections"], summary["messages"]
    seconds = b.w1 - b.w0
    hold_open = statistics.mean(s["openConnections"] for s in b.hold_intervals)
    hold_sent = sum(s["sent"] for s in b.hold_intervals)
    hold_received = sum(s["received"] for s in b.hold_intervals)
    hold_messages = hold_sent + hold_received
    # When the ramp runs late, the hold's first interval still completes connects and receives the ramp's
    # backlog of echoes; this figure leaves such intervals out (the engine's throughputPerSec does not).
    settled = [s for s in b.hold_intervals if s["connectsEstablished"] == 0 and s["connectsAttempted"] == 0]
    settled_span = sum(s["span"] for s in settled)
    settled_rate = sum(s["received"] for s in settled) / settled_span if settled else float("nan")
    rate = run["scenario"]["messages"].get("ratePerSecond") or 0
    intended = rate * b.connections

    client_cpu = b.cpu_in_hold("client_cpu_s")
    server_cpu = b.cpu_in_hold("server_cpu_s")
    other_cpu = b.cpu_in_hold("machine_busy_cpu_s") - client_cpu - server_cpu
    c_base, c_base_t, c_base_open = b.client_baseline()
    s_base, s_base_t = b.server_baseline()
    c_hold, c_max = b.rss_in_hold("client_rss_kb")
    s_hold, s_max = b.rss_in_hold("server_rss_kb")
    per_msg = (lambda cpu: cpu * 1e6 / hold_messages) if hold_messages else (lambda cpu: float("nan"))
    rtt = summary["latencyMs"].get("rtt") or {}

    figures = {
        "established": conns["established"], "failed": conns["failed"],
        "connect_rate_per_s": conns["connectRatePerSec"], "peak_established_per_s": round(b.peak_connects_per_s(), 1),
        "hold_msg_per_s": msgs["throughputPerSec"], "hold_msg_per_s_settled": round(settled_rate, 1),
        "pct_of_intended": round(100 * msgs["throughputPerSec"] / intended, 1) if intended else "",
        "client_cpu_pct_core": round(100 * client_cpu / seconds, 1),
        "client_us_per_msg": round(per_msg(client_cpu), 1) if hold_messages else "",
        "client_rss_base_mb": round(c_base / 1024, 1), "client_rss_hold_mb": round(c_hold / 1024, 1),
        "client_kb_per_conn": round((c_hold - c_base) / hold_open, 2),
        "server_cpu_pct_core": round(100 * server_cpu / seconds, 1),
        "server_us_per_msg": round(per_msg(server_cpu), 1) if hold_messages else "",
        "server_rss_base_mb": round(s_base / 1024, 1), "server_rss_hold_mb": round(s_hold / 1024, 1),
        "server_kb_per_conn": round((s_hold - s_base) / hold_open, 2),
        "other_cpu_pct_core": round(100 * other_cpu / seconds, 1),
        "rtt_p50_ms": rtt.get("p50", ""), "rtt_p99_ms": rtt.get("p99", ""), "rtt_p999_ms": rtt.get("p999", ""),
    }
    if variant == "idle":
        for key in ("hold_msg_per_s", "hold_msg_per_s_settled", "pct_of_intended", "client_us_per_msg", "server_us_per_msg",
                    "rtt_p50_ms", "rtt_p99_ms", "rtt_p999_ms"):
            figures.pop(key)

    date = folder.name[:folder.name.index("Z-") + 1] if "Z-" in folder.name else folder.name
    load = read_text(folder, "machine-before.txt").splitlines()[0]
    if not tsv.exists():
        tsv.write_text("\t".join(["date", "commit", "status"] + list(figures) + ["uptime_before"]) + "\n")
    with open(tsv, "a") as f:
        f.write("\t".join([date, commit, run["status"]] + [str(v) for v in figures.values()] + [load.strip()]) + "\n")

    md = [f"# {variant} benchmark, {folder.name}", "",
          f"Commit `{commit}`; run status **{run['status']}** (client exit code {read_text(folder, 'client-exit-code.txt')})"
          + (f": {run.get('statusReason')}" if run.get("statusReason") else "") + ".",
          f"Machine: {run['environment']['processorCount']} cores, {run['environment']['os']}, "
          f"{run['environment']['runtime']}. Client and server share the cores.", "",
          "Command: `" + run["environment"]["commandLine"] + "`", "",
          "## Figures", "", "| figure | value |", "|---|---|",
          f"| connections established / failed | {conns['established']:,} / {conns['failed']:,} |",
          f"| connect rate (run.json connectRatePerSec: first attempt to last success) | {fmt(conns['connectRatePerSec'])}/s |",
          f"| ramp's peak established per second (1-s series) | {fmt(b.peak_connects_per_s())}/s |"]
    if variant != "idle":
        md += [f"| hold msg/s received (run.json throughputPerSec) | {fmt(msgs['throughputPerSec'])} "
               f"({fmt(100 * msgs['throughputPerSec'] / intended)} % of the intended {intended:,.0f}/s) |",
               f"| messages in the hold window: sent / received | {hold_sent:,} / {hold_received:,} |",
               f"| hold msg/s received, only intervals with no connect still completing ({len(settled)} of "
               f"{len(b.hold_intervals)}) | {fmt(settled_rate)} |"]
    md += [f"| client CPU in the hold | {fmt(100 * client_cpu / seconds)} % of one core ({fmt(client_cpu, 2)} s in {fmt(seconds, 2)} s) |"]
    if variant != "idle":
        md += [f"| client CPU per message in the hold | {fmt(per_msg(client_cpu))} µs |"]
    md += [f"| client RSS at start (t={fmt(c_base_t)} s, {c_base_open:,} open) | {fmt(c_base / 1024)} MB |",
           f"| client RSS in the hold: median (max) | {fmt(c_hold / 1024)} MB ({fmt(c_max / 1024)} MB) |",
           f"| client RSS per connection | {fmt((c_hold - c_base) / hold_open, 2)} KB |",
           f"| server CPU in the hold | {fmt(100 * server_cpu / seconds)} % of one core ({fmt(server_cpu, 2)} s) |"]
    if variant != "idle":
        md += [f"| server CPU per message in the hold | {fmt(per_msg(server_cpu))} µs |"]
    md += [f"| server RSS at start (t={fmt(s_base_t)} s, before the client's run) | {fmt(s_base / 1024)} MB |",
           f"| server RSS in the hold: median (max) | {fmt(s_hold / 1024)} MB ({fmt(s_max / 1024)} MB) |",
           f"| server RSS per connection | {fmt((s_hold - s_base) / hold_open, 2)} KB |",
           f"| CPU used by other processes in the hold | {fmt(100 * other_cpu / seconds)} % of one core |"]
    if variant != "idle":
        md += [f"| rtt p50 / p99 / p99.9 (whole run, run.json) | {rtt.get('p50')} / {rtt.get('p99')} / {rtt.get('p999')} ms |"]
    md += ["", "## Definitions", "",
           f"- Hold window: run time {fmt(b.w0, 3)} s to {fmt(b.w1, 3)} s ({len(b.hold_intervals)} one-second series "
           f"intervals inside the plan's hold {fmt(b.ramp_end)}–{fmt(b.hold_end)} s; mean open connections {fmt(hold_open, 0)}).",
           f"- Clock alignment: the client's run started {fmt(b.offset, 3)} s after its process started (run.json "
           "startedAt minus the process start time read from /proc); samples are shifted by that to the series' atSeconds.",
           "- CPU % = CPU seconds (utime+stime from /proc/PID/stat) consumed between the window's edges (interpolated "
           "between 0.5 s samples) ÷ window seconds, as % of one core (the machine has 2, so 200 % is all of it).",
           "- CPU per message = CPU seconds in the window ÷ (messages sent + messages received by the client in the "
           "window's series intervals); the server's figure uses the same count (it receives and echoes each one).",
           "- RSS at start: client — the last sample after its run started and before more than 1 % of the connections "
           "were open; server — the last sample before the client's run started. RSS in the hold: the median of the "
           "samples in the window. RSS per connection = (hold median − start) ÷ mean open connections in the hold.",
           "- Other processes = whole-machine non-idle CPU (/proc/stat) minus client and server, in the same window.",
           "", "## Machine load", "", "Before the run:", "", "```", read_text(folder, "machine-before.txt"), "```", "",
           "After the run:", "", "```", read_text(folder, "machine-after.txt"), "```", ""]
    (folder / "summary.md").write_text("\n".join(md))
    print("\n".join(md[:md.index("## Definitions")]))


if __name__ == "__main__":
    main()
