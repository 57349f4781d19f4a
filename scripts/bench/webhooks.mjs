// Issue 17's webhook figure for `npm run bench -- --only=webhooks`: 1,000 case events (referrals
// filed by ICBC's handler at a steady pace) fanned out to 3 endpoints of the bank, each a receiver
// on loopback in this process; every delivery must land (3,000 distinct webhook-ids), and the p99
// from the case change (the outbox row's time, i.e. the filing's transaction) to the receiver's
// 2xx must stay under 1 s. Beside it, in the same run, bare BullMQ jobs added at the same pace
// (add() → processor) show what the queue alone costs on this machine.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { filingBody, HANDLER, lookupIds } from './cases.mjs';
import { call, stats } from './live.mjs';

export const WEBHOOKS = {
  events: Number(process.env.WEBHOOK_BENCH_EVENTS) || 1000,
  endpoints: 3,
  /**
   * Case events per second (WEBHOOK_BENCH_RATE): 25/s is far above a bank's real pace (its day of
   * referrals in seconds). Each event also brings the worker its other jobs (notify the parties,
   * recount statistics), and one worker on 2 busy cores saturates near 100/s: the queue then
   * grows and the latency with it (measured: p99 33 s at 100/s, 0.38 s at 25/s). With the deliveries on
   * a queue of their own (QUEUE_WEBHOOKS), on a machine busy with other work (load 5–9), before → after:
   * 100/s p99 35.6 s → 7.2 s, 25/s p99 7.4 s → 4.2 s; what remains is before the deliveries are recorded (relay and fan-out).
   */
  ratePerSecond: Number(process.env.WEBHOOK_BENCH_RATE) || 25,
  p99Ms: 1000,
};
const ADMIN = 'icbc.admin';

/** A receiver answering 204 at once and noting when each webhook-id first arrived. */
async function receiver() {
  const arrivals = new Map();
  let requests = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      requests++;
      const id = String(req.headers['webhook-id']);
      if (!arrivals.has(id)) arrivals.set(id, { at, body: Buffer.concat(chunks).toString('utf8'), signed: /^v1,/.test(String(req.headers['webhook-signature'])) });
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/webhooks`, arrivals, requests: () => requests, close: () => new Promise((r) => server.close(r)) };
}

export async function benchWebhooks({ root, api, owner, redisUrl, bullPrefix, signIn, log }) {
  const { events, endpoints, ratePerSecond } = WEBHOOKS;
  const receivers = await Promise.all(Array.from({ length: endpoints }, receiver));
  try {
    const [admin, handler] = await Promise.all([signIn(api, ADMIN), signIn(api, HANDLER)]);
    const registered = [];
    for (const r of receivers) {
      registered.push(await call(api, admin, 'POST', '/api/v1/webhook-endpoints', { url: r.url, eventTypes: ['case.submitted'], description: 'bench' }));
    }
    const ids = await lookupIds(owner);
    log(`▸ webhooks: filing ${events} referrals at ${ratePerSecond}/s, each event to ${endpoints} endpoints on loopback`);
    const t0 = Date.now();
    const filings = [];
    for (let n = 0; n < events; n++) {
      const wait = t0 + (n * 1000) / ratePerSecond - Date.now();
      if (wait > 0) await sleep(wait);
      filings.push(call(api, handler, 'POST', '/api/v1/cases', filingBody(ids, 9_000_000 + n)));
    }
    const filed = await Promise.all(filings);
    const expected = events * endpoints;
    const landed = () => receivers.reduce((sum, r) => sum + r.arrivals.size, 0);
    const deadline = Date.now() + 120_000;
    while (landed() < expected && Date.now() < deadline) await sleep(100);
    const filedIds = new Set(filed.map((c) => c.id));
    const latencies = [];
    let foreign = 0;
    let unsigned = 0;
    for (const r of receivers) {
      for (const { at, body, signed } of r.arrivals.values()) {
        const event = JSON.parse(body);
        if (!filedIds.has(event.data.case.caseId)) foreign++;
        if (!signed) unsigned++;
        latencies.push(at - Date.parse(event.timestamp));
      }
    }
    const { rows } = await owner.query(
      `SELECT status, count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = ANY($1::uuid[]) GROUP BY status`,
      [registered.map((e) => e.id)],
    );
    // Where the time goes: the case change → its deliveries recorded (relay + fan-out job), → the attempt began (relay + delivery job).
    const split = await owner.query(
      `SELECT (extract(epoch FROM d.created_at - (d.payload->>'timestamp')::timestamptz) * 1000)::float8 AS "fanOut",
              (extract(epoch FROM d.delivered_at - d.created_at) * 1000)::float8 AS "deliver"
       FROM webhook_deliveries d WHERE endpoint_id = ANY($1::uuid[])`,
      [registered.map((e) => e.id)],
    );
    const { rows: jobs } = await owner.query(`SELECT job_name AS lib, count(*)::int AS n FROM processed_jobs GROUP BY 1 ORDER BY 2 DESC`).catch(() => ({ rows: [] }));
    log(`▸ webhooks: bare BullMQ jobs at the same pace (${expected} jobs)`);
    const bare = await bareJobs({ root, redisUrl, prefix: `${bullPrefix}-bare-webhooks`, jobs: expected, ratePerSecond: ratePerSecond * endpoints, batch: endpoints });
    return {
      events,
      endpoints,
      ratePerSecond,
      expected,
      landed: landed(),
      perEndpoint: receivers.map((r) => r.arrivals.size),
      requests: receivers.reduce((sum, r) => sum + r.requests(), 0),
      foreign,
      unsigned,
      statuses: Object.fromEntries(rows.map((r) => [r.status, r.n])),
      latency: stats(latencies),
      fanOut: stats(split.rows.map((r) => r.fanOut)),
      deliver: stats(split.rows.map((r) => r.deliver)),
      jobs,
      bare,
      seconds: (Date.now() - t0) / 1000,
    };
  } finally {
    await Promise.all(receivers.map((r) => r.close()));
  }
}

function bareJobs({ root, redisUrl, prefix, jobs, ratePerSecond, batch }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/bench/bare-bullmq-jobs.mjs'], {
      cwd: root,
      env: { ...process.env, REDIS_URL: redisUrl, PREFIX: prefix, JOBS: String(jobs), RATE_PER_SECOND: String(ratePerSecond), BATCH: String(batch) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      try {
        const { expected, latencies } = JSON.parse(out.trim().split('\n').pop());
        resolve({ ...stats(latencies), expected, delivered: latencies.length });
      } catch {
        reject(new Error(`the bare BullMQ run failed (exit ${code}): ${out.slice(-500)}`));
      }
    });
  });
}
