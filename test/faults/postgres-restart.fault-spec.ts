import { AppProcess, FaultCluster, report, sleep, waitUntil } from './support/cluster';
import { outboxCounts } from './support/checks';
import { Recorder, total } from './support/recorder';
import { referral } from './support/traffic';

/**
 * Scenario 3: PostgreSQL stopped (fast shutdown: open transactions are cut) and started again
 * (FAULTS_PG_DOWN_SECONDS, 5 by default) under filing, comments and reads over two API
 * processes and a worker. Requests in flight fail cleanly — 503 problem+json with Retry-After,
 * never a 500 or a stack — no case is half-written, and the same processes serve again once
 * PostgreSQL is back: the pools recover without a restart.
 */
const DOWN_SECONDS = Number(process.env.FAULTS_PG_DOWN_SECONDS ?? 5);

describe('fault: PostgreSQL restarted under load', () => {
  let cluster: FaultCluster;
  let apis: AppProcess[];
  let worker: AppProcess;

  beforeAll(async () => {
    cluster = await FaultCluster.start();
    apis = [await cluster.startApi('api-1'), await cluster.startApi('api-2')];
    worker = await cluster.startWorker();
  }, 120000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('fails what was in flight cleanly, writes nothing by halves, and serves again from the same processes', async () => {
    const [handler, intake] = [await cluster.signIn(apis[0], 'icbc.qd.handler'), await cluster.signIn(apis[1], 'qd.intake')];
    const pids = [...apis, worker].map((p) => p.pid);
    const firstOutbox = await cluster.count(`SELECT coalesce(max(id), 0) AS n FROM outbox`);
    const recorder = new Recorder();
    let running = true;
    let n = 1;
    const caseIds: string[] = [];
    const loop = (api: AppProcess) =>
      (async () => {
        while (running) {
          const res = await recorder.send('POST /cases', () => api.http().post('/api/v1/cases').set(handler.auth).send(referral(cluster, n++)).timeout(20000));
          if (res?.status === 201) caseIds.push((res.body as { id: string }).id);
          const id = caseIds[caseIds.length - 1];
          if (id) {
            await recorder.send('GET /cases/:id', () => api.http().get(`/api/v1/cases/${id}`).set(intake.auth).timeout(20000));
            await recorder.send('POST /cases/:id/comments', () => api.http().post(`/api/v1/cases/${id}/comments`).set(intake.auth).send({ body: `进展 ${n++}` }).timeout(20000));
          }
          await recorder.send('GET /cases', () => api.http().get('/api/v1/cases?pageSize=20').set(intake.auth).timeout(20000));
        }
      })();
    // Four clients, two on each API process, back to back (no pause): many requests are in flight at the stop.
    const loops = [loop(apis[0]), loop(apis[1]), loop(apis[0]), loop(apis[1])];
    await sleep(3000);
    const downAt = Date.now();
    await cluster.owner.end().catch(() => undefined);
    await cluster.pg.stop();
    await sleep(DOWN_SECONDS * 1000);
    await cluster.pg.resume();
    const upAt = Date.now();
    await cluster.reconnectOwner();
    // Each API process, unrestarted, files a case again: how long after PostgreSQL was up.
    const recoveredMs: number[] = [];
    for (const api of apis) {
      await waitUntil(async () => (await api.http().post('/api/v1/cases').set(handler.auth).send(referral(cluster, n++)).timeout(5000)).status === 201, `${api.name} writes again`, 30000);
      recoveredMs.push(Date.now() - upAt);
    }
    // Then ten seconds more of the same load, which must all succeed.
    const steadyFrom = Date.now();
    await sleep(10000);
    running = false;
    await Promise.all(loops);

    const after = recorder.summary(recorder.outcomes.filter((o) => o.at >= steadyFrom));
    const all = recorder.summary();
    const acknowledged = new Set(caseIds);
    const inDb = (await cluster.owner.query<{ id: string }>(`SELECT id FROM cases WHERE facts LIKE '分期手续费争议 #%'`)).rows.map((r) => r.id);
    const lost = [...acknowledged].filter((id) => !inDb.includes(id)).length;
    // Half-written: a case without its audit entry or its outbox event (they commit together).
    const halfWritten = await cluster.count(
      `SELECT count(*)::int AS n FROM cases c WHERE c.facts LIKE '分期手续费争议 #%' AND (
         NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.subject_id = c.id::text)
         OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.payload->>'caseId' = c.id::text))`,
    );
    await waitUntil(async () => {
      const c = await outboxCounts(cluster, firstOutbox);
      return c.relayed === c.sent && c.handled === c.withJob;
    }, 'the worker drained the outbox after the restart', 60000);
    const outbox = await outboxCounts(cluster, firstOutbox);
    const samePids = [...apis, worker].every((p, i) => p.alive && p.pid === pids[i]);

    report(`PostgreSQL stopped ${DOWN_SECONDS} s and started again, 4 clients over 2 API processes`, {
      ...all,
      'whole run': { sent: total(all, 'sent'), ok: total(all, 'ok'), '503': total(all, '503'), '503 bad': total(all, '503 bad'), '5xx other': total(all, '5xx other'), 'no answer': total(all, 'no answer'), stack: total(all, 'stack') },
      'the 10 s after recovery': { sent: total(after, 'sent'), ok: total(after, 'ok'), failed: total(after, 'sent') - total(after, 'ok') },
      'cases (201 → in PostgreSQL)': { sent: acknowledged.size, done: acknowledged.size - lost, lost, 'half-written': halfWritten, 'committed, no 201': inDb.length - acknowledged.size - apis.length },
      'outbox after restart': { sent: outbox.sent, done: outbox.relayed, lost: outbox.sent - outbox.relayed, handled: outbox.handled },
      recovery: { 'api-1 writes again after ms': recoveredMs[0], 'api-2 writes again after ms': recoveredMs[1], 'processes restarted': samePids ? 0 : 1, 'down ms': upAt - downAt },
    });

    expect(total(all, '5xx other')).toBe(0);
    expect(total(all, '503 bad')).toBe(0);
    expect(total(all, 'stack')).toBe(0);
    expect(total(all, 'no answer')).toBe(0);
    expect(total(all, '503')).toBeGreaterThan(0); // the fault did land under load
    expect(lost).toBe(0);
    expect(halfWritten).toBe(0);
    expect(total(after, 'ok')).toBe(total(after, 'sent'));
    expect(samePids).toBe(true);
  }, 300000);
});
