import { DEMO_PASSWORD } from '@accord/demo';
import { AppProcess, FaultCluster, report, sleep, waitUntil } from './support/cluster';
import { doubledMessages, doubledNotifications, outboxCounts } from './support/checks';
import { Listener } from './support/listener';
import { Recorder, total } from './support/recorder';
import { assign, book, createMediators, fileCase, referral } from './support/traffic';

/**
 * Scenario 2: Redis stopped (FAULTS_REDIS_DOWN_SECONDS, 30 by default) under filing, comments,
 * booking and reads. PostgreSQL is the record: those go on. What needs Redis answers 503
 * problem+json with Retry-After, never a 500. Redis comes back empty (CI runs it with nothing on
 * disk): the outbox drains, the reminder that fell due meanwhile fires late and once, the
 * sockets are connected and have every event of the center.
 */
const DOWN_SECONDS = Number(process.env.FAULTS_REDIS_DOWN_SECONDS ?? 30);

describe('fault: Redis stopped under load', () => {
  let cluster: FaultCluster;
  let api: AppProcess;
  let listener: Listener | undefined;

  beforeAll(async () => {
    cluster = await FaultCluster.start();
    api = await cluster.startApi();
    await cluster.startWorker();
  }, 120000);
  afterAll(async () => {
    listener?.close();
    await cluster?.stop();
  });

  it('goes on with what PostgreSQL holds, says 503 for the rest, and catches up once Redis is back', async () => {
    const [handler, intake, admin] = [await cluster.signIn(api, 'icbc.qd.handler'), await cluster.signIn(api, 'qd.intake'), await cluster.signIn(api, 'qd.admin')];
    const [mediator] = await createMediators(api, admin, 'redis.mediator', 2);
    const caseId = await fileCase(cluster, api, handler, 1);
    await assign(api, intake, caseId, mediator);
    // A reminder due a third of the way into the outage: Redis forgets it; it must still go out.
    const dueAt = Date.now() + 8000 + (DOWN_SECONDS * 1000) / 3;
    const sessionId = await book(api, intake, caseId, new Date(Math.ceil((dueAt + 30 * 60_000) / 1000) * 1000));
    await waitUntil(async () => (await cluster.count(`SELECT count(*)::int AS n FROM processed_jobs WHERE job_name = 'sessions.plan-reminders'`)) >= 1, 'reminders planned');

    const doubledBefore = (await doubledNotifications(cluster)) + (await doubledMessages(cluster));
    const center = cluster.org('qd-center');
    const startSeq = await cluster.count(`SELECT coalesce(max(id), 0) AS n FROM outbox`);
    listener = new Listener(api.url, intake.accessToken, startSeq);
    await listener.connected();

    const recorder = new Recorder();
    let running = true;
    let n = 100;
    const caseIds = [caseId];
    let nextSlot = Math.ceil((Date.now() + 3 * 86400_000) / 3600_000) * 3600_000;
    const loops = [
      // Filing, then reading the case and the list.
      (async () => {
        while (running) {
          const res = await recorder.send('POST /cases', () => api.http().post('/api/v1/cases').set(handler.auth).send(referral(cluster, n++)).timeout(15000));
          if (res?.status === 201) caseIds.push((res.body as { id: string }).id);
          await recorder.send('GET /cases/:id', () => api.http().get(`/api/v1/cases/${caseIds[caseIds.length - 1]}`).set(intake.auth).timeout(15000));
          await recorder.send('GET /cases', () => api.http().get('/api/v1/cases?pageSize=20').set(intake.auth).timeout(15000));
          await sleep(150);
        }
      })(),
      // Comments on the assigned case.
      (async () => {
        while (running) {
          await recorder.send('POST /cases/:id/comments', () => api.http().post(`/api/v1/cases/${caseId}/comments`).set(intake.auth).send({ body: `进展 ${n++}` }).timeout(15000));
          await sleep(300);
        }
      })(),
      // Booking the same case's further sessions, an hour apart.
      (async () => {
        while (running) {
          const startsAt = new Date((nextSlot += 3600_000)).toISOString();
          await recorder.send('POST /cases/:id/sessions', () =>
            api.http().post(`/api/v1/cases/${caseId}/sessions`).set(intake.auth).send({ channel: 'phone', startsAt, minutes: 30, outsideHoursReason: '故障测试' }).timeout(15000),
          );
          await sleep(1000);
        }
      })(),
      // Signing in (the lock-out counters live in Redis).
      (async () => {
        while (running) {
          await recorder.send('POST /auth/sign-in', () => api.http().post('/api/v1/auth/sign-in').send({ username: 'qd.mediator', password: DEMO_PASSWORD }).timeout(15000));
          await sleep(1000);
        }
      })(),
    ];

    await sleep(3000);
    const downAt = Date.now();
    await cluster.redis.stop();
    await sleep(DOWN_SECONDS * 1000);
    const upAt = Date.now();
    await cluster.redis.resume();
    await sleep(8000);
    running = false;
    await Promise.all(loops);

    // Afterwards: the outbox drains, the reminder fires (late, once), the socket has every event.
    await waitUntil(async () => {
      const c = await outboxCounts(cluster, startSeq);
      return c.relayed === c.sent && c.handled === c.withJob;
    }, 'the outbox drained', 90000);
    const reminders = () => cluster.count(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'session.reminder-30m' AND data->>'sessionId' = $1 AND user_id = $2`, [sessionId, mediator]);
    await waitUntil(async () => (await reminders()) >= 1, 'the reminder that fell due during the outage', 60000).catch(() => undefined);
    const expected = (
      await cluster.owner.query<{ id: string }>(`SELECT id FROM outbox WHERE id > $1 AND $2 = ANY(rooms) ORDER BY id`, [startSeq, `org:${center}`])
    ).rows.map((r) => Number(r.id));
    await waitUntil(async () => expected.every((s) => listener!.seqs.has(s)), 'the socket caught up', 20000).catch(() => undefined);
    await sleep(2000);

    const during = recorder.summary(recorder.between(downAt, upAt));
    const all = recorder.summary();
    const missed = expected.filter((s) => !listener!.seqs.has(s)).length;
    const filed = recorder.outcomes.filter((o) => o.route === 'POST /cases' && o.status === 201).length;
    const casesInDb = await cluster.count(`SELECT count(*)::int AS n FROM cases WHERE facts LIKE '分期手续费争议 #%' AND facts <> '分期手续费争议 #1'`);
    const firstReminder = await cluster.owner.query(`SELECT min(created_at) AS at FROM notifications WHERE kind = 'session.reminder-30m' AND data->>'sessionId' = $1`, [sessionId]);
    const lateBy = firstReminder.rows[0].at ? Math.round((Date.parse(firstReminder.rows[0].at) - dueAt) / 1000) : -1;
    const doubled = (await doubledNotifications(cluster)) + (await doubledMessages(cluster)) - doubledBefore;

    report(`Redis stopped ${DOWN_SECONDS} s under filing, comments, booking, sign-in`, {
      ...Object.fromEntries(Object.entries(during).map(([r, s]) => [`during: ${r}`, s])),
      'whole run': { sent: total(all, 'sent'), ok: total(all, 'ok'), '503': total(all, '503'), '5xx other': total(all, '5xx other'), 'no answer': total(all, 'no answer') },
      'cases filed (201)': { sent: filed, done: casesInDb, lost: filed - casesInDb },
      'reminder due in the outage': { sent: 1, done: await reminders(), lost: (await reminders()) === 0 ? 1 : 0, doubled: Math.max(0, (await reminders()) - 1), 'late by s': lateBy },
      'socket (center events)': { sent: expected.length, done: expected.length - missed, lost: missed, doubled: listener.duplicates, disconnects: listener.disconnects, connected: listener.socket.connected ? 1 : 0 },
      'side effects': { doubled },
    });

    expect(total(all, '5xx other')).toBe(0);
    expect(total(all, '503 bad')).toBe(0);
    expect(total(all, 'no answer')).toBe(0);
    expect(total(all, 'stack')).toBe(0);
    // Filing, comments and reads went on while Redis was away.
    for (const route of ['POST /cases', 'GET /cases/:id', 'GET /cases', 'POST /cases/:id/comments']) expect(during[route]?.ok).toBeGreaterThan(0);
    expect(casesInDb).toBe(filed);
    expect(await reminders()).toBe(1);
    expect(lateBy).toBeGreaterThanOrEqual(0);
    expect(listener.socket.connected).toBe(true);
    expect(missed).toBe(0);
    expect(listener.duplicates).toBe(0);
    expect(doubled).toBe(0);
  }, 300000);
});
