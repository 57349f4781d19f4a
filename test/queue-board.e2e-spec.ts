import { createHmac, randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import * as queueNames from '@accord/core/queue/queue.names';
import { createRedis, environment, validateEnvironment } from '@accord/core';
import { eventually, SignedIn, TestWorld } from './support/test-world';

/** Every queue queue.names.ts declares (its QUEUE_* constants). */
const QUEUES = Object.entries(queueNames)
  .filter(([name]) => name.startsWith('QUEUE_'))
  .map(([, value]) => value as string);

/** One user of every other role of the README's demo table. */
const OTHERS = ['qd.admin', 'qd.intake', 'qd.mediator', 'qd.liaison', 'icbc.admin', 'icbc.qd.manager', 'icbc.qd.handler', 'icbc.viewer', 'qd.regulator', 'qd.supervisor'];

/** An HS256 JWT signed with `secret`, as anyone holding that secret could make one. */
function signJwt(claims: object, secret: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

const secret = randomBytes(48).toString('base64url');

describe('queue dashboard (bull-board) for platform admins', () => {
  let world: TestWorld;
  let queue: Queue;
  let redisUrl: string;
  const connections: ReturnType<typeof createRedis>[] = [];
  const workers: Worker[] = [];

  beforeAll(async () => {
    world = await TestWorld.start({ JWT_SECRET: secret });
    redisUrl = validateEnvironment({ ...environment(), ...world.env }).REDIS_URL;
    connections.push(createRedis(redisUrl));
    queue = new Queue(queueNames.QUEUE_EVENTS, { connection: connections[0], prefix: `${world.env.REDIS_PREFIX}:bull` });
    const { body, headers } = await world.http.get('/api/nothing-here');
    nothingHere = { body, headers: headers as Record<string, string> };
    expect(nothingHere.body.code).toBe('ROUTE_NOT_FOUND');
    expect(nothingHere.headers['content-type']).toMatch(/application\/problem\+json/);
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await queue.close();
    // BullMQ leaves the connections it was handed open.
    for (const c of connections) await c.quit();
    await world.stop();
  });

  /** Signs in and trades the bearer token for the board's cookie (`name=value`). */
  async function boardCookie(signedIn: SignedIn): Promise<string> {
    const res = await world.http.post('/api/v1/admin/queue-board/session').set(signedIn.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ url: '/admin/queues' });
    const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('accord_queue_board='));
    expect(header).toBeDefined();
    return header!.split(';')[0];
  }

  /** What every refused request must look like: the API's own 404 for a path that isn't there. */
  let nothingHere: { body: Record<string, unknown>; headers: Record<string, string> };
  function expectHidden(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, what: string): void {
    expect(`${what}: ${res.status}`).toBe(`${what}: 404`);
    for (const header of ['content-type', 'content-security-policy', 'x-frame-options']) expect(res.headers[header]).toBe(nothingHere.headers[header]);
    // the same problem but for the path (instance) and the request's own id
    expect({ ...res.body, instance: undefined, requestId: undefined }).toEqual({ ...nothingHere.body, instance: undefined, requestId: undefined });
    expect(res.headers['set-cookie']).toBeUndefined();
  }

  const BOARD_PATHS = ['/admin/queues', '/admin/queues/', '/admin/queues/api/queues', '/admin/queues/queue/events', '/admin/queues/static/favicon-32x32.png', '/admin/queues/no-such-page'];

  it('gives a platform admin a short HttpOnly, SameSite=Strict cookie for the board path only', async () => {
    const admin = await world.signIn('platform.admin');
    const res = await world.http.post('/api/v1/admin/queue-board/session').set(admin.auth);
    expect(res.status).toBe(200);
    const header = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('accord_queue_board='))!;
    const attributes = header.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['path=/admin/queues', 'httponly', 'samesite=strict']));
    const maxAge = Number(attributes.find((a) => a.startsWith('max-age='))!.split('=')[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(15 * 60);
    // bound to this sign-in session, with a type of its own
    const token = header.split(';')[0].split('=')[1];
    const claims = claimsOf(token);
    expect(claims).toMatchObject({ typ: 'queue-board', sid: claimsOf(admin.accessToken).sid, sub: admin.user.id });
    expect((claims.exp as number) - (claims.iat as number)).toBeLessThanOrEqual(15 * 60);
    // and it is no access token
    expect((await world.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
  });

  it('lists every queue of the product with its waiting, delayed and failed jobs, and serves its UI', async () => {
    await queue.add('test.waiting', { n: 1 });
    await queue.add('test.delayed', { n: 2 }, { delay: 60 * 60 * 1000 });
    const cookie = await boardCookie(await world.signIn('platform.admin'));

    const res = await world.http.get('/admin/queues/api/queues').set('Cookie', cookie);
    expect(res.status).toBe(200);
    expect(QUEUES.length).toBeGreaterThan(0);
    expect(res.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([...QUEUES].sort());
    const events = res.body.queues.find((q: { name: string }) => q.name === queueNames.QUEUE_EVENTS);
    expect(events.counts).toMatchObject({ waiting: 1, delayed: 1, failed: 0 });
    expect(events.readOnlyMode).toBe(false);

    // the page and its static files, under a CSP that lets them run
    const page = await world.http.get('/admin/queues').set('Cookie', cookie);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<base href="/admin/queues/"');
    const csp = page.headers['content-security-policy'];
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    // its own policy, stricter than the portal's: no framing of a page whose buttons delete jobs
    expect(csp).toMatch(/frame-ancestors 'none'/);
    const assets = [...page.text.matchAll(/(?:src|href)="(static\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const file = await world.http.get(`/admin/queues/${asset}`).set('Cookie', cookie);
      expect(`${asset}: ${file.status}`).toBe(`${asset}: 200`);
    }
  });

  it('hides the board from every other role, with their own token, their own cookie attempts, no cookie or a forged one', async () => {
    const admin = await world.signIn('platform.admin');
    const adminCookie = await boardCookie(admin);
    const adminClaims = claimsOf(adminCookie.split('=')[1]);

    for (const path of BOARD_PATHS) expectHidden(await world.http.get(path), `no cookie ${path}`);
    expectHidden(await world.http.put('/admin/queues/api/queues/events/1/retry'), 'no cookie retry');
    // the admin's own claims, signed with another secret; the admin's access token as the cookie
    const forged = signJwt({ ...adminClaims, exp: Math.floor(Date.now() / 1000) + 600 }, randomBytes(48).toString('base64url'));
    for (const value of [forged, admin.accessToken, 'not-a-token']) {
      expectHidden(await world.http.get('/admin/queues/api/queues').set('Cookie', `accord_queue_board=${value}`), `forged ${value.slice(0, 12)}`);
    }
    // a board token for the admin's session that has expired
    const expired = signJwt({ ...adminClaims, iat: Math.floor(Date.now() / 1000) - 1200, exp: Math.floor(Date.now() / 1000) - 600 }, secret);
    expectHidden(await world.http.get('/admin/queues').set('Cookie', `accord_queue_board=${expired}`), 'expired');

    for (const username of OTHERS) {
      const user = await world.signIn(username);
      const session = await world.http.post('/api/v1/admin/queue-board/session').set(user.auth);
      expect(`${username}: ${session.status}`).toMatch(new RegExp(`^${username}: 40[34]$`));
      expect(session.headers['set-cookie']).toBeUndefined();
      for (const path of BOARD_PATHS) expectHidden(await world.http.get(path).set(user.auth), `${username} bearer ${path}`);
      // a board token of their own session and roles, as if the route had issued one: the role decides
      const claims = claimsOf(user.accessToken);
      const theirs = signJwt({ ...claims, typ: 'queue-board', aud: 'accord-queue-board' }, secret);
      expectHidden(await world.http.get('/admin/queues/api/queues').set('Cookie', `accord_queue_board=${theirs}`), `${username} own board token`);
    }

    // the admin's cookie still works after all that
    expect((await world.http.get('/admin/queues/api/queues').set('Cookie', adminCookie)).status).toBe(200);
  });

  it('stops letting a cookie in once its sign-in session has ended', async () => {
    const kept = await world.signIn('platform.admin');
    const keptCookie = await boardCookie(kept);
    const leaving = await world.signIn('platform.admin');
    const cookie = await boardCookie(leaving);
    expect((await world.http.get('/admin/queues/api/queues').set('Cookie', cookie)).status).toBe(200);

    expect((await world.http.post('/api/v1/auth/sign-out').set(leaving.auth)).status).toBe(204);
    for (const path of BOARD_PATHS) expectHidden(await world.http.get(path).set('Cookie', cookie), `signed out ${path}`);
    // another session of the same admin is untouched
    expect((await world.http.get('/admin/queues/api/queues').set('Cookie', keptCookie)).status).toBe(200);
  });

  it('retries a failed job, which leaves the failed list and then completes', async () => {
    let failing = true;
    workers.push(
      new Worker(
        queueNames.QUEUE_EVENTS,
        async (job) => {
          if (job.name === 'test.flaky' && failing) throw new Error('the provider said no');
          return 'ok';
        },
        { connection: connections[connections.push(createRedis(redisUrl, { forWorker: true })) - 1], prefix: `${world.env.REDIS_PREFIX}:bull` },
      ),
    );
    const job = await queue.add('test.flaky', { n: 3 }, { attempts: 1 });
    await eventually(async () => (await job.getState()) === 'failed');

    const cookie = await boardCookie(await world.signIn('platform.admin'));
    const failedList = () => world.http.get('/admin/queues/api/queues').query({ activeQueue: queueNames.QUEUE_EVENTS, status: 'failed', page: 1, jobsPerPage: 10 }).set('Cookie', cookie);
    const before = await failedList();
    const events = before.body.queues.find((q: { name: string }) => q.name === queueNames.QUEUE_EVENTS);
    expect(events.counts.failed).toBe(1);
    expect(events.jobs).toEqual([expect.objectContaining({ id: job.id, name: 'test.flaky', failedReason: 'the provider said no' })]);

    failing = false;
    const retry = await world.http.put(`/admin/queues/api/queues/${queueNames.QUEUE_EVENTS}/${job.id}/retry`).set('Cookie', cookie);
    expect(retry.status).toBe(204);

    await eventually(async () => (await job.getState()) === 'completed');
    const after = (await failedList()).body.queues.find((q: { name: string }) => q.name === queueNames.QUEUE_EVENTS);
    expect(after.counts.failed).toBe(0);
    expect(after.jobs).toEqual([]);
    // The retry is on the record, under the admin's name and the request's path; looking is not.
    const admin = await world.signIn('platform.admin');
    const audit = await world.http.get('/api/v1/audit-events').set(admin.auth);
    const actions = audit.body.items.filter((e: { action: string }) => e.action === 'queue-board.action');
    expect(actions).toEqual([expect.objectContaining({ detail: { method: 'PUT', path: `/admin/queues/api/queues/${queueNames.QUEUE_EVENTS}/${job.id}/retry` } })]);
  });
});
