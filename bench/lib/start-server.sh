# Sourced by the bench scripts: starts `$wsload serve --port 0` with output in $out, waits (up to 10 s) for its
# "listening ws://..." line, and sets server_pid and url. The caller's EXIT trap stops server_pid.
start_server() {
  "$wsload" serve --port 0 >"$out/server.stdout" 2>"$out/server.stderr" &
  server_pid=$!
  url=""
  for _ in $(seq 1 100); do
    url="$(sed -n '1s/^listening \(ws:[^ ]*\).*/\1/p' "$out/server.stdout")"
    [ -n "$url" ] && break
    kill -0 "$server_pid" 2>/dev/null || { echo "the server exited:" >&2; cat "$out/server.stderr" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$url" ] || { echo "the server did not print its URL" >&2; exit 1; }
  echo "   $url (pid $server_pid)"
}
