#!/usr/bin/env bash
# The README's demo command, N times in a row (default 5): each run's readiness verdict and the generator's saturated
# seconds (issue 12, acceptance 1: 5 of 5 GO, 0 saturated seconds). Every run.json is kept.
# Results: bench/results/<date>-demo-verdict/ (run-N/run.json, console-N.txt, verdicts.tsv, summary.md).
#
#   bench/demo-verdict.sh          5 runs
#   bench/demo-verdict.sh -n 2     2 runs
set -euo pipefail
cd "$(dirname "$0")/.."

runs=5
while (($#)); do
  case "$1" in
    -n | --runs) runs="$2"; shift ;;
    *) echo "usage: $0 [-n RUNS]" >&2; exit 2 ;;
  esac
  shift
done

out="bench/results/$(date -u +%Y-%m-%dT%H%MZ)-demo-verdict"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo -dirty)"

echo "== building (the demo command builds too; this keeps the build out of the first run's console)"
dotnet build src/WsLoad.Cli -c Release --nologo --verbosity quiet >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }

printf 'run\tcommit\tverdict\tsaturated_s\tstatus\trtt_p99_hold_ms\trtt_p999_hold_ms\trtt_p999_run_ms\tconnect_p99_ms\n' >"$out/verdicts.tsv"
for i in $(seq 1 "$runs"); do
  echo "== run $i of $runs"
  # The README's command, with only the output folder moved; bounded in time so that a hang cannot stall the script.
  timeout --signal=INT --kill-after=30s 300s \
    dotnet run --project src/WsLoad.Cli -c Release -- demo --out "$out/run-$i" >"$out/console-$i.txt" 2>&1 || true
  python3 - "$out/run-$i/run.json" "$i" "$commit" >>"$out/verdicts.tsv" <<'PY'
import json, sys
path, run, commit = sys.argv[1:4]
try:
    r = json.load(open(path))
except OSError:
    print(f"{run}\t{commit}\tmissing\t\t\t\t\t\t"); sys.exit(0)
hold = r.get("phases", {}).get("hold", {})
latency = r["summary"]["latencyMs"]
def ms(x): return "" if x is None else f"{x:.3f}"
print("\t".join([run, commit, r["analysis"]["verdict"]["decision"], str(r["generatorHealth"]["saturatedIntervals"]), r["status"],
                 ms(hold.get("rtt", {}).get("p99")), ms(hold.get("rtt", {}).get("p999")), ms(latency.get("rtt", {}).get("p999")),
                 ms(latency.get("connect", {}).get("p99"))]))
PY
  tail -n 1 "$out/verdicts.tsv"
done

python3 - "$out/verdicts.tsv" >"$out/summary.md" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
go = sum(r["verdict"] == "go" for r in rows)
sat = sum(int(r["saturated_s"] or 0) for r in rows)
print(f"# demo verdicts\n\n{go} of {len(rows)} GO; {sat} saturated generator seconds in all.\n")
print("| run | verdict | saturated s | hold rtt p99 ms | hold rtt p99.9 ms | run rtt p99.9 ms | connect p99 ms |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for r in rows:
    print(f"| {r['run']} | {r['verdict']} | {r['saturated_s']} | {r['rtt_p99_hold_ms']} | {r['rtt_p999_hold_ms']} | {r['rtt_p999_run_ms']} | {r['connect_p99_ms']} |")
PY
cat "$out/summary.md"
