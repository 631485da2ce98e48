#!/usr/bin/env python3
"""Samples CPU time and resident memory of the load client and the target server from /proc.

Usage: sample_proc.py CLIENT_PID_FILE SERVER_PID OUT_CSV META_JSON [INTERVAL_S]

Samples the server alone until CLIENT_PID_FILE holds the client's pid (rows with negative t and empty client
columns: the server's idle baseline; CLIENT_PID_FILE.ready is created after the first one), then writes one CSV row every INTERVAL_S (default 0.5) until the client
process exits:
  t              seconds since the client process started (see below)
  client_cpu_s   utime+stime of the client, in seconds (/proc/PID/stat fields 14+15 / CLK_TCK)
  client_rss_kb  VmRSS of the client (/proc/PID/status)
  server_cpu_s, server_rss_kb   the same for the server
  machine_busy_cpu_s  non-idle CPU seconds of the whole machine (/proc/stat "cpu" line; all cores), so the CPU
                 used by everything else (other engineers' builds) during a window can be stated next to ours

Time base: the client's start time is read from /proc/PID/stat field 22 (clock ticks since boot) and compared
with /proc/uptime (seconds since boot, same clock), so t is exact to one clock tick (10 ms) without trusting the
moment this sampler happened to begin. META_JSON records the wall-clock (Unix) time of the client's start,
computed once from time.time() and the same two /proc readings, so the summary can align t with run.json's
startedAt (a wall-clock timestamp taken at the instant the run's series time, atSeconds, is 0).
"""
import json
import os
import sys
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")


def uptime_s():
    with open("/proc/uptime") as f:
        return float(f.read().split()[0])


def stat_fields(pid):
    """Fields of /proc/PID/stat after the command name (which may contain spaces); index 0 is field 3."""
    with open(f"/proc/{pid}/stat") as f:
        raw = f.read()
    return raw[raw.rindex(")") + 2:].split()


def cpu_s(pid):
    fields = stat_fields(pid)
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime (14) + stime (15)


def start_ticks(pid):
    return int(stat_fields(pid)[19])  # starttime (22)


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def machine_busy_s():
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / CLK_TCK  # user..steal; guest time is already counted in user


def read(pid):
    try:
        if stat_fields(pid)[0] == "Z":  # exited, not yet reaped by the script
            return None
        return cpu_s(pid), rss_kb(pid)
    except (FileNotFoundError, ProcessLookupError, ValueError, IndexError):
        return None


def wait_for_client(pid_file, server, interval, early_rows):
    """Samples the server alone until the script writes the client's pid (so the server's idle baseline is
    sampled before the client starts, however slowly this sampler started); returns the client's pid."""
    next_at = time.monotonic()
    while True:
        try:
            with open(pid_file) as f:
                text = f.read().strip()
            if text:
                return int(text)
        except FileNotFoundError:
            pass
        s = read(server) or (float("nan"), 0)
        early_rows.append((uptime_s(), s, machine_busy_s()))
        if len(early_rows) == 1:
            open(pid_file + ".ready", "w").close()  # tells the script the server's baseline is being sampled
        next_at += interval
        time.sleep(max(0.0, next_at - time.monotonic()))


def main():
    pid_file, server, out_csv, meta_json = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    interval = float(sys.argv[5]) if len(sys.argv) > 5 else 0.5
    early_rows = []
    client = wait_for_client(pid_file, server, interval, early_rows)
    start = start_ticks(client) / CLK_TCK
    now_wall, now_up = time.time(), uptime_s()
    with open(meta_json, "w") as f:
        json.dump({"clientStartUnix": now_wall - (now_up - start), "clkTck": CLK_TCK, "intervalS": interval}, f)
    with open(out_csv, "w") as out:
        out.write("t,client_cpu_s,client_rss_kb,server_cpu_s,server_rss_kb,machine_busy_cpu_s\n")
        for up, s, busy in early_rows:  # before the client started: its columns are empty
            out.write(f"{up - start:.2f},,,{s[0]:.2f},{s[1]},{busy:.2f}\n")
        next_at = time.monotonic()
        while True:
            c = read(client)
            if c is None:
                break
            s = read(server) or (float("nan"), 0)
            t = uptime_s() - start
            out.write(f"{t:.2f},{c[0]:.2f},{c[1]},{s[0]:.2f},{s[1]},{machine_busy_s():.2f}\n")
            out.flush()
            next_at += interval
            time.sleep(max(0.0, next_at - time.monotonic()))


if __name__ == "__main__":
    main()
