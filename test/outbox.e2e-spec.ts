import { Client } from 'pg';
import { eventually, TestWorld } from './support/test-world';
import { JobRegistry, JobRunner, OutboxRelay } from '@accord/core';

/** The event backbone: at-least-once relay, exactly-once effects, nothing lost on restarts. */
describe('transactional outbox and jobs', () => {
  let world: TestWorld;
  let owner: Client;
  beforeAll(async () => {
    world = await TestWorld.start();
    owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await world.stop();
  });

  const count = async (sql: string, params: unknown[] = []) => (await owner.query(sql, params)).rows[0].n as number;
  const pending = () => count(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
  const welcomes = () => count(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'user.welcome'`);

  async function createUsers(n: number, prefix: string) {
    const admin = await world.signIn('qd.admin');
    for (let i = 0; i < n; i++) {
      const res = await world.http.post('/api/v1/users').set(admin.auth).send({
        username: `${prefix}.${i}`,
        displayName: `调解员${i}`,
        password: 'a-long-password-1',
        roles: ['mediator'],
      });
      expect(res.status).toBe(201);
    }
  }

  it('a change and its event commit together; a failed change leaves no event', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM outbox`);
    const admin = await world.signIn('qd.admin');
    const bad = await world.http.post('/api/v1/users').set(admin.auth).send({
      username: 'qd.admin', // taken: the insert fails, so must the event
      displayName: '重复',
      password: 'a-long-password-1',
      roles: ['mediator'],
    });
    expect(bad.status).toBe(409);
    expect(bad.body.code).toBe('USERNAME_TAKEN');
    expect(await count(`SELECT count(*)::int AS n FROM outbox`)).toBe(before);
    expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'user.created'`)).toBe(0);
  });

  it('events wait in PostgreSQL while no worker runs, and Redis being unreachable loses none', async () => {
    await createUsers(3, 'wait');
    expect(await pending()).toBe(3);
    // A worker whose Redis is unreachable: the relay's transaction rolls back, rows stay.
    const broken = await world.startWorker({ REDIS_URL: 'redis://127.0.0.1:1' });
    await new Promise((r) => setTimeout(r, 2500));
    expect(await pending()).toBe(3);
    expect(await welcomes()).toBe(0);
    await world.stopWorker(broken);
    // A healthy worker delivers every one, once.
    const worker = await world.startWorker();
    await eventually(async () => (await welcomes()) === 3);
    // Each welcome writes its own notification event: the relay publishes it a moment later.
    await eventually(async () => (await pending()) === 0);
    await world.stopWorker(worker);
  });

  it('a worker killed mid-stream and restarted delivers everything exactly once', async () => {
    const before = await welcomes();
    await createUsers(30, 'burst');
    const first = await world.startWorker();
    await eventually(async () => (await welcomes()) > before, 30000);
    await world.stopWorker(first); // stops mid-way through the burst, or just after it
    const second = await world.startWorker();
    // A job the first worker held when it stopped may wait for BullMQ's stalled-job check.
    await eventually(async () => (await welcomes()) === before + 30, 100000);
    await eventually(async () => (await pending()) === 0);
    const dupes = await count(`SELECT count(*)::int AS n FROM (SELECT user_id FROM notifications WHERE kind = 'user.welcome' GROUP BY user_id HAVING count(*) > 1) d`);
    expect(dupes).toBe(0);
    await world.stopWorker(second);
  }, 150000);

  it('a job delivered twice (a stalled job re-run) has its effect once', async () => {
    const worker = await world.startWorker();
    const runner = worker.get(JobRunner);
    const registry = worker.get(JobRegistry);
    const userId = world.ids.users['qd.intake'];
    const handler = registry.get('notifications.user-welcome');
    const first = await runner.runOnce('manual-1', 'notifications.user-welcome', handler, { outboxId: '0', userId });
    const second = await runner.runOnce('manual-1', 'notifications.user-welcome', handler, { outboxId: '0', userId });
    expect([first, second]).toEqual([true, false]);
    expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'user.welcome'`, [userId])).toBe(1);
    // Once the outbox is drained, a relay run publishes nothing.
    await eventually(async () => (await pending()) === 0);
    expect(await worker.get(OutboxRelay).relayBatch()).toBe(0);
    await world.stopWorker(worker);
  });
});
