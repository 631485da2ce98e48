#!/usr/bin/env bash
# Micro-benchmarks of the per-message hot paths (BenchmarkDotNet, ShortRun job, MemoryDiagnoser): frame codec,
# payload stamping and checking, histogram recording, the receive path (MessageTraffic.OnReceived) and the send
# loop's per-message work. Builds bench/WsLoad.Benchmarks in Release, runs it (a few minutes on 2 cores) and copies
# the GitHub-markdown tables to bench/results/benchmarkdotnet/<UTC date and time>/ (plus one combined summary.md).
#
#   bench/benchmarks.sh                     every benchmark
#   bench/benchmarks.sh --filter '*Frame*'  some of them (any BenchmarkDotNet argument is passed on)
set -euo pipefail
cd "$(dirname "$0")/.."

args=("$@")
((${#args[@]})) || args=(--filter '*')

stamp="$(date -u +%Y-%m-%dT%H%MZ)"
artifacts="bench/results/tmp/bdn-$stamp"
out="bench/results/benchmarkdotnet/$stamp"
mkdir -p "$artifacts" "$out"

echo "== build (Release)"
dotnet build bench/WsLoad.Benchmarks -c Release --nologo --verbosity quiet

echo "== run: ${args[*]}"
# The built program is run directly (not `dotnet run`); BenchmarkDotNet builds and starts its own child process
# per benchmark class.
dotnet bench/WsLoad.Benchmarks/bin/Release/net10.0/WsLoad.Benchmarks.dll "${args[@]}" \
  --artifacts "$artifacts" --exporters github 2>&1 | tee "$out/console.log"

commit="$(git rev-parse --short HEAD)"
git diff --quiet HEAD -- src bench/WsLoad.Benchmarks || commit="$commit-dirty"
{
  echo "# BenchmarkDotNet: WsLoad hot paths ($stamp, commit $commit)"
  echo
  echo "Allocated is per operation (one message, or one histogram record); '-' means zero bytes."
  for report in "$artifacts"/results/*-report-github.md; do
    [ -f "$report" ] || continue
    cp "$report" "$out/"
    echo
    echo "## $(basename "$report" -report-github.md)"
    echo
    # The environment header is the same in every report: keep only the table, without bold and HTML quotes.
    sed -n '/^| /,$p' "$report" | sed -e 's/\*\*//g' -e "s/&#39;/'/g"
  done
  echo
  echo '```'
  sed -n '/^BenchmarkDotNet v/,/^$/p' "$(ls "$artifacts"/results/*-report-github.md | head -1)"
  echo '```'
} >"$out/summary.md"
echo "== results: $out/summary.md"
