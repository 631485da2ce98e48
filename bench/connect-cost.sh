#!/usr/bin/env bash
# Issue 12 item 4: client CPU per connect, for ws://, wss:// with --insecure and wss:// with --ca-cert.
# The embedded server (`wsload serve`, its own process; for wss:// a self-signed certificate made here with openssl,
# CN/SAN 127.0.0.1 and localhost) takes 1,000 connections over a 4 s linear ramp, held 1 s at 0.2 msg/s each.
# The client's CPU time (user + sys from /usr/bin/time -v) minus that of the same command with -c 10 (start-up,
# JIT, results) divided by the connections established beyond 10 is the client CPU per connect, first-use cost
# included: the runs use --no-warm-up, so the JIT compiles the connect path while it is timed. The same command with
# 3,000 connections over 12 s (the same 250 connects a second) minus the 1,000 run, divided by the connections
# established beyond those, is the marginal cost of one more connect once the code is compiled: the cost per
# handshake that a long ramp pays. Each run is repeated (default 3) and the medians taken (bench/lib/connect_cost.py).
# Results: bench/results/<UTC>-connect-cost/ (summary.md, runs.tsv, each run's time -v and run.json) and one line
# per variant appended to bench/results/connect-cost.tsv (commit, variant, ms per connect).
#
#   bench/connect-cost.sh                 3 runs of each
#   bench/connect-cost.sh -n 5            5 runs of each
#   bench/connect-cost.sh -- --some-flag  extra `wsload run` flags for every run (recorded in the variant name)
#   bench/connect-cost.sh -e NAME=VALUE   an environment variable for the client runs only (recorded likewise)
#   bench/connect-cost.sh --dll PATH      measure another build's wsload.dll (e.g. an older commit's, for a before
#                                         figure); the servers stay this checkout's
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
client_dll=""
extra=()
client_env=()
while (($#)); do
  case "$1" in
    -n | --runs) runs="$2"; shift ;;
    -e | --env) client_env+=("$2"); shift ;;
    --dll) client_dll="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "usage: $0 [--runs N] [-e NAME=VALUE]... [-- RUN_FLAGS...]" >&2; exit 2 ;;
  esac
  shift
done
suffix=""
[ ${#extra[@]} -gt 0 ] && suffix=" ${extra[*]}"
[ ${#client_env[@]} -gt 0 ] && suffix="$suffix ${client_env[*]}"

out="bench/results/$(date -u +%Y-%m-%dT%H%M%SZ)-connect-cost"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo -dirty)"

dotnet build src/WsLoad.Cli -c Release --nologo --verbosity quiet >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
dll="src/WsLoad.Cli/bin/Release/net10.0/wsload.dll"
if [ -n "$client_dll" ]; then
  # The build's commit, when it sits in a git checkout.
  commit="$(git -C "$(dirname "$client_dll")" rev-parse --short HEAD 2>/dev/null || echo "?") (--dll)"
else
  client_dll="$dll"
fi
# Builds from before the warm-up had no warm-up and no --no-warm-up.
no_warm_up=(--no-warm-up)
dotnet "$client_dll" run --help 2>/dev/null | grep -q -- --no-warm-up || no_warm_up=()

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
  -keyout "$out/server.key" -out "$out/server.crt" >"$out/openssl.log" 2>&1

servers=()
# The throw-away key is removed when the script ends; the certificate stays with the results.
stop_servers() { for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done; rm -f "$out/server.key"; }
trap stop_servers EXIT

# start NAME [serve flags]: starts a server with output in $out/NAME.*, sets $url to its URL.
start() {
  local name="$1"; shift
  dotnet "$dll" serve --port 0 "$@" >"$out/$name.stdout" 2>"$out/$name.stderr" &
  servers+=("$!")
  url=""
  for _ in $(seq 1 300); do
    url="$(sed -n '1s/^listening \(wss\{0,1\}:[^ ]*\).*/\1/p' "$out/$name.stdout")"
    [ -n "$url" ] && break
    kill -0 "$!" 2>/dev/null || { echo "the $name server exited:" >&2; cat "$out/$name.stderr" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$url" ] || { echo "the $name server did not print its URL" >&2; exit 1; }
  echo "== $name server: $url"
}
start plain
ws_url="$url"
start tls --tls-cert "$out/server.crt" --tls-key "$out/server.key"
wss_url="$url"

# The wss:// variants connect by host name (localhost, which resolves to 127.0.0.1 only here): .NET on Linux never
# resumes a TLS session whose target host is an IP address, and real targets have names. wss-ca-cert-ip is the
# same as wss-ca-cert by address.
wss_name_url="${wss_url/127.0.0.1/localhost}"
variants=(ws wss-insecure wss-ca-cert wss-ca-cert-ip)
flags_of() {
  case "$1" in
    ws) echo "--url $ws_url" ;;
    wss-insecure) echo "--url $wss_name_url --insecure" ;;
    wss-ca-cert) echo "--url $wss_name_url --ca-cert $out/server.crt" ;;
    wss-ca-cert-ip) echo "--url $wss_url --ca-cert $out/server.crt" ;;
  esac
}

printf 'variant\tconnections\trun\tuser_s\tsys_s\tcpu_s\tconnected\n' >"$out/runs.tsv"
for i in $(seq 1 "$runs"); do
  for v in "${variants[@]}"; do
    for c in 10 1000 3000; do
      dir="$out/$v-c$c-$i"
      ramp=4s; [ "$c" = 3000 ] && ramp=12s
      # shellcheck disable=SC2046
      env "${client_env[@]}" /usr/bin/time -v -o "$dir.time.txt" timeout --signal=INT --kill-after=20s 120s \
        dotnet "$client_dll" run $(flags_of "$v") -c "$c" --ramp "linear:$ramp" --hold 1s --rate 0.2/s "${no_warm_up[@]}" --quiet \
        --report none --out "$dir" "${extra[@]}" >"$dir.console.txt" 2>&1 || true
      user="$(sed -n 's/.*User time (seconds): //p' "$dir.time.txt")"
      sys="$(sed -n 's/.*System time (seconds): //p' "$dir.time.txt")"
      connected="$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["connections"]["established"])' "$dir/run.json" 2>/dev/null || echo "?")"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$v" "$c" "$i" "$user" "$sys" "$(echo "$user + $sys" | bc)" "$connected" >>"$out/runs.tsv"
      echo "   $v -c $c run $i: cpu $(echo "$user + $sys" | bc) s, connected $connected: $(tail -n 1 "$dir.console.txt")"
    done
  done
done

python3 bench/lib/connect_cost.py "$out" "$commit" "$suffix"
