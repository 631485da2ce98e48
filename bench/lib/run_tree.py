#!/usr/bin/env python3
"""Runs one load tool and samples its whole process tree from /proc until it exits (or its time is up).

Usage: run_tree.py SAMPLES_CSV RESULT_JSON TIMEOUT_S -- COMMAND [ARGS...]

Why a tree: Artillery runs its virtual users in worker processes, Tsung in an Erlang VM (beam.smp) started by a
shell script. Every INTERVAL (0.25 s) this sums over the tool's process and all its descendants:
  tree_cpu_s   utime+stime (/proc/PID/stat fields 14+15), per process, of every process of the tree ever seen: a
               process that has exited keeps the last value read for it (at most one interval of its CPU is lost;
               the final figure is also checked against the kernel's own count, see below)
  tree_rss_kb  the sum of VmRSS (/proc/PID/statm resident pages) of the processes alive now (shared pages are
               counted once per process, as `ps` would)
  procs        how many processes the tree has now
  machine_busy_cpu_s  non-idle CPU seconds of the whole machine (/proc/stat), to state the other load next to ours
Each row starts with unix_s (wall clock), the clock bench/peers/echo-counter.js writes on the server side.

The command runs in a session of its own (setsid), so at TIMEOUT_S, or if this runner is told to stop (SIGTERM,
SIGINT), that one process group is stopped: SIGTERM, then SIGKILL 5 s later. Daemons that leave the session on
purpose (Erlang's epmd) are not part of the tree; the caller stops those by their pid.

RESULT_JSON: exit code, timed_out, wall seconds, peak tree RSS, final tree CPU = max(the per-process sum, the
kernel's count for the command and the descendants it waited for (wait4 rusage)), the process names seen.
"""
import json
import os
import signal
import subprocess
import sys
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
INTERVAL = 0.25


def machine_busy_s():
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    return (sum(values[:8]) - values[3] - values[4]) / CLK_TCK


def read_all():
    """pid -> (ppid, cpu_s, name, state) for every process readable now."""
    procs = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                raw = f.read()
        except OSError:
            continue
        name = raw[raw.index("(") + 1:raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2:].split()
        procs[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / CLK_TCK, name, fields[0])
    return procs


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE_KB
    except OSError:
        return 0


def tree_of(root, procs):
    children = {}
    for pid, (ppid, _, _, _) in procs.items():
        children.setdefault(ppid, []).append(pid)
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in procs:
            tree.append(pid)
            todo.extend(children.get(pid, []))
    return tree


def kill_group(pgid, sig):
    """Sends sig to the command's process group; False when the group is gone."""
    try:
        os.killpg(pgid, sig)
        return True
    except (ProcessLookupError, PermissionError):
        return False


def main():
    samples_csv, result_json, timeout_s = sys.argv[1], sys.argv[2], float(sys.argv[3])
    command = sys.argv[sys.argv.index("--") + 1:]
    started = time.monotonic()
    child = subprocess.Popen(command, start_new_session=True)
    stopping = {"why": None, "at": None}

    def stop(why):
        if stopping["why"] is None:
            stopping["why"], stopping["at"] = why, time.monotonic()
            kill_group(child.pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, lambda *_: stop("signal"))
    signal.signal(signal.SIGINT, lambda *_: stop("signal"))

    last_cpu, names, peak_rss, rusage_cpu, code = {}, set(), 0, 0.0, None
    with open(samples_csv, "w") as out:
        out.write("unix_s,t_s,tree_cpu_s,tree_rss_kb,procs,machine_busy_cpu_s\n")
        next_at = time.monotonic()
        while True:
            procs = read_all()
            tree = [p for p in tree_of(child.pid, procs) if procs[p][3] != "Z"]
            rss = sum(rss_kb(p) for p in tree)
            for p in tree:
                last_cpu[p] = procs[p][1]
                names.add(procs[p][2])
            peak_rss = max(peak_rss, rss)
            now = time.monotonic()
            out.write(f"{time.time():.3f},{now - started:.3f},{sum(last_cpu.values()):.2f},{rss},{len(tree)},"
                      f"{machine_busy_s():.2f}\n")
            out.flush()
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid == child.pid:
                code = os.waitstatus_to_exitcode(status)
                rusage_cpu = usage.ru_utime + usage.ru_stime
                break
            if now - started > timeout_s:
                stop("timeout")
            if stopping["at"] is not None and now - stopping["at"] > 5:
                kill_group(child.pid, signal.SIGKILL)
            next_at += INTERVAL
            time.sleep(max(0.0, next_at - time.monotonic()))
    # Processes of the group still running after the command exited (an Erlang VM whose launcher script was
    # stopped first) are stopped too: SIGTERM, then SIGKILL after 5 s.
    if kill_group(child.pid, signal.SIGTERM):
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and kill_group(child.pid, 0):
            time.sleep(0.1)
        kill_group(child.pid, signal.SIGKILL)
    result = {
        "command": command, "exitCode": code, "stoppedBy": stopping["why"],
        "wallS": round(time.monotonic() - started, 3),
        "treeCpuS": round(max(sum(last_cpu.values()), rusage_cpu), 2),
        "treeCpuSampledS": round(sum(last_cpu.values()), 2), "rusageCpuS": round(rusage_cpu, 2),
        "peakTreeRssKb": peak_rss, "processNames": sorted(names),
    }
    with open(result_json, "w") as f:
        json.dump(result, f, indent=1)
    sys.exit(0 if code == 0 else 1)


if __name__ == "__main__":
    main()
