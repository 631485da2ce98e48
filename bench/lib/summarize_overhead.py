#!/usr/bin/env python3
"""Turns one latency-overhead result folder into summary.md and one TSV line.

Usage: summarize_overhead.py RESULT_DIR TSV_FILE COMMIT
  RESULT_DIR holds run.json (wsload's), baseline.json (raw-echo's), wsload-cpu.txt / baseline-cpu.txt
  ("client_cpu_s machine_busy_cpu_s wall_s server_cpu_s" over each client's lifetime), *-exit-code.txt and
  machine-before.txt / machine-after.txt (uptime, busiest processes).
"""
import json
import sys
from pathlib import Path

PERCENTILES = ("p50", "p90", "p99")


def first_line(path):
    return path.read_text().splitlines()[0].strip() if path.exists() else "n/a"


def cpu(folder, name):
    client, machine, wall, server = (float(x) for x in (folder / f"{name}-cpu.txt").read_text().split())
    return {"client": client, "machine": machine, "wall": wall, "server": server,
            "other": machine - client - server}


def main(folder, tsv, commit):
    run = json.loads((folder / "run.json").read_text())
    base = json.loads((folder / "baseline.json").read_text())
    tool_rtt = run["summary"]["latencyMs"]["rtt"]
    tool_response = run["summary"]["latencyMs"].get("response", {})
    base_rtt = base["rttMs"]
    diff = {p: tool_rtt[p] - base_rtt[p] for p in PERCENTILES + ("p999", "mean")}
    messages = run["summary"]["messages"]
    load = {name: cpu(folder, name) for name in ("wsload", "baseline")}
    date = folder.name.removesuffix("-latency-overhead")
    uptime_before = first_line(folder / "machine-before.txt")
    uptime_after = first_line(folder / "machine-after.txt")
    health = run.get("generatorHealth") or run["summary"].get("generatorHealth")

    def row(label, values, keys=PERCENTILES + ("p999", "mean")):
        return f"| {label} | " + " | ".join(f"{values[k]:.3f}" for k in keys) + " |"

    def load_row(label, c, messages_sent):
        per_msg = c["client"] / messages_sent * 1e6 if messages_sent else float("nan")
        return (f"| {label} | {c['wall']:.1f} | {c['client']:.2f} ({per_msg:.0f} µs/msg) | {c['server']:.2f} | "
                f"{c['machine']:.2f} | {c['other']:.2f} |")

    lines = [
        f"# Latency overhead — {date}",
        "",
        f"commit `{commit}`; {base['connections']} connections × {base['ratePerConnection']:g} msg/s × "
        f"{base['durationSeconds']:g} s, {base['sizeBytes']}-byte text messages, against one `wsload serve` "
        "(echo, no delay) on loopback.",
        "",
        "## Round trip (ms)",
        "",
        "| | p50 | p90 | p99 | p99.9 | mean |",
        "|---|---|---|---|---|---|",
        row(f"wsload rtt (service time), {tool_rtt['count']} msgs", tool_rtt),
        row(f"raw-echo baseline, {base_rtt['count']} msgs", base_rtt),
        row("**overhead (wsload − baseline)**", diff),
        "",
        f"wsload also reports response time (from the intended send time): p50 {tool_response.get('p50', 'n/a')}, "
        f"p99 {tool_response.get('p99', 'n/a')} ms. The baseline's sends left {base['sendLagMs']['p50']:.3f} ms "
        f"(p50) / {base['sendLagMs']['p99']:.3f} ms (p99) after their intended time (Thread.Sleep pacing; not part of "
        "its round trips).",
        "",
        f"wsload: status `{run['status']}`, exit code {first_line(folder / 'wsload-exit-code.txt')}, sent "
        f"{messages['sent']}, received {messages['received']}, lost {messages['lost']}, corrupted "
        f"{messages['corrupted']}, missed sends {messages.get('missedSends', 'n/a')}. Baseline: "
        f"{base['mismatchedEchoes']} mismatched echoes, {base['failedConnections']} failed connections.",
    ]
    closing = run["series"][-1] if run["series"] else None
    if closing and closing.get("openConnections") == 0 and closing.get("received"):
        lines += ["", f"wsload's last series interval (ending at {closing['atSeconds']} s, while the connections "
                  f"close) received {closing['received']} echoes with rtt p50 {closing['rttP50']} ms, max "
                  f"{closing['rttMax']} ms: messages in flight at the close, timed through the teardown. They are in "
                  "the totals above (a few samples: they move p99.9 and max, not p50)."]
    if health:
        lines += ["", f"wsload generator health: `{json.dumps(health)[:400]}`"]
    lines += [
        "",
        "## Machine load while each client ran",
        "",
        "CPU seconds over the client process's lifetime (start-up included); the machine has "
        f"{run['environment'].get('processorCount', '?')} cores. \"other\" is everything but the client and the "
        "server: the noise.",
        "",
        "| client | wall s | client CPU s | server CPU s | machine busy CPU s | other CPU s |",
        "|---|---|---|---|---|---|",
        load_row("wsload", load["wsload"], messages["sent"]),
        load_row("raw-echo", load["baseline"], base_rtt["count"]),
        "",
        f"uptime before: `{uptime_before}`  ",
        f"uptime after: `{uptime_after}`",
        "",
        "## Definitions",
        "",
        "- wsload rtt: run.json `summary.latencyMs.rtt`, the service time: from the Stopwatch timestamp taken just "
        "before the message is written to the socket to the one taken when its echo has been decoded and matched; "
        "HDR histogram (µs, 3 significant digits; a percentile is the top of its bucket). Every message of the run "
        "counts, the first ones (JIT warm-up of the client) included.",
        "- raw-echo (bench/baseline): one thread per connection, blocking socket, a pre-encoded masked frame; "
        "Stopwatch timestamps just before `Send` and after the last byte of the echo is read; one message in "
        "flight; the connections' schedules offset evenly over one interval (i/N of it); 5 unrecorded round trips "
        "per connection before the timed ones; exact nearest-rank percentiles over the sorted samples "
        "(baseline-samples-us.txt).",
        "- Both run against the same server process, one after the other (wsload first), after a 3-s unrecorded "
        "raw-echo warm-up of the server. wsload opens its connections at once (`--ramp burst`) and sends for the "
        "hold only (`--ramp-down 0`).",
    ]
    (folder / "summary.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines[4:11]))

    header = ["date", "commit", "connections", "rate_per_s", "size", "seconds",
              "wsload_count", "wsload_p50", "wsload_p90", "wsload_p99",
              "baseline_count", "baseline_p50", "baseline_p90", "baseline_p99",
              "overhead_p50", "overhead_p90", "overhead_p99",
              "wsload_client_cpu_s", "baseline_client_cpu_s", "other_cpu_s_wsload", "other_cpu_s_baseline",
              "uptime_before"]
    values = [date, commit, base["connections"], f"{base['ratePerConnection']:g}", base["sizeBytes"],
              f"{base['durationSeconds']:g}", tool_rtt["count"], *(f"{tool_rtt[p]:.3f}" for p in PERCENTILES),
              base_rtt["count"], *(f"{base_rtt[p]:.3f}" for p in PERCENTILES),
              *(f"{diff[p]:.3f}" for p in PERCENTILES),
              f"{load['wsload']['client']:.2f}", f"{load['baseline']['client']:.2f}",
              f"{load['wsload']['other']:.2f}", f"{load['baseline']['other']:.2f}", uptime_before]
    tsv = Path(tsv)
    new = not tsv.exists()
    with open(tsv, "a") as f:
        if new:
            f.write("\t".join(header) + "\n")
        f.write("\t".join(str(v) for v in values) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
