// A plain Node.js `ws` server that is not ours, for WsLoad's interoperability tests.
// Usage: node echo.js PORT [MODE]   (PORT 0 = any; MODE echo (default) or reply)
//   echo:  every message is sent back unchanged, with its type.
//   reply: every text message is parsed as JSON and answered with {"ok":true,"meta":{"id":<its "id">}}.
// Listens on 127.0.0.1, prints "listening <port>" once ready, exits on SIGTERM/SIGINT.
// With TLS_CERT and TLS_KEY (PEM files) in the environment it speaks TLS (wss://) through Node's https server.
const { WebSocketServer } = require('ws');

const mode = process.argv[3] || 'echo';
const port = Number(process.argv[2] || 0);
let wss;
if (process.env.TLS_CERT && process.env.TLS_KEY) {
  const fs = require('fs');
  const https = require('https');
  const server = https.createServer({ cert: fs.readFileSync(process.env.TLS_CERT), key: fs.readFileSync(process.env.TLS_KEY) });
  wss = new WebSocketServer({ server, perMessageDeflate: false });
  server.listen(port, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
} else {
  wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false });
  wss.on('listening', () => console.log(`listening ${wss.address().port}`));
}
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
