// Preloaded into tests/node-echo/echo.js (node -r bench/peers/echo-counter.js tests/node-echo/echo.js 0), unchanged:
// counts what the server sees, the same way whichever client loads it, and writes one CSV row every 250 ms to
// $ECHO_COUNTS_CSV:  unix_s (wall clock, ms precision; the client samplers use the same clock), accepted (upgrades
// completed), open (connections open now), echoed (messages sent back), bytes_echoed, first_accept_unix and
// last_accept_unix (exact times of the first and the latest upgrade so far: the connect rate is not limited to 250 ms
// steps).
// Hooks the `ws` module instance echo.js loads (same require cache entry), not the network: no extra copy of data.
const fs = require('fs');
const path = require('path');

const echoDir = path.resolve(__dirname, '../../tests/node-echo');
const ws = require(require.resolve('ws', { paths: [echoDir] }));
const out = process.env.ECHO_COUNTS_CSV;
if (!out) throw new Error('ECHO_COUNTS_CSV is not set');

let accepted = 0, open = 0, echoed = 0, bytes = 0, firstAccept = 0, lastAccept = 0;

const emit = ws.WebSocketServer.prototype.emit;
ws.WebSocketServer.prototype.emit = function (event, socket, ...rest) {
  if (event === 'connection') {
    accepted++;
    lastAccept = Date.now();
    if (firstAccept === 0) firstAccept = lastAccept;
    open++;
    socket.once('close', () => open--);
  }
  return emit.call(this, event, socket, ...rest);
};

const send = ws.WebSocket.prototype.send;
ws.WebSocket.prototype.send = function (data, ...rest) {
  echoed++;
  bytes += data.length;
  return send.call(this, data, ...rest);
};

const fd = fs.openSync(out, 'w');
fs.writeSync(fd, 'unix_s,accepted,open,echoed,bytes_echoed,first_accept_unix,last_accept_unix\n');
const row = () => {
  const s = (ms) => (ms / 1000).toFixed(3);
  fs.writeSync(fd, `${s(Date.now())},${accepted},${open},${echoed},${bytes},${s(firstAccept)},${s(lastAccept)}\n`);
};
setInterval(row, 250).unref();
process.on('exit', row);
