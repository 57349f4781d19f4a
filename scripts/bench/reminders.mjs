// Issue 4's reminders figure for `npm run bench`: session reminders fire less than a second
// after they are due, and none is lost or doubled when the worker is killed (SIGKILL) and
// restarted while they fall due; against bare BullMQ delayed jobs in the same run.
//
// The reminders are the product's own: mediators created by the center's admin, cases filed
// by the bank and assigned, sessions booked through the API (outside office hours, with a
// reason, as a center may for an evening session). A session booked to start 30 minutes and
// a few seconds from now has its 30-minute reminder due in a few seconds; one 24 hours and a
// few seconds from now its 24-hour reminder. The worker's plan-reminders job schedules them
// as delayed BullMQ jobs; the reminder job writes an in-app notification to the mediator and
// the bank's handler, whose created_at (the transaction's start, inside the job) is compared
// with the due time.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { lookupIds } from './cases.mjs';
import { assignedCase, BANK_HANDLER, call, INTAKE, stats } from './live.mjs';

export const REMINDERS = { count: 40, spreadMs: 24_000, lagMs: 1000, baselineJobs: 30, lockMs: 5000, heldLagMs: 2000 };
const LEADS = { '30m': 30 * 60_000, '24h': 24 * 3600_000 };
/** Each mediator has one session per lead: two reminders; sessions of one mediator never overlap. */
const MEDIATORS = REMINDERS.count / 2;
/** Reminders falling due at the same moment, halfway: the worker is killed while it holds some. */
const CLUSTER = 8;
/** The worker's job lock (libs/core/queue/job-worker.service.ts JOB_LOCK_MS). */
const JOB_LOCK_MS = REMINDERS.lockMs;
/** Room between the last booking and the first reminder due. */
const FIRST_DUE_AFTER_MS = 4000;

/**
 * `worker()` is the running worker process; `killWorker()` kills it with SIGKILL and
 * `startWorker()` starts a new one (resolving once it is running).
 */
export async function benchReminders({ root, api, owner, redis, bullPrefix, redisUrl, signIn, killWorker, startWorker, log }) {
  const result = {};
  log(`▸ reminders baseline: ${REMINDERS.baselineJobs} bare BullMQ delayed jobs due over ${REMINDERS.spreadMs / 4000} s`);
  result.bare = await bareBullmq({ root, redisUrl, prefix: `${bullPrefix}-bare`, jobs: REMINDERS.baselineJobs, spreadMs: REMINDERS.spreadMs / 4 });

  const t = Date.now();
  const ids = await lookupIds(owner);
  const [admin, intake, handler] = await Promise.all([signIn(api, 'qd.admin'), signIn(api, INTAKE), signIn(api, BANK_HANDLER)]);
  const run = randomBytes(3).toString('hex');
  const mediators = [];
  for (let i = 0; i < MEDIATORS; i++) {
    const user = await call(api, admin, 'POST', '/api/v1/users', {
      username: `bench.${run}.mediator${i}`,
      displayName: `基准调解员${i}`,
      password: `Bench-${randomBytes(8).toString('hex')}`,
      roles: ['mediator'],
    });
    mediators.push({ id: user.id, caseId: await assignedCase(api, { handler, intake }, ids, user.id, 910_000 + i) });
  }
  const { rows: [{ handlerId }] } = await owner.query(`SELECT id AS "handlerId" FROM users WHERE username = $1`, [BANK_HANDLER]);
  log(`▸ reminders: ${MEDIATORS} mediators created and their cases filed and assigned (${((Date.now() - t) / 1000).toFixed(1)} s); booking ${REMINDERS.count} sessions`);

  // Reminder i falls due at base + i × spread / count, alternately a 30-minute and a 24-hour
  // one; the CLUSTER in the middle fall due together, and the worker is killed while it holds
  // some of them.
  const base = Date.now() + REMINDERS.count * 150 + FIRST_DUE_AFTER_MS;
  const middle = base + REMINDERS.spreadMs / 2;
  const clustered = (i) => Math.abs(i - REMINDERS.count / 2) < CLUSTER / 2;
  const reminders = [];
  for (let i = 0; i < REMINDERS.count; i++) {
    const kind = i % 2 ? '24h' : '30m';
    const mediator = mediators[Math.floor(i / 2)];
    const due = clustered(i) ? middle : base + Math.round((i * REMINDERS.spreadMs) / REMINDERS.count);
    const startsAt = new Date(due + LEADS[kind]).toISOString();
    const session = await call(api, intake, 'POST', `/api/v1/cases/${mediator.caseId}/sessions`, {
      channel: 'phone',
      startsAt,
      minutes: 15,
      outsideHoursReason: '基准测试：提醒触发时间',
    });
    reminders.push({ sessionId: session.id, kind, due, recipients: [mediator.id, handlerId] });
  }
  const booked = Date.now();
  if (booked > base - 500) throw new Error(`booking took too long: the first reminder was due ${base - booked} ms after the last booking`);

  // Every reminder must be a delayed job before the first is due (the plan-reminders jobs ran).
  const key = (name) => `${bullPrefix}:events:${name}`;
  const jobId = (r) => `reminder-${r.sessionId}-${r.kind}-${r.due + LEADS[r.kind]}`;
  for (;;) {
    const scores = await Promise.all(reminders.map((r) => redis.zscore(key('delayed'), jobId(r))));
    if (scores.every((s) => s !== null)) break;
    if (Date.now() > base - 200) throw new Error(`only ${scores.filter((s) => s !== null).length} of ${reminders.length} reminders were planned before the first was due`);
    await sleep(50);
  }
  const lastDue = Math.max(...reminders.map((r) => r.due));
  log(`  … planned; due from ${((base - Date.now()) / 1000).toFixed(1)} s to ${((lastDue - Date.now()) / 1000).toFixed(1)} s from now, ${CLUSTER} together at ${((middle - Date.now()) / 1000).toFixed(1)} s; the worker is killed (SIGKILL) there and restarted`);

  // When the cluster falls due: kill the worker the moment it holds reminders (its active
  // list), then start a new one at once.
  await sleep(Math.max(0, middle - Date.now()));
  const watchUntil = Date.now() + 2000;
  while (Date.now() < watchUntil && (await redis.llen(key('active'))) === 0) {
    // One round trip to Redis per turn: the kill follows within a millisecond.
  }
  const killedAt = Date.now();
  await killWorker();
  const inHand = new Set(await redis.lrange(key('active'), 0, -1));
  const committed = await reminderRows(owner, reminders);
  await startWorker();
  const readyAt = Date.now();
  const held = reminders.filter((r) => inHand.has(jobId(r)));
  const heldCommitted = held.filter((r) => committed.some((n) => n.sessionId === r.sessionId && n.kind === r.kind)).length;
  result.restart = { killedAt, readyAt, downMs: readyAt - killedAt, inHand: inHand.size, held: held.length, heldCommitted };

  // Everything due, plus what the stalled check needs to hand a dead worker's jobs out again.
  const expected = reminders.length * 2;
  const deadline = Math.max(lastDue + 3000, held.length ? killedAt + 4 * JOB_LOCK_MS : 0);
  let rows;
  for (;;) {
    rows = await reminderRows(owner, reminders);
    const stillHeld = held.length ? (await redis.lrange(key('active'), 0, -1)).some((id) => inHand.has(id)) || (await redis.lrange(key('wait'), 0, -1)).some((id) => inHand.has(id)) : false;
    if ((rows.length >= expected && Date.now() > lastDue + 1500 && !stillHeld) || Date.now() > deadline) break;
    await sleep(250);
  }
  // A re-run that would double a reminder comes right after its first: look once more.
  await sleep(1000);
  rows = await reminderRows(owner, reminders);

  let missing = 0;
  let doubled = 0;
  const groups = { up: [], pending: [], held: [] };
  const pendingSet = new Set();
  for (const r of reminders) {
    for (const userId of r.recipients) {
      const got = rows.filter((n) => n.sessionId === r.sessionId && n.kind === r.kind && n.userId === userId).map((n) => n.at);
      if (!got.length) {
        missing += 1;
        continue;
      }
      doubled += got.length - 1;
      const first = Math.min(...got);
      if (inHand.has(jobId(r))) {
        // In the dead worker's hands: back once its lock expired (and a worker runs), unless it
        // had committed; the lag counts from then.
        groups.held.push(first - Math.max(killedAt + JOB_LOCK_MS, readyAt));
      } else if (first >= killedAt && r.due < readyAt) {
        // Not yet taken when the worker died, due before the new one ran: it can fire only then.
        pendingSet.add(r);
        groups.pending.push(first - Math.max(r.due, readyAt));
      } else groups.up.push(first - r.due);
    }
  }
  result.api = {
    reminders: reminders.length,
    expected,
    delivered: rows.length,
    missing,
    doubled,
    unexpected: rows.filter((n) => !reminders.some((r) => r.sessionId === n.sessionId && r.kind === n.kind)).length,
    up: stats(groups.up),
    pending: stats(groups.pending),
    held: stats(groups.held),
    pendingAtKill: pendingSet.size,
  };
  return result;
}

/** The reminder notifications of these sessions, with their created_at in epoch ms. */
async function reminderRows(owner, reminders) {
  const { rows } = await owner.query(
    `SELECT data->>'sessionId' AS "sessionId", substr(kind, length('session.reminder-') + 1) AS kind, user_id AS "userId",
            (extract(epoch FROM created_at) * 1000)::float8 AS at
     FROM notifications WHERE kind LIKE 'session.reminder-%' AND data->>'sessionId' = ANY($1)`,
    [reminders.map((r) => r.sessionId)],
  );
  return rows;
}

function bareBullmq({ root, redisUrl, prefix, jobs, spreadMs }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/bench/bare-bullmq.mjs'], {
      cwd: root,
      env: { ...process.env, REDIS_URL: redisUrl, PREFIX: prefix, JOBS: String(jobs), SPREAD_MS: String(spreadMs), LEAD_MS: '1500' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      try {
        const { expected, lags } = JSON.parse(out.trim().split('\n').pop());
        resolve({ ...stats(lags), expected, delivered: lags.length });
      } catch {
        reject(new Error(`the bare BullMQ run failed (exit ${code}): ${out.slice(-500)}`));
      }
    });
  });
}
