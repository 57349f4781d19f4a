import { Client } from 'pg';
import request from 'supertest';
import { TestWorld } from './support/test-world';

/**
 * Rate limits where a stranger can reach: counted in Redis (shared by every API process),
 * refused with 429 problem+json and Retry-After, counted in /metrics, audited where the issue
 * asks. Each test speaks from addresses of its own (X-Forwarded-For from the loopback proxy the
 * API trusts), so their counts never meet.
 */
describe('rate limits', () => {
  let world: TestWorld;
  let owner: Client;
  beforeAll(async () => {
    world = await TestWorld.start({
      RATE_LIMIT_VERIFY_PER_MINUTE: '4',
      RATE_LIMIT_CONSUMER_CODE_PER_MINUTE: '3',
      RATE_LIMIT_CONSUMER_CODE_PER_LINK: '6',
      RATE_LIMIT_REFRESH_PER_MINUTE: '3',
    });
    owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await world.stop();
  });

  const SHA = 'a'.repeat(64);
  const refusedAudits = async (limit: string) =>
    Number((await owner.query(`SELECT count(*) FROM audit_events WHERE action = 'rate-limit.refused' AND detail->>'limit' = $1`, [limit])).rows[0].count);

  it('two API processes share one count: the fifth verification from an address is refused on either', async () => {
    const second = await world.startApi();
    const other = request(await second.getUrl());
    const ip = '198.51.100.10';
    const verify = (http: typeof other) => http.get(`/api/v1/public/documents/verify/${SHA}`).set('X-Forwarded-For', ip);
    const answers = [await verify(world.http), await verify(other), await verify(world.http), await verify(other)];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    for (const http of [world.http, other]) {
      const refused = await verify(http);
      expect(refused.status).toBe(429);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: 429, code: 'RATE_LIMITED', limit: 'documents.verify' });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.body.retryAfterSeconds).toBe(retryAfter);
    }
    // Another address is not held back by this one's count.
    expect((await world.http.get(`/api/v1/public/documents/verify/${SHA}`).set('X-Forwarded-For', '198.51.100.11')).status).toBe(200);
    // A metric per limit.
    const metrics = await world.http.get('/metrics');
    expect(metrics.text).toMatch(/accord_rate_limit_refused_total\{limit="documents.verify"\} [1-9]/);
  });

  it('a brute force over one link\'s one-time code from many addresses meets the link\'s own limit; each refusal is audited', async () => {
    // A well-formed link token: the limit counts the target before the link is even looked up.
    const token = 'bruteforce-target-token-0001';
    const before = await refusedAudits('consumer.code-target');
    const tries = [];
    for (let i = 0; i < 6; i++) {
      // Six addresses, one try each: no address comes near its own limit (3 a minute).
      tries.push(await world.http.post(`/api/v1/public/consumer-links/${token}/verify`).set('X-Forwarded-For', `203.0.113.${i + 1}`).send({ code: String(100000 + i) }));
    }
    expect(tries.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404]);
    for (let i = 0; i < 3; i++) {
      const refused = await world.http.post(`/api/v1/public/consumer-links/${token}/verify`).set('X-Forwarded-For', `203.0.113.${50 + i}`).send({ code: '123456' });
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', limit: 'consumer.code-target' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(60);
    }
    // Asking for a new code counts against the same link.
    const ask = await world.http.post(`/api/v1/public/consumer-links/${token}/code`).set('X-Forwarded-For', '203.0.113.99');
    expect(ask.status).toBe(429);
    expect(await refusedAudits('consumer.code-target')).toBe(before + 4);
    const row = (await owner.query(`SELECT ip, request_id, organisation_id, detail FROM audit_events WHERE action = 'rate-limit.refused' ORDER BY at DESC LIMIT 1`)).rows[0];
    expect(row).toMatchObject({ ip: '203.0.113.99', organisation_id: null, detail: { limit: 'consumer.code-target', route: '/api/v1/public/consumer-links/:token/code' } });
    expect(row.request_id).toBeTruthy();
    // Another link is untouched.
    expect((await world.http.post('/api/v1/public/consumer-links/another-link-token-00002/verify').set('X-Forwarded-For', '203.0.113.98').send({ code: '123456' })).status).toBe(404);
  });

  it('one address trying many links meets its own limit', async () => {
    const ip = '192.0.2.77';
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await world.http.post(`/api/v1/public/consumer-links/scan-link-token-0000${i}/code`).set('X-Forwarded-For', ip)).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
  });

  it('refresh is limited per address and audited', async () => {
    const before = await refusedAudits('auth.refresh');
    const ip = '192.0.2.200';
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await world.http.post('/api/v1/auth/refresh').set('X-Forwarded-For', ip).send({ refreshToken: 'rt_not-a-real-refresh-token' })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(await refusedAudits('auth.refresh')).toBe(before + 1);
  });

  it('an API key has its own quota per minute, set by its institution admin', async () => {
    const admin = await world.signIn('icbc.admin');
    const created = await world.http.post('/api/v1/api-keys').set(admin.auth).send({ name: '限流测试', ratePerMinute: 3 });
    expect(created.status).toBe(201);
    expect(created.body.ratePerMinute).toBe(3);
    const call = () => world.http.get('/api/v1/branches').set('X-Api-Key', created.body.key);
    expect([(await call()).status, (await call()).status, (await call()).status]).toEqual([200, 200, 200]);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', limit: 'api-key.quota' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Whatever the address: the quota is the key's.
    expect((await call().set('X-Forwarded-For', '198.51.100.200')).status).toBe(429);
    // Raised by the admin, it holds from the next request; the change is audited and listed.
    const raised = await world.http.patch(`/api/v1/api-keys/${created.body.id}`).set(admin.auth).send({ ratePerMinute: 100 });
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({ id: created.body.id, ratePerMinute: 100 });
    expect((await call()).status).toBe(200);
    const listed = (await world.http.get('/api/v1/api-keys').set(admin.auth)).body.items;
    expect(listed.find((k: { id: string }) => k.id === created.body.id).ratePerMinute).toBe(100);
    const audit = (await world.http.get('/api/v1/audit-events').set(admin.auth)).body.items;
    expect(audit.map((e: { action: string }) => e.action)).toContain('api-key.quota-changed');
    // Bad values, and another institution's key (404 as an unknown one), change nothing.
    expect((await world.http.patch(`/api/v1/api-keys/${created.body.id}`).set(admin.auth).send({ ratePerMinute: 0 })).status).toBe(400);
    const stranger = await world.signIn('qdbank.admin');
    const foreign = await world.http.patch(`/api/v1/api-keys/${created.body.id}`).set(stranger.auth).send({ ratePerMinute: 5 });
    expect(foreign.status).toBe(404);
    const unknown = await world.http.patch('/api/v1/api-keys/00000000-0000-4000-8000-000000000000').set(stranger.auth).send({ ratePerMinute: 5 });
    expect(unknown.status).toBe(404);
    expect(foreign.body.code).toBe(unknown.body.code);
    expect(listed.find((k: { id: string }) => k.id === created.body.id).ratePerMinute).toBe(100);
    // A key's own default: 600 a minute.
    const plain = await world.http.post('/api/v1/api-keys').set(admin.auth).send({ name: '默认配额' });
    expect(plain.body.ratePerMinute).toBe(600);
  });
});
