// Issue 4's fan-out figure for `npm run bench`: a case change reaching 1,000 sockets that
// follow the case, spread over two API processes, against a bare socket.io server
// broadcasting to as many clients in the same run.
//
// The product's path: the comment's transaction writes an outbox row → the worker's relay,
// woken by NOTIFY, appends it to the Redis stream → each API process's gateway reads the
// stream and emits to its own sockets in the case's rooms. Latency is per socket, from the
// moment the HTTP request that made the change has returned to this process.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { io } from 'socket.io-client';
import { lookupIds } from './cases.mjs';
import { assignedCase, BANK_HANDLER, call, INTAKE, stats } from './live.mjs';

/** The target: p99 < 150 ms where a bare broadcast's p99 is ≈ 50 ms. */
export const FANOUT = { sockets: 1000, changes: 40, concurrentRounds: 10, p99Ms: 150, bareP99Ms: 50 };
/** Everyone who follows a case on its page: the center's staff and the bank's. */
const CENTER_USERS = ['qd.intake', 'qd.admin', 'qd.mediator', 'qd.liaison'];
const BANK_USERS = [BANK_HANDLER, 'icbc.admin', 'icbc.qd.manager', 'icbc.viewer'];
/** Each user signed in this many times (browsers); each sign-in has several tabs open. */
const SIGN_INS_PER_USER = 5;
/** How long a change may take to reach every socket before the missing ones count as lost. */
const WAIT_MS = 3000;
/** After the last socket got it: time for a duplicate to show up before the next change. */
const QUIET_MS = 100;

/**
 * `bare`: the bare socket.io server's URL; `apis`: the two API processes' URLs (a worker
 * runs); `redis` and `stream`: to read when the relay appended each change.
 *
 * The machine is shared: other work comes and goes within seconds. So the bare broadcasts
 * and the API's changes take turns (bare, API, bare, API, …) with all 2,000 sockets open,
 * and a burst of load hits both alike.
 */
export async function benchFanout({ bare, apis, owner, signIn, redis, stream, log }) {
  const result = {};
  // The case everyone follows, made through the API like any other, and a second one for
  // the simultaneous changes (so each event can be told apart and timed from its own request).
  const ids = await lookupIds(owner);
  const { rows } = await owner.query(`SELECT id FROM users WHERE username = 'qd.mediator'`);
  const [handler, intake] = await Promise.all([signIn(apis[0], BANK_HANDLER), signIn(apis[0], INTAKE)]);
  const caseId = await assignedCase(apis[0], { handler, intake }, ids, rows[0].id, 900_001);
  const otherCaseId = await assignedCase(apis[0], { handler, intake }, ids, rows[0].id, 900_002);

  // Real sign-ins (sessions in the database), every socket authenticated by the gateway and
  // joined to case:<id> through rooms.join, half of them on each API process.
  const t = Date.now();
  const users = [...CENTER_USERS, ...BANK_USERS];
  const tokens = [];
  for (const user of users) {
    for (let i = 0; i < SIGN_INS_PER_USER; i++) tokens.push({ user, token: await signIn(apis[i % 2], user) });
  }
  const plan = Array.from({ length: FANOUT.sockets }, (_, i) => ({ url: apis[i % 2], auth: { token: tokens[i % tokens.length].token }, user: tokens[i % tokens.length].user }));
  log(`▸ fan-out: ${tokens.length} sign-ins of ${users.length} users, ${FANOUT.sockets} sockets over 2 API processes joining two cases' rooms, and ${FANOUT.sockets} on a bare socket.io server …`);
  const clients = await connectAll(plan, (envelope) => [caseId, otherCaseId].includes(envelope.data?.caseId) && envelope.data.caseId);
  const bareClients = [];
  try {
    const join = (id) => Promise.all(clients.map((c) => c.socket.timeout(10_000).emitWithAck('rooms.join', `case:${id}`)));
    const [first, second] = [await join(caseId), await join(otherCaseId)];
    const refused = [...new Set(clients.filter((_, i) => !first[i]?.ok || !second[i]?.ok).map((c) => c.user))];
    if (refused.length) throw new Error(`rooms.join case:<id> was refused for ${refused.join(', ')}`);
    bareClients.push(...(await connectAll(Array.from({ length: FANOUT.sockets }, () => ({ url: bare, auth: {} })), () => 'bare')));
    result.setupSeconds = (Date.now() - t) / 1000;
    result.users = users;
    result.signIns = tokens.length;
    log(
      `  … ready in ${result.setupSeconds.toFixed(1)} s; taking turns: ${FANOUT.changes} bare broadcasts, ${FANOUT.changes} comments by ${INTAKE} alternately on API #1 and #2, ` +
        `and every ${FANOUT.changes / FANOUT.concurrentRounds}th turn two comments at once (${INTAKE} on API #1, ${BANK_HANDLER} on API #2)`,
    );

    let k = 0;
    const comment = async (api, token, id = caseId) => {
      await call(api, token, 'POST', `/api/v1/cases/${id}/comments`, { body: `基准测试评论 ${++k}` });
      return { at: performance.now(), epoch: Date.now(), caseId: id };
    };
    const targets = {
      bare: target(bareClients, async () => {
        const response = await fetch(`${bare}/broadcast`, { method: 'POST' });
        const { n } = await response.json();
        return [{ at: performance.now(), epoch: Date.now(), seq: n, caseId: 'bare' }];
      }),
      api: target(clients, async () => [await comment(apis[k % 2], intake)]),
      // Two people commenting at the same moment on two cases every socket follows, one through
      // each API process: the relay must not miss the second commit while busy with the first.
      concurrent: target(clients, () => Promise.all([comment(apis[0], intake, caseId), comment(apis[1], handler, otherCaseId)])),
    };
    const streamStart = await lastStreamId(redis, stream);
    // One turn each first, not measured: connections, JIT and prepared statements settle.
    for (const x of Object.values(targets)) await x.round(false);
    for (let i = 0; i < FANOUT.changes; i++) {
      await targets.bare.round();
      await targets.api.round();
      if (i % (FANOUT.changes / FANOUT.concurrentRounds) === 0) await targets.concurrent.round();
    }
    result.bare = targets.bare.result();
    result.api = targets.api.result();
    result.concurrent = targets.concurrent.result();
    result.api.relay = await relayLags(redis, stream, streamStart, result.api.changes);
    result.concurrent.relay = await relayLags(redis, stream, streamStart, result.concurrent.changes);
    result.api.perProcess = [0, 1].map((p) => stats(clients.flatMap((c, i) => (i % 2 === p ? c.samples : []))));
  } finally {
    for (const c of [...clients, ...bareClients]) c.socket.close();
  }
  return result;
}

/** Opens the sockets 50 at a time; each keeps the matching `case.updated` envelopes it receives. */
async function connectAll(plan, matches) {
  const clients = [];
  for (let i = 0; i < plan.length; i += 50) {
    clients.push(
      ...(await Promise.all(
        plan.slice(i, i + 50).map(
          ({ url, auth, user }) =>
            new Promise((resolve, reject) => {
              const socket = io(url, { path: '/socket.io', transports: ['websocket'], auth, reconnection: false, forceNew: true, timeout: 10_000 });
              const client = { socket, user, events: [], samples: [] };
              socket.on('case.updated', (envelope) => {
                const key = matches(envelope);
                if (key) client.events.push({ key, seq: envelope.seq, at: performance.now() });
              });
              socket.once('connect', () => resolve(client));
              socket.once('connect_error', (error) => reject(new Error(`a socket to ${url} was refused: ${error.message}`)));
            }),
        ),
      )),
    );
  }
  return clients;
}

/**
 * One kind of change to time on a set of sockets. `change()` makes a round's changes (one, or
 * several at once on different cases) and answers when each HTTP request returned. A round
 * waits until every socket has all its events (or WAIT_MS), then QUIET_MS for duplicates. A
 * change's event is the seq most sockets got for its case; each socket's first copy of it is
 * a sample, from that change's HTTP answer; further copies are duplicates.
 */
function target(clients, change) {
  const samples = [];
  const changes = [];
  let missed = 0;
  let doubled = 0;
  let expected = 0;
  return {
    async round(measured = true) {
      for (const c of clients) c.events.length = 0;
      const done = await change();
      const deadline = performance.now() + WAIT_MS;
      while (clients.some((c) => new Set(c.events.map((e) => e.seq)).size < done.length) && performance.now() < deadline) await sleep(2);
      await sleep(QUIET_MS);
      if (!measured) return;
      expected += clients.length * done.length;
      for (const d of done) {
        const seq = d.seq ?? mostCommonSeq(clients, d.caseId);
        changes.push({ ...d, seq });
        for (const c of clients) {
          const mine = c.events.filter((e) => e.seq === seq);
          if (!mine.length) {
            missed += 1;
            continue;
          }
          const latency = mine[0].at - d.at;
          samples.push(latency);
          if (done.length === 1) c.samples.push(latency);
          doubled += mine.length - 1;
        }
      }
    },
    result: () => ({ ...stats(samples), expected, missed, doubled, changes }),
  };
}

function mostCommonSeq(clients, key) {
  const counts = new Map();
  for (const c of clients) for (const e of c.events) if (e.key === key) counts.set(e.seq, (counts.get(e.seq) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

async function lastStreamId(redis, stream) {
  const [last] = await redis.xrevrange(stream, '+', '-', 'COUNT', 1);
  return last?.[0] ?? '0-0';
}

/**
 * From the HTTP answer to the relay's XADD, per change: a stream entry's id is the Redis
 * clock in ms when it was appended (same machine, same clock as Date.now() here).
 */
async function relayLags(redis, stream, after, changes) {
  const entries = await redis.xrange(stream, `(${after}`, '+');
  const appended = new Map(entries.map(([id, fields]) => [JSON.parse(fields[1]).seq, Number(id.split('-')[0])]));
  return stats(changes.filter((c) => appended.has(String(c.seq))).map((c) => appended.get(String(c.seq)) - c.epoch));
}
