import Redis from 'ioredis';
import { TestWorld } from './support/test-world';

/** Password rules (NIST 800-63B) and the sign-in back-off per account and per address. */
describe('passwords and lock-out', () => {
  let world: TestWorld;
  let redis: Redis;
  beforeAll(async () => {
    world = await TestWorld.start({ SIGN_IN_MAX_FAILURES: '3', SIGN_IN_IP_MAX_FAILURES: '6', SIGN_IN_BACKOFF_SECONDS: '30', SIGN_IN_LOCK_SECONDS: '900' });
    redis = new Redis(world.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });
  afterAll(async () => {
    redis.disconnect();
    await world.stop();
  });

  const create = async (admin: { auth: Record<string, string> }, username: string, password: string) =>
    world.http.post('/api/v1/users').set(admin.auth).send({ username, displayName: '测试', password, roles: ['viewer'] });

  it('takes a long password without composition rules and refuses short, common, breached and username ones', async () => {
    const admin = await world.signIn('icbc.admin');
    const refused: Record<string, RegExp> = {
      short1: /at least 8/,
      password123: /too common/,
      woaini1314: /too common/,
      'Accord-demo-2026': /too common/,
      'icbc.new.viewer': /not be the username/,
      ['长'.repeat(129)]: /at most 128/,
    };
    for (const [password, message] of Object.entries(refused)) {
      const res = await create(admin, 'icbc.new.viewer', password);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'password', message: expect.stringMatching(message) }]);
    }
    expect((await create(admin, 'icbc.new.viewer', 'only lowercase words')).status).toBe(201);
    expect((await world.http.post('/api/v1/auth/sign-in').send({ username: 'icbc.new.viewer', password: 'only lowercase words' })).status).toBe(200);
  });

  const attempt = (username: string, password: string, ip = '198.51.100.7') =>
    world.http.post('/api/v1/auth/sign-in').set('X-Forwarded-For', ip).send({ username, password });

  it('backs off exponentially per account, refusing even the right password, with 429 and Retry-After', async () => {
    for (let i = 0; i < 2; i++) expect((await attempt('qd.mediator', `wrong-${i}-password`)).status).toBe(401);
    // The third failure crosses the threshold: this account waits 30 s.
    expect((await attempt('qd.mediator', 'wrong-2-password')).status).toBe(401);
    const locked = await attempt('qd.mediator', 'Accord-demo-2026', '203.0.113.9');
    expect(locked.status).toBe(429);
    expect(locked.headers['content-type']).toMatch(/problem\+json/);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(25);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(30);
    // The wait passes (its key expires); the next wrong password doubles it.
    await redis.del(`${world.env.REDIS_PREFIX}:auth:lock:qd.mediator`);
    expect((await attempt('qd.mediator', 'wrong-3-password')).status).toBe(401);
    const longer = await attempt('qd.mediator', 'Accord-demo-2026');
    expect(longer.status).toBe(429);
    expect(Number(longer.headers['retry-after'])).toBeGreaterThan(55);
    expect(Number(longer.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Other accounts are untouched.
    expect((await attempt('qd.intake', 'Accord-demo-2026', '203.0.113.10')).status).toBe(200);
  });

  it('backs off per address: one address guessing many accounts is stopped, other addresses are not', async () => {
    // 198.51.100.7 already failed 4 times above; two more (over other accounts) reach its threshold of 6.
    expect((await attempt('sh.mediator', 'wrong-password-a')).status).toBe(401);
    expect((await attempt('nobody.at.all', 'wrong-password-b')).status).toBe(401);
    const stopped = await attempt('sh.intake', 'Accord-demo-2026');
    expect(stopped.status).toBe(429);
    expect(stopped.body.code).toBe('ADDRESS_LOCKED');
    expect(Number(stopped.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt('sh.intake', 'Accord-demo-2026', '203.0.113.11')).status).toBe(200);
  });
});
