#!/usr/bin/env bash
# The readiness suite (examples/suites/readiness.yaml) as a user runs it from a fresh clone: its duration against the
# 15 minutes issue 15 allows, each scenario's outcome, verdict and time, and the suite's verdict. Run it on a quiet
# machine: the scenarios' verdicts say INCONCLUSIVE when the generator shares its 2 cores with anything else.
# Results: bench/results/<date>-suite-readiness/ (the suite's whole output folder, console.txt, summary.md).
#
#   bench/suite-readiness.sh
set -euo pipefail
cd "$(dirname "$0")/.."

out="bench/results/$(date -u +%Y-%m-%dT%H%MZ)-suite-readiness"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src examples || echo -dirty)"

echo "== building"
dotnet build src/WsLoad.Cli -c Release --nologo --verbosity quiet >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
dotnet run --project src/WsLoad.Cli -c Release --no-build -- plan examples/suites/readiness.yaml >"$out/plan.txt" 2>&1 || true

echo "== wsload suite examples/suites/readiness.yaml"
start=$(date +%s)
status=0
# Bounded: 20 minutes, then Ctrl+C (the suite still cleans up and writes suite.json), then a kill.
timeout --signal=INT --kill-after=60s 1200s \
  dotnet run --project src/WsLoad.Cli -c Release --no-build -- suite examples/suites/readiness.yaml --out "$out/suite" \
  >"$out/console.txt" 2>&1 || status=$?
took=$(( $(date +%s) - start ))

python3 - "$out/suite/suite.json" "$took" "$status" "$commit" >"$out/summary.md" <<'PY'
import json, sys
path, took, status, commit = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
s = json.load(open(path))
print(f"# readiness suite at {commit}\n")
print(f"- wall time: {took} s ({took/60:.1f} min; the suite's own clock: {s['durationSeconds']:.0f} s); limit 15 min")
print(f"- exit code: {status}; verdict: **{s['verdict']}**")
for line in s["summary"]:
    print(f"  - {line}")
print("\n| scenario | outcome | verdict | took s | why |\n|---|---|---|---|---|")
for sc in s["scenarios"]:
    print(f"| {sc['name']} | {sc['outcome']} | {sc.get('verdict') or '-'} | {sc['durationSeconds']:.1f} | {sc['reason'][:140]} |")
PY
cat "$out/summary.md"
