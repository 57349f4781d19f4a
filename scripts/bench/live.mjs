// What issue 4's bench sections share: JSON requests to the API, a case made the way users
// make one (filed by the bank, accepted and assigned by the center), and waiting until the
// worker has caught up with what earlier sections left in the outbox and the queue.
import { setTimeout as sleep } from 'node:timers/promises';
import { filingBody } from './cases.mjs';

export const INTAKE = 'qd.intake';
export const BANK_HANDLER = 'icbc.qd.handler';

/** One JSON request; throws with the problem+json body on anything but the expected status. */
export async function call(base, token, method, path, body, expected = [200, 201]) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!expected.includes(response.status)) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return json;
}

/** A referral filed by ICBC's handler, accepted by intake and assigned to `mediatorId`. */
export async function assignedCase(api, { handler, intake }, ids, mediatorId, n) {
  const filed = await call(api, handler, 'POST', '/api/v1/cases', filingBody(ids, n));
  await call(api, intake, 'POST', `/api/v1/cases/${filed.id}/accept`, {});
  await call(api, intake, 'POST', `/api/v1/cases/${filed.id}/assign`, { mediatorId, overrideReason: '基准测试指定' });
  return filed.id;
}

/**
 * Until the outbox has no unpublished rows and the events queue has nothing waiting or
 * running: the filing section leaves thousands of notify-parties jobs behind, and a worker
 * busy with them would be measured along with the section that follows.
 */
export async function drained(owner, redis, bullPrefix, timeoutMs = 120_000) {
  const t = Date.now();
  for (;;) {
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
    // The events queue and the webhooks queue (issue 17: deliveries have their own).
    const [waiting, active, prioritized] = (
      await Promise.all(
        ['events', 'webhooks'].map((q) => Promise.all([redis.llen(`${bullPrefix}:${q}:wait`), redis.llen(`${bullPrefix}:${q}:active`), redis.zcard(`${bullPrefix}:${q}:prioritized`)])),
      )
    ).reduce((sum, counts) => sum.map((n, i) => n + counts[i]));
    if (rows[0].n + waiting + active + prioritized === 0) return (Date.now() - t) / 1000;
    if (Date.now() - t > timeoutMs) throw new Error(`the worker did not catch up within ${timeoutMs / 1000} s (${rows[0].n} outbox rows, ${waiting + active + prioritized} jobs left)`);
    await sleep(200);
  }
}

export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted.length ? sorted[sorted.length - 1] : NaN };
}
