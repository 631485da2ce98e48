// A Node.js `ws` server that exercises a WebSocket client's side of RFC 6455, for WsLoad's conformance tests
// (tests/WsLoad.Integration.Tests/Conformance). Usage: node conformance.js PORT   (PORT 0 = any)
// Prints "listening <port>" once ready, then "closed <id> <code> <reason>" when a connection whose URL carried
// ?id=<id> ends. Listens on 127.0.0.1; exits on SIGTERM/SIGINT. What a connection gets depends on its path:
//   /echo                 every message is sent back unchanged, with its type
//   /fragmented           one text message in three frames (split inside a UTF-8 character), a ping between them
//   /ping                 a ping with payload "hello-ping"
//   /close?code=C&reason=R  the server closes with that code (and reason)
//   /violation?kind=K     raw bytes that break the protocol, written under ws: rsv | opcode | masked | long-control | fragmented-control
// Every pong the server receives is answered with a text message "pong:<payload>".
const { WebSocketServer } = require('ws');

const violations = {
  rsv: [0xc1, 0x00], // FIN + RSV1 on a text frame, no extension negotiated
  opcode: [0x83, 0x00], // reserved data opcode 0x3
  masked: [0x81, 0x81, 1, 2, 3, 4, 0x61], // a masked frame from the server
  'long-control': [0x89, 0x7e, 0x00, 0x7e, ...new Array(126).fill(0x78)], // ping with a 126-byte payload
  'fragmented-control': [0x09, 0x00], // ping without FIN
};

const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(process.argv[2] || 0), perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
wss.on('listening', () => console.log(`listening ${wss.address().port}`));
wss.on('connection', (socket, request) => {
  const url = new URL(request.url, 'http://localhost');
  const id = url.searchParams.get('id') || '-';
  socket.on('close', (code, reason) => console.log(`closed ${id} ${code} ${reason.toString()}`));
  socket.on('error', () => {});
  socket.on('pong', (data) => socket.send(`pong:${data.toString()}`));
  switch (url.pathname) {
    case '/echo':
      socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
      break;
    case '/fragmented': {
      const message = Buffer.from('fragmented: héllo, wörld ✓', 'utf8');
      const cut = message.indexOf(0xc3) + 1; // inside the 2-byte 'é'
      socket.send(message.subarray(0, cut), { binary: false, fin: false });
      socket.send(message.subarray(cut, cut + 7), { binary: false, fin: false });
      socket.ping('mid');
      socket.send(message.subarray(cut + 7), { binary: false, fin: true });
      break;
    }
    case '/ping':
      socket.ping('hello-ping');
      break;
    case '/close':
      socket.close(Number(url.searchParams.get('code')), url.searchParams.get('reason') || undefined);
      break;
    case '/violation':
      socket._socket.write(Buffer.from(violations[url.searchParams.get('kind')]));
      break;
    default:
      socket.close(1008, 'unknown path');
  }
});
const stop = () => wss.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
