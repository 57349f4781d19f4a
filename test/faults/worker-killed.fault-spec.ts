import { AppProcess, FaultCluster, report, sleep, waitUntil } from './support/cluster';
import { doubledMessages, doubledNotifications, outboxCounts, rollupMismatches } from './support/checks';
import { assign, book, createMediators, fileCase, inParallel } from './support/traffic';

/**
 * Scenario 1: the worker is SIGKILLed in the middle of relaying the outbox, of firing reminders
 * and of refreshing statistics, twice; a new worker takes over each time. Every event is relayed
 * and handled, every reminder sent, every roll-up equals a rebuild from the cases; nothing twice.
 */
const CASES = Number(process.env.FAULTS_WORKER_CASES ?? 60);
const SESSIONS = Number(process.env.FAULTS_WORKER_SESSIONS ?? 6);

describe('fault: worker SIGKILLed mid-work', () => {
  let cluster: FaultCluster;
  let api: AppProcess;

  beforeAll(async () => {
    cluster = await FaultCluster.start();
    api = await cluster.startApi();
  }, 120000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('relays every event, sends every reminder and keeps every roll-up right, none twice', async () => {
    const [handler, intake, admin] = [await cluster.signIn(api, 'icbc.qd.handler'), await cluster.signIn(api, 'qd.intake'), await cluster.signIn(api, 'qd.admin')];
    const notificationsBefore = await doubledNotifications(cluster);
    const messagesBefore = await doubledMessages(cluster);
    const firstOutbox = await cluster.count(`SELECT coalesce(max(id), 0) AS n FROM outbox`);

    // While no worker runs: mediators, sessions whose 30-minute reminders fall due 35–55 s from
    // now (spread, so a kill lands between two of them), and a burst of filings.
    const mediators = await createMediators(api, admin, 'fault.mediator', SESSIONS);
    const sessions: string[] = [];
    const dueFrom = Date.now() + 35_000;
    for (let i = 0; i < SESSIONS; i++) {
      const caseId = await fileCase(cluster, api, handler, 10_000 + i);
      await assign(api, intake, caseId, mediators[i]);
      const due = dueFrom + (i * 20_000) / Math.max(1, SESSIONS - 1);
      sessions.push(await book(api, intake, caseId, new Date(Math.ceil((due + 30 * 60_000) / 1000) * 1000)));
    }
    await inParallel(
      Array.from({ length: CASES }, (_, i) => i),
      4,
      async (i) => {
        const id = await fileCase(cluster, api, handler, i);
        // Every third is accepted at once: its statistics move again while the relay runs.
        if (i % 3 === 0) await api.http().post(`/api/v1/cases/${id}/accept`).set(intake.auth).send({}).expect(200);
      },
    );
    const written = await outboxCounts(cluster, firstOutbox);

    // Worker 1 starts on the backlog and dies a third of the way through the relay.
    const w1 = await cluster.startWorker('worker-1');
    await waitUntil(async () => (await outboxCounts(cluster, firstOutbox)).relayed >= written.sent / 3, 'a third relayed', 60000);
    await w1.kill('SIGKILL');
    const atKill1 = await outboxCounts(cluster, firstOutbox);

    // Worker 2 takes over; it dies after the first reminder went out and before the last.
    const w2 = await cluster.startWorker('worker-2');
    const remindedSessions = () =>
      cluster.count(`SELECT count(DISTINCT data->>'sessionId')::int AS n FROM notifications WHERE kind = 'session.reminder-30m' AND data->>'sessionId' = ANY($1)`, [sessions]);
    await waitUntil(async () => (await remindedSessions()) >= 1, 'the first reminder', 90000);
    await w2.kill('SIGKILL');
    const remindedAtKill2 = await remindedSessions();

    // Worker 3 finishes: every event handled, every reminder sent.
    await cluster.startWorker('worker-3');
    await waitUntil(async () => {
      const c = await outboxCounts(cluster, firstOutbox);
      return c.relayed === c.sent && c.handled === c.withJob;
    }, 'the outbox drained and every job handled', 120000);
    await waitUntil(async () => (await remindedSessions()) === SESSIONS, 'every reminder sent', 120000).catch(() => undefined);
    // A stalled job of a killed worker is retried after its lock: give duplicates time to show.
    await sleep(3000);

    const final = await outboxCounts(cluster, firstOutbox);
    const reminded = await remindedSessions();
    const reminderSms = await cluster.count(
      `SELECT count(DISTINCT s.id)::int AS n FROM outbound_messages m JOIN mediation_sessions s ON s.case_id = m.case_id WHERE s.id = ANY($1) AND m.channel = 'sms' AND m.body LIKE '%30 分钟后%'`,
      [sessions],
    );
    const doubledReminders = await cluster.count(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM notifications WHERE kind = 'session.reminder-30m' AND data->>'sessionId' = ANY($1) GROUP BY user_id, data->>'sessionId' HAVING count(*) > 1) d`,
      [sessions],
    );
    const doubledReminderSms = await cluster.count(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM outbound_messages WHERE channel = 'sms' AND body LIKE '%30 分钟后%' GROUP BY case_id HAVING count(*) > 1) d`,
    );
    const mismatches = await rollupMismatches(cluster);
    const rollupsWrong = Object.values(mismatches).reduce((a, b) => a + b, 0);
    const doubledEffects = (await doubledNotifications(cluster)) - notificationsBefore + (await doubledMessages(cluster)) - messagesBefore;

    report('worker SIGKILLed mid-work (2 kills, 3 workers)', {
      'outbox events': { sent: final.sent, done: final.relayed, lost: final.sent - final.relayed, doubled: doubledEffects, 'relayed at kill 1': atKill1.relayed },
      'jobs from events': { sent: final.withJob, done: final.handled, lost: final.withJob - final.handled, doubled: doubledEffects },
      'reminders (sessions)': { sent: SESSIONS, done: reminded, lost: SESSIONS - reminded, doubled: doubledReminders, 'sms done': reminderSms, 'sms doubled': doubledReminderSms, 'sent before kill 2': remindedAtKill2 },
      'roll-up rows vs rebuild': { wrong: rollupsWrong },
    });
    expect(atKill1.relayed).toBeLessThan(final.sent); // the kill did land mid-relay
    expect(remindedAtKill2).toBeLessThan(SESSIONS); // and mid-firing
    expect(final.relayed).toBe(final.sent);
    expect(final.handled).toBe(final.withJob);
    expect(reminded).toBe(SESSIONS);
    expect(reminderSms).toBe(SESSIONS);
    expect(doubledReminders).toBe(0);
    expect(doubledReminderSms).toBe(0);
    expect(doubledEffects).toBe(0);
    expect(mismatches).toEqual(Object.fromEntries(Object.keys(mismatches).map((t) => [t, 0])));
  }, 300000);
});
