// A plain Node.js `ws` server that is not ours, for WsLoad's interoperability tests.
// Usage: node echo.js PORT [MODE]   (PORT 0 = any; MODE echo (default) or reply)
//   echo:  every message is sent back unchanged, with its type.
//   reply: every text message is parsed as JSON and answered with {"ok":true,"meta":{"id":<its "id">}}.
// Listens on 127.0.0.1, prints "listening <port>" once ready, exits on SIGTERM/SIGINT.
const { WebSocketServer } = require('ws');

const mode = process.argv[3] || 'echo';
const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(process.argv[2] || 0), perMessageDeflate: false });
wss.on('listening', () => console.log(`listening ${wss.address().port}`));
wss.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    if (mode === 'reply') {
      const request = JSON.parse(data.toString());
      socket.send(JSON.stringify({ ok: true, meta: { id: request.id } }));
    } else {
      socket.send(data, { binary: isBinary });
    }
  });
  socket.on('error', () => {});
});
const stop = () => wss.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
