// The fan-out baseline for `npm run bench`: the smallest socket.io server, on the socket.io
// version the API uses, in its own process like the API. POST /broadcast answers first and
// then emits to every connected socket, so "from the moment the HTTP request returns" means
// the same here as for the API (whose event goes out after its transaction commits).
import { createServer } from 'node:http';
import { setImmediate } from 'node:timers';
import { Server } from 'socket.io';

const http = createServer((request, response) => {
  if (request.method === 'POST' && request.url === '/broadcast') {
    const n = ++sent;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ n }));
    // The same envelope shape the gateway emits (libs/core/realtime/realtime.gateway.ts).
    setImmediate(() => io.emit('case.updated', { seq: n, at: new Date().toISOString(), data: { caseId: 'bare', status: 'assigned', change: 'comment' } }));
    return;
  }
  response.writeHead(request.url === '/' ? 200 : 404, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ sockets: io.engine.clientsCount }));
});
const io = new Server(http, { path: '/socket.io', serveClient: false, cors: { origin: false } });
let sent = 0;

http.listen(Number(process.env.PORT), '127.0.0.1');

const stop = () => io.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
