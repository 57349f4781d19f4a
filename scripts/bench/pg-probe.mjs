// A PostgreSQL wire-protocol tap for `npm run bench`: a TCP proxy between an API process and
// PostgreSQL that forwards every byte unchanged and records what the client sends: simple
// queries (Q), and for the extended protocol the SQL of each Parse (P), the statement and
// parameters of each Bind (B), and each Sync (S). From that the benchmark learns, for one
// request at a time, how many statements and round trips it cost, and replays the exact SQL
// with the exact parameters under EXPLAIN. Only used on a separate API process after the load
// runs, so it never sits in the measured path.
import net from 'node:net';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/**
 * Listens on 127.0.0.1:<free port> and forwards to `target` ({ host, port }).
 * Returns { port, events, startup, close }: `startup` holds each connection's startup
 * parameters ({ connection, user, database, options, … }); `events` grows with
 * { connection, kind: 'query'|'execute'|'sync', sql, params } in arrival order.
 */
export async function startProbe(target) {
  const events = [];
  const startup = [];
  const sockets = new Set();
  let nextConnection = 1;

  const server = net.createServer((client) => {
    const connection = nextConnection++;
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    const statements = new Map(); // statement name → SQL, per connection like the server's
    let buffer = Buffer.alloc(0);
    let started = false;

    upstream.on('data', (chunk) => client.write(chunk));
    client.on('data', (chunk) => {
      upstream.write(chunk);
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      buffer = parse(buffer);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);

    function parse(data) {
      let offset = 0;
      for (;;) {
        if (!started) {
          if (data.length - offset < 8) break;
          const length = data.readInt32BE(offset);
          if (data.length - offset < length) break;
          const code = data.readInt32BE(offset + 4);
          if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) {
            started = true;
            startup.push({ connection, ...startupParameters(data.subarray(offset + 8, offset + length)) });
          }
          offset += length;
          continue;
        }
        if (data.length - offset < 5) break;
        const type = String.fromCharCode(data[offset]);
        const length = data.readInt32BE(offset + 1);
        if (data.length - offset < 1 + length) break;
        message(type, data.subarray(offset + 5, offset + 1 + length));
        offset += 1 + length;
      }
      return data.subarray(offset);
    }

    function message(type, body) {
      if (type === 'Q') {
        events.push({ connection, kind: 'query', sql: cString(body, 0).value, params: [] });
      } else if (type === 'P') {
        const name = cString(body, 0);
        const sql = cString(body, name.next);
        statements.set(name.value, sql.value);
      } else if (type === 'B') {
        const portal = cString(body, 0);
        const statement = cString(body, portal.next);
        let at = statement.next;
        const formatCount = body.readInt16BE(at);
        at += 2;
        const formats = [];
        for (let i = 0; i < formatCount; i++, at += 2) formats.push(body.readInt16BE(at));
        const paramCount = body.readInt16BE(at);
        at += 2;
        const params = [];
        for (let i = 0; i < paramCount; i++) {
          const size = body.readInt32BE(at);
          at += 4;
          if (size < 0) {
            params.push(null);
            continue;
          }
          const raw = body.subarray(at, at + size);
          at += size;
          const binary = (formats.length === 1 ? formats[0] : formats[i] ?? 0) === 1;
          params.push(binary ? Buffer.from(raw) : raw.toString('utf8'));
        }
        events.push({ connection, kind: 'execute', sql: statements.get(statement.value) ?? `(unknown statement ${statement.value})`, params });
      } else if (type === 'S') {
        events.push({ connection, kind: 'sync' });
      }
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: server.address().port,
    events,
    startup,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function cString(buffer, start) {
  const end = buffer.indexOf(0, start);
  return { value: buffer.toString('utf8', start, end), next: end + 1 };
}

function startupParameters(body) {
  const params = {};
  let at = 0;
  while (at < body.length && body[at] !== 0) {
    const key = cString(body, at);
    const value = cString(body, key.next);
    params[key.value] = value.value;
    at = value.next;
  }
  return params;
}

/**
 * What one request cost in database traffic: statements (simple-protocol statements counted
 * by their `;`-separated parts, plus extended-protocol executions) and round trips (each
 * simple query and each Sync waits for the server once).
 */
export function summarise(events) {
  let statements = 0;
  let roundTrips = 0;
  for (const event of events) {
    if (event.kind === 'query') {
      statements += event.sql.split(';').filter((part) => part.trim()).length;
      roundTrips += 1;
    } else if (event.kind === 'execute') {
      statements += 1;
    } else if (event.kind === 'sync') {
      roundTrips += 1;
    }
  }
  return { statements, roundTrips };
}
