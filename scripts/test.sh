#!/usr/bin/env bash
# Runs every WsLoad test on a fresh Debian machine with the .NET 10 SDK:
# installs what the tests need, checks formatting, builds with warnings as errors, runs the unit and
# integration tests (including one full-size 10,000-connection demo run) and ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*"; }

missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)         # the HTML report is rendered in it
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)    # pdftoppm and pdftotext read the PDF report
[ -x /usr/bin/prometheus ] || missing+=(prometheus)                 # scrapes --metrics and receives the remote write
if ((${#missing[@]})); then
  log "installing ${missing[*]} (Debian packages)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

log "Node.js ws echo server for the third-party-server test"
(cd tests/node-echo && npm ci --no-audit --no-fund --loglevel=error)

log "restore, format check, build (warnings are errors)"
dotnet restore --verbosity quiet
dotnet format --verify-no-changes --no-restore
dotnet build -c Release --no-restore --nologo --verbosity quiet

results="$(mktemp -d)"
status=0
for project in tests/WsLoad.Core.Tests tests/WsLoad.Integration.Tests; do
  name="$(basename "$project")"
  log "$name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" --blame-hang-timeout 15m || status=1
done

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ "$failed" -gt 0 ]; then
  # Repeated at the very end so that a log cut to its last lines still names what failed and why.
  log "failed tests"
  perl -0777 -ne '
    sub text { my $t = shift // ""; $t =~ s/&lt;/</g; $t =~ s/&gt;/>/g; $t =~ s/&quot;/"/g; $t =~ s/&#xD;//g; $t =~ s/&amp;/&/g; return $t; }
    while (/<UnitTestResult ([^>]*outcome="Failed"[^>]*)>(.*?)<\/UnitTestResult>/gs) {
      my ($head, $body) = ($1, $2);
      my ($name) = $head =~ /testName="([^"]*)"/;
      my ($out) = $body =~ /<StdOut>(.*?)<\/StdOut>/s;
      my ($message) = $body =~ /<Message>(.*?)<\/Message>/s;
      print "FAILED ", text($name), "\n", text($message), "\n", text($out), "\n\n";
    }' "$results"/*.trx || true
fi
if [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  status=1
fi
echo
echo "$passed passed, $failed failed"
exit "$status"
