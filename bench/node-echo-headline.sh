#!/usr/bin/env bash
# The headline run of issue 12 (acceptance 2): 10,000 connections × 1 msg/s of 100 bytes against the plain Node.js
# `ws` echo server (tests/node-echo/echo.js), linear ramp 10 s, hold 40 s. The wsload process runs under
# /usr/bin/time, so its CPU and peak RSS are the whole process's: start-up, connects, hold, closes and reports.
# Targets: verdict GO with 0 saturated generator seconds; the run's rtt p99.9 at most 2x the hold's; <= 25 µs of
# process CPU per message; peak RSS <= 150 MB.
# Results: bench/results/<date>-node-echo-headline/ (run.json, console.txt, time.txt, summary.md) and one line in
# bench/results/node-echo-headline.tsv.
#
#   bench/node-echo-headline.sh            10,000 connections
#   bench/node-echo-headline.sh -c 1000    fewer (a quick check of the script)
#   bench/node-echo-headline.sh --trace-gc every pause of the wsload process from an EventPipe trace (GC and other
#                                          runtime suspensions, bench/gc-pauses), by phase, in gc-pauses.tsv and
#                                          summary.md; the trace costs CPU, so such a run adds no line to the .tsv
#   bench/node-echo-headline.sh --dll PATH another build's wsload.dll (a "before", or a runtimeconfig.json experiment);
#                                          such a run adds no line to the .tsv either
set -euo pipefail
cd "$(dirname "$0")/.."

connections=10000
trace_gc=""
dll=""
while (($#)); do
  case "$1" in
    -c | --connections) connections="$2"; shift ;;
    --trace-gc) trace_gc=1 ;;
    --dll) dll="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
    *) echo "usage: $0 [--connections N] [--trace-gc] [--dll PATH]" >&2; exit 2 ;;
  esac
  shift
done

out="bench/results/$(date -u +%Y-%m-%dT%H%MZ)-node-echo-headline"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo -dirty)"

(cd tests/node-echo && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
if [ -z "$dll" ]; then
  dotnet build src/WsLoad.Cli -c Release --nologo --verbosity quiet >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
  dll=src/WsLoad.Cli/bin/Release/net10.0/wsload.dll
else
  commit="$dll"
  : >"$out/build.log"
  cp "${dll%.dll}.runtimeconfig.json" "$out/" 2>/dev/null || true # what the experiment changed
fi

server_pid=""
stop_server() { if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi; }
trap stop_server EXIT
coproc SERVER { exec node tests/node-echo/echo.js 0; }
server_pid=$SERVER_PID
read -r _ port <&"${SERVER[0]}"
echo "== node ws echo server (pid $server_pid) on port $port"

# Warm the server (as the issue's run had it: JIT'ed, sockets cached), so the first second measures the generator.
timeout 60s dotnet "$dll" run --url "ws://127.0.0.1:$port/" -c 300 \
  --ramp linear:2s --hold 1s --rate 1/s --quiet --report none --out "$out/warm-server" >/dev/null 2>&1 || true

trace_env=()
if [ -n "$trace_gc" ]; then
  dotnet build bench/gc-pauses -c Release --nologo --verbosity quiet >>"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
  # The runtime's GC keyword (0x1) at informational level: GCStart, SuspendEE and RestartEE, a few events per collection.
  trace_env=(DOTNET_EnableEventPipe=1 "DOTNET_EventPipeOutputPath=$out/trace.nettrace"
    "DOTNET_EventPipeConfig=Microsoft-Windows-DotNETRuntime:0x1:4")
fi
echo "== wsload: $connections connections, linear:10s ramp, 40 s hold, 1 msg/s"
env "${trace_env[@]}" /usr/bin/time -v -o "$out/time.txt" timeout --signal=INT --kill-after=30s 300s \
  dotnet "$dll" run --url "ws://127.0.0.1:$port/" -c "$connections" \
  --ramp linear:10s --hold 40s --rate 1/s --size 100 --server-pid "$server_pid" --out "$out" >"$out/console.txt" 2>&1 || true
tail -n 3 "$out/console.txt"
if [ -n "$trace_gc" ]; then
  dotnet bench/gc-pauses/bin/Release/net10.0/gc-pauses.dll "$out/trace.nettrace" >"$out/gc-pauses.tsv"
  rm -f "$out/trace.nettrace"
fi

python3 - "$out" "$commit" "$connections" "$trace_gc" <<'PY'
import csv, datetime, json, os, re, sys
out, commit, connections, traced = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
other_build = commit.endswith(".dll")
r = json.load(open(os.path.join(out, "run.json")))
t = open(os.path.join(out, "time.txt")).read()
def field(name): return float(re.search(re.escape(name) + r": ([\d.]+)", t).group(1))
cpu_s = field("User time (seconds)") + field("System time (seconds)")
rss_mb = field("Maximum resident set size (kbytes)") / 1024
messages = r["summary"]["messages"]["received"]
hold = r["phases"]["hold"]["rtt"]
run_rtt = r["summary"]["latencyMs"]["rtt"]
verdict = r["analysis"]["verdict"]["decision"]
saturated = r["generatorHealth"]["saturatedIntervals"]
us_per_msg = cpu_s / messages * 1e6 if messages else float("nan")
ratio = run_rtt["p999"] / hold["p999"] if hold["p999"] else float("nan")
checks = [("verdict GO", verdict == "go", verdict), ("0 saturated s", saturated == 0, saturated),
          ("run rtt p99.9 <= 2x hold's", ratio <= 2, f"{run_rtt['p999']:.2f} / {hold['p999']:.2f} ms = {ratio:.2f}x"),
          ("<= 25 µs CPU per message", us_per_msg <= 25, f"{us_per_msg:.1f} µs ({cpu_s:.1f} s / {messages:,})"),
          ("peak RSS <= 150 MB", rss_mb <= 150, f"{rss_mb:.1f} MB")]
with open(os.path.join(out, "summary.md"), "w") as f:
    f.write(f"# node-echo headline ({commit}, {connections} connections)\n\n| check | met | measured |\n| --- | --- | --- |\n")
    for name, ok, measured in checks:
        f.write(f"| {name} | {'yes' if ok else 'NO'} | {measured} |\n")
    if traced:
        # Each pause placed in the phase of the series interval it started in (run.json's startedAt is atSeconds 0).
        start = datetime.datetime.fromisoformat(r["startedAt"].replace("Z", "+00:00"))
        ends = [(s["atSeconds"], s["phase"]) for s in r["series"]]
        phases = {}
        for p in csv.DictReader(open(os.path.join(out, "gc-pauses.tsv")), delimiter="\t"):
            at = (datetime.datetime.fromisoformat(p["at_utc"].replace("Z", "+00:00")) - start).total_seconds()
            phase = "before the run" if at < 0 else next((ph for end, ph in ends if at <= end), "after the run")
            phases.setdefault(phase, []).append((float(p["pause_ms"]), at, p["suspend_reason"], p["generation"], p["gc_reason"],
                                                 p.get("gc_ms", ""), p.get("promoted_gen0_kb", ""), p.get("promoted_gen1_kb", "")))
        f.write("\n## Pauses of the wsload process (EventPipe trace, gc-pauses.tsv)\n\n"
                "The trace costs CPU: this run's CPU figure is not comparable with untraced runs.\n\n"
                "| phase | pauses | GCs | >= 10 ms | longest (ms) | longest: at s, suspend reason, gen, GC reason | its GC ms | promoted gen0/gen1 KB |\n"
                "| --- | --- | --- | --- | --- | --- | --- | --- |\n")
        for phase, ps in phases.items():
            top = max(ps)
            f.write(f"| {phase} | {len(ps)} | {sum(1 for p in ps if p[3] != '-1')} | {sum(1 for p in ps if p[0] >= 10)} | {top[0]:.1f} | "
                    f"{top[1]:.1f}, {top[2]}, {top[3]}, {top[4]} | {top[5]} | {top[6]}/{top[7]} |\n")
if traced or other_build:
    print(open(os.path.join(out, "summary.md")).read())
    sys.exit(0)
tsv = os.path.join(os.path.dirname(out), "node-echo-headline.tsv")
new = not os.path.exists(tsv)
with open(tsv, "a") as f:
    if new:
        f.write("date\tcommit\tconnections\tverdict\tsaturated_s\trun_rtt_p999_ms\thold_rtt_p999_ms\tus_per_msg\tcpu_s\tmessages\tpeak_rss_mb\n")
    f.write(f"{os.path.basename(out)[:16]}\t{commit}\t{connections}\t{verdict}\t{saturated}\t{run_rtt['p999']}\t{hold['p999']}\t{us_per_msg:.1f}\t{cpu_s:.2f}\t{messages}\t{rss_mb:.1f}\n")
print(open(os.path.join(out, "summary.md")).read())
PY
