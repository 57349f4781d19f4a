import { Queue } from 'bullmq';
import { Client } from 'pg';
import { inSessionCase } from './support/stories';
import { eventually, SignedIn, TestWorld } from './support/test-world';

/**
 * A "due soon" reminder belongs before the due day. One that comes after it — planned again from
 * PostgreSQL when Redis lost its jobs, or for an agreement whose day went by — must stay silent:
 * the overdue notice tells the parties instead (the demo's first start once sent dozens).
 */
describe('obligation reminders after the due day', () => {
  let world: TestWorld;
  let queue: Queue;
  let mediator: SignedIn;
  let intake: SignedIn;
  let handler: SignedIn;
  const inDays = (n: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86400_000));

  beforeAll(async () => {
    world = await TestWorld.start();
    await world.startWorker();
    queue = new Queue('events', { connection: { host: '127.0.0.1', port: 6379 }, prefix: `${world.env.REDIS_PREFIX}:bull` });
    [mediator, intake, handler] = await Promise.all(['qd.mediator', 'qd.intake', 'icbc.qd.handler'].map((u) => world.signIn(u)));
  });
  afterAll(async () => {
    await queue.close();
    await world.stop();
  });

  it('sends no "due soon" reminder once the due day has passed: the overdue notice says it instead', async () => {
    const { caseId } = await inSessionCase(world, { handler, intake, mediator });
    const recorded = await world.http
      .post(`/api/v1/cases/${caseId}/outcome`)
      .set(mediator.auth)
      .send({
        outcome: 'settled',
        terms: { refundFen: 120050, feeWaiverFen: 0, freeText: '银行退还分期手续费。', obligations: [{ owedBy: 'institution', description: '退还已收取的分期手续费', amountFen: 120050, dueOn: inDays(10) }] },
      });
    expect(recorded.status).toBe(201);
    const obligationId = (recorded.body.obligations as { id: string }[])[0].id;
    const reminder = await eventually(() => queue.getJob(`obligation-${obligationId}-before_due`));
    expect(await reminder.getState()).toBe('delayed');
    // The day goes by unreminded; the reminder that comes now finds the due day behind it.
    const owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    try {
      await owner.query(`UPDATE case_obligations SET due_on = $2 WHERE id = $1`, [obligationId, inDays(-1)]);
    } finally {
      await owner.end();
    }
    await reminder.promote();
    await eventually(async () => (await reminder.getState()) === 'completed', 20_000);
    const overdue = await eventually(() => queue.getJob(`obligation-${obligationId}-overdue`));
    await overdue.promote();
    const notices = async (who: SignedIn) =>
      ((await world.http.get('/api/v1/notifications?pageSize=100').set(who.auth)).body.items as { kind: string; data: { obligationId?: string } }[])
        .filter((n) => n.data.obligationId === obligationId)
        .map((n) => n.kind);
    await eventually(async () => (await notices(handler)).includes('obligation.overdue'), 20_000);
    expect(await notices(handler)).toEqual(['obligation.overdue']);
    expect(await notices(mediator)).toEqual(['obligation.overdue']);
  });
});
