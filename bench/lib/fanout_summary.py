"""Summarises a bench/fanout.sh run: run.json, the client's time -v, into summary.md and a line of bench/results/fanout.tsv."""
import json, re, sys
out, commit, connections, rate = sys.argv[1:]
run = json.load(open(f"{out}/run.json"))
time_txt = open(f"{out}/client.time.txt").read()
user = float(re.search(r"User time \(seconds\): ([\d.]+)", time_txt).group(1))
sys_s = float(re.search(r"System time \(seconds\): ([\d.]+)", time_txt).group(1))
f = run["summary"]["fanout"]
series = run["series"]
hold = [s for s in series if s["phase"] == "hold"]
def per_delivery(key):
    cpu = 0.0; received = 0; previous = None
    for s in series:
        at = s["atSeconds"]; seconds = at - previous if previous is not None else at; previous = at
        if s["phase"] != "hold" or not s.get(key): continue
        cpu += s[key]["cpuPercent"] / 100 * seconds; received += s["received"]
    return (cpu / received * 1e6, received) if received else (None, 0)
gen_us, hold_received = per_delivery("generator")
srv_us, _ = per_delivery("server")
hold_seconds = sum(1 for _ in hold)
health = run.get("generatorHealth") or {}
server_peak = max((s["server"]["cpuPercent"] for s in series if s.get("server")), default=None)
cores = run["environment"]["processorCount"]
lat = f.get("latencyMs") or {}
complete = f.get("completeMs") or {}
# Measured facts only: how long the machine's CPU was full in the hold, and how the CPU per delivery splits.
limit = []
full = sum(1 for s in hold if s.get("machine") and s["machine"]["cpuPercent"] >= 95)
if full:
    limit.append(f"the machine's {cores} cores were full (>= 95% busy) for {full} of {hold_seconds} s of the hold")
if gen_us and srv_us:
    limit.append(f"CPU per delivery: server {srv_us:.2f} µs ({100 * srv_us / (srv_us + gen_us):.0f}%), generator {gen_us:.2f} µs ({100 * gen_us / (srv_us + gen_us):.0f}%)")
if health.get("saturatedIntervals", 0) > 0:
    limit.append(f"the generator flagged {health['saturatedIntervals']} saturated s ({', '.join(sorted({r for p in health.get('periods', []) for r in p['reasons']}))})")
if not full and not health.get("saturatedIntervals", 0):
    limit.append("neither: the machine's CPU was not full and the generator never saturated")
rows = [
    ("commit", commit), ("subscribers", connections), ("publish rate", rate),
    ("published", f["published"]), ("deliveries due", f["due"]), ("delivered", f["delivered"]), ("missing", f["missing"]),
    ("reach %", f.get("reachPercent")), ("deliveries/s in the hold", round(hold_received / hold_seconds) if hold_seconds else None),
    ("fan-out p50 ms", lat.get("p50")), ("fan-out p99 ms", lat.get("p99")), ("fan-out p99.9 ms", lat.get("p999")),
    ("to the last subscriber p50 ms", complete.get("p50")), ("to the last subscriber p99 ms", complete.get("p99")),
    ("client CPU s (whole run, user+sys)", round(user + sys_s, 2)),
    ("generator CPU per delivery, hold (µs)", round(gen_us, 2) if gen_us else None),
    ("server CPU per delivery, hold (µs)", round(srv_us, 2) if srv_us else None),
    ("server CPU peak % of one core", server_peak), ("cores", cores),
    ("the limit", "; ".join(limit)),
    ("verdict", (run.get("analysis") or {}).get("verdict", {}).get("decision", run["status"])),
]
with open(f"{out}/summary.md", "w") as md:
    md.write(f"# Fan-out: {connections} subscribers on one channel, 1 publisher at {rate}\n\n| figure | value |\n| --- | --- |\n")
    for k, v in rows: md.write(f"| {k} | {v} |\n")
print(open(f"{out}/summary.md").read())
tsv = "bench/results/fanout.tsv"
import os
new = not os.path.exists(tsv)
with open(tsv, "a") as t:
    if new: t.write("\t".join(k for k, _ in rows) + "\tresults\n")
    t.write("\t".join(str(v) for _, v in rows) + f"\t{os.path.relpath(out)}\n")
