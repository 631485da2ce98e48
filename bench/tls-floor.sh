#!/usr/bin/env bash
# The floor under bench/connect-cost.sh's wss:// figures: OpenSSL's own client (`openssl s_time`, full TLS handshakes
# only, no WebSocket upgrade) against the same embedded server (`wsload serve` with a throw-away RSA 2048 certificate),
# once without and once with certificate verification against the certificate as CA. Its process CPU (user + sys from
# /usr/bin/time -v) per handshake is what the TLS library and the loopback TCP path cost on this machine before .NET
# and WsLoad add their own work.
# Results: bench/results/<UTC>-tls-floor/ (each variant's time -v and s_time output, summary.md).
#
#   bench/tls-floor.sh            8 s of handshakes per variant
#   bench/tls-floor.sh -t 20      20 s
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=8
while (($#)); do
  case "$1" in
    -t | --time) seconds="$2"; shift ;;
    *) echo "usage: $0 [--time SECONDS]" >&2; exit 2 ;;
  esac
  shift
done
out="bench/results/$(date -u +%Y-%m-%dT%H%M%SZ)-tls-floor"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
dotnet build src/WsLoad.Cli -c Release --nologo --verbosity quiet >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
  -keyout "$out/server.key" -out "$out/server.crt" >"$out/openssl.log" 2>&1

server_pid=""
stop_server() { if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi; rm -f "$out/server.key"; }
trap stop_server EXIT
dotnet src/WsLoad.Cli/bin/Release/net10.0/wsload.dll serve --port 0 --tls-cert "$out/server.crt" --tls-key "$out/server.key" \
  >"$out/server.stdout" 2>"$out/server.stderr" &
server_pid=$!
port=""
for _ in $(seq 1 300); do
  port="$(sed -n '1s/^listening wss:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$out/server.stdout")"
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$out/server.stderr" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "the server did not print its URL" >&2; exit 1; }

{
  echo "# TLS floor ($(openssl version)): openssl s_time, full handshakes against wsload serve (RSA 2048)"
  echo
  echo "| variant | handshakes | CPU s (user + sys) | ms CPU per handshake |"
  echo "| --- | --- | --- | --- |"
} >"$out/summary.md"
for variant in no-verify verify-ca; do
  flags=(); [ "$variant" = verify-ca ] && flags=(-verify 2 -CAfile "$out/server.crt")
  /usr/bin/time -v -o "$out/$variant.time.txt" timeout $((seconds + 30)) \
    openssl s_time -connect "127.0.0.1:$port" -new -time "$seconds" "${flags[@]}" >"$out/$variant.s_time.txt" 2>&1 || true
  n="$(sed -n 's/^\([0-9]*\) connections in [0-9.]*s;.*/\1/p' "$out/$variant.s_time.txt" | head -n 1)"
  user="$(sed -n 's/.*User time (seconds): //p' "$out/$variant.time.txt")"
  sys="$(sed -n 's/.*System time (seconds): //p' "$out/$variant.time.txt")"
  cpu="$(echo "$user + $sys" | bc)"
  per="$(printf "%.3f" "$(echo "scale=4; $cpu * 1000 / $n" | bc)")"
  echo "| $variant | $n | $cpu | **$per** |" >>"$out/summary.md"
done
cat "$out/summary.md"
