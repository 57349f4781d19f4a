import { createHmac, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { io } from 'socket.io-client';
import { createApi } from '../apps/api/src/bootstrap';
import { eventually, TestWorld } from './support/test-world';

/** An HS256 JWT signed with `secret`, as anyone holding that secret could make one. */
function signJwt(claims: object, secret: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

const PUBLIC_DEVELOPMENT_SECRET = 'development-only-secret-change-me-please-0123456789';
const installationSecret = randomBytes(48).toString('base64url');

describe('sign-in and sessions', () => {
  let world: TestWorld;
  beforeAll(async () => {
    // An installation's own secret, as `npm start` generates it: the public one must not sign.
    world = await TestWorld.start({ SIGN_IN_MAX_FAILURES: '3', JWT_SECRET: installationSecret });
  });
  afterAll(() => world.stop());

  it('signs in with username and password and returns the profile', async () => {
    const res = await world.http.post('/api/v1/auth/sign-in').send({ username: 'qd.intake', password: 'Accord-demo-2026' });
    expect(res.status).toBe(200);
    expect(res.body.tokenType).toBe('Bearer');
    expect(res.body.refreshToken).toMatch(/^rt_/);
    expect(res.body.user).toMatchObject({ username: 'qd.intake', displayName: '王芳', roles: ['intake_officer'] });
    expect(res.body.user.organisation).toMatchObject({ kind: 'center', name: '青岛市银行保险业纠纷调解中心', code: 'QD' });
    const me = await world.http.get('/api/v1/me').set('Authorization', `Bearer ${res.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('qd.intake');
  });

  it('refuses a wrong password with a stable code and no hint which part was wrong', async () => {
    const wrongPassword = await world.http.post('/api/v1/auth/sign-in').send({ username: 'qd.admin', password: 'nope-nope-nope' });
    const unknownUser = await world.http.post('/api/v1/auth/sign-in').send({ username: 'nobody.here', password: 'nope-nope-nope' });
    for (const res of [wrongPassword, unknownUser]) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401, detail: 'Wrong username or password' });
    }
  });

  it('names the fields at fault and rejects unknown fields', async () => {
    const missing = await world.http.post('/api/v1/auth/sign-in').send({ username: 'qd.admin' });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['password']);
    const extra = await world.http.post('/api/v1/auth/sign-in').send({ username: 'qd.admin', password: 'x', admin: true });
    expect(extra.status).toBe(400);
    expect(extra.body.errors).toEqual([expect.objectContaining({ field: 'admin' })]);
  });

  it('locks an account after repeated wrong passwords, even for the right one', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await world.http.post('/api/v1/auth/sign-in').send({ username: 'sh.intake', password: `wrong-${i}-password` });
      expect(res.status).toBe(401);
    }
    const locked = await world.http.post('/api/v1/auth/sign-in').send({ username: 'sh.intake', password: 'Accord-demo-2026' });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(locked.body.retryAfterSeconds).toBeGreaterThan(0);
    // Another account is untouched.
    expect((await world.http.post('/api/v1/auth/sign-in').send({ username: 'sh.mediator', password: 'Accord-demo-2026' })).status).toBe(200);
  });

  it('rotates refresh tokens, and a reused one ends the whole session', async () => {
    const first = await world.signIn('icbc.viewer');
    const second = await world.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    const me = await world.http.get('/api/v1/me').set('Authorization', `Bearer ${second.body.accessToken}`);
    expect(me.status).toBe(200);

    const replay = await world.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');
    // The family is gone: the newest refresh token and the access tokens die with it.
    const afterReuse = await world.http.post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken });
    expect(afterReuse.status).toBe(401);
    const deadAccess = await world.http.get('/api/v1/me').set('Authorization', `Bearer ${second.body.accessToken}`);
    expect(deadAccess.status).toBe(401);
    expect(deadAccess.body.code).toBe('SESSION_ENDED');
  });

  it('signs out: the access token stops working at once', async () => {
    const s = await world.signIn('qd.liaison');
    expect((await world.http.post('/api/v1/auth/sign-out').set(s.auth)).status).toBe(204);
    const res = await world.http.get('/api/v1/me').set(s.auth);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('SESSION_ENDED');
  });

  it('refuses tokens that are forged, expired-looking or of another audience', async () => {
    const s = await world.signIn('qd.mediator');
    const [h, p] = s.accessToken.split('.');
    const forged = `${h}.${p}.${Buffer.from('x'.repeat(32)).toString('base64url')}`;
    expect((await world.http.get('/api/v1/me').set('Authorization', `Bearer ${forged}`)).status).toBe(401);
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const otherAudience = `${h}.${Buffer.from(JSON.stringify({ ...claims, aud: 'elsewhere' })).toString('base64url')}.${s.accessToken.split('.')[2]}`;
    expect((await world.http.get('/api/v1/me').set('Authorization', `Bearer ${otherAudience}`)).status).toBe(401);
  });

  it("a token re-signed with the secret published in the source cannot reach another center's cases", async () => {
    const s = await world.signIn('sh.mediator');
    const claims = JSON.parse(Buffer.from(s.accessToken.split('.')[1], 'base64url').toString());
    const qingdao = world.org('qd-center');
    const elevated = { ...claims, org: qingdao, cids: [qingdao], roles: ['center_admin', 'intake_officer'] };
    const forged = signJwt(elevated, PUBLIC_DEVELOPMENT_SECRET);
    const res = await world.http.get('/api/v1/cases').set('Authorization', `Bearer ${forged}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    // The same claims under the installation's own secret would pass: what stops the forgery is the secret.
    expect((await world.http.get('/api/v1/me').set('Authorization', `Bearer ${signJwt(claims, installationSecret)}`)).status).toBe(200);
  });

  it('an API started for production without a secret of its own refuses to start, in one line', async () => {
    // As `node dist/apps/api/src/main.js` would be on a machine where nobody set JWT_SECRET.
    await expect(createApi({ ...world.env, NODE_ENV: 'production', JWT_SECRET: '' }, { logs: false })).rejects.toThrow(
      /^Invalid configuration: JWT_SECRET is not set in production: run `npm start` once/,
    );
    await expect(createApi({ ...world.env, NODE_ENV: 'production', JWT_SECRET: PUBLIC_DEVELOPMENT_SECRET }, { logs: false })).rejects.toThrow(
      /JWT_SECRET is a value published in the source/,
    );
  });

  it("a change of the user's roles takes effect at their next request; the silent refresh brings the new ones", async () => {
    const s = await world.signIn('qd.liaison');
    expect((await world.http.get('/api/v1/me').set(s.auth)).body.roles).toEqual(['liaison_officer']);
    // A socket joined under the old claims is ended too (the portal then refreshes and joins again).
    const worker = await world.startWorker();
    const socket = io(world.url, { path: '/socket.io', auth: { token: s.accessToken }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => (socket.once('connect', () => resolve()), socket.once('connect_error', reject)));
    const ended = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    const owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    try {
      await owner.query(`UPDATE users SET roles = '{intake_officer}' WHERE username = 'qd.liaison'`);
    } finally {
      await owner.end();
    }
    const stale = await world.http.get('/api/v1/me').set(s.auth);
    expect(stale.status).toBe(401);
    const refreshed = await world.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
    expect(refreshed.status).toBe(200);
    const me = await world.http.get('/api/v1/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.roles).toEqual(['intake_officer']);
    expect(await ended).toBe('io server disconnect');
    await world.stopWorker(worker);
  });

  it('deactivating a user ends their sessions immediately', async () => {
    const handler = await world.signIn('qdbank.handler');
    expect((await world.http.get('/api/v1/me').set(handler.auth)).status).toBe(200);
    const admin = await world.signIn('qdbank.admin');
    const res = await world.http.post(`/api/v1/users/${handler.user.id}/deactivate`).set(admin.auth);
    expect(res.status).toBe(200);
    expect(res.body.isActive).toBe(false);
    expect((await world.http.get('/api/v1/me').set(handler.auth)).status).toBe(401);
    expect((await world.http.post('/api/v1/auth/refresh').send({ refreshToken: handler.refreshToken })).status).toBe(401);
    const again = await world.http.post('/api/v1/auth/sign-in').send({ username: 'qdbank.handler', password: 'Accord-demo-2026' });
    expect(again.status).toBe(401);
    const audit = await world.http.get('/api/v1/audit-events').set(admin.auth);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('user.deactivated');
  });

  it('lets a bank system in with an API key only where keys are allowed, until revoked', async () => {
    const admin = await world.signIn('icbc.admin');
    const created = await world.http.post('/api/v1/api-keys').set(admin.auth).send({ name: '核心系统对接' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^ak_/);
    const list = await world.http.get('/api/v1/api-keys').set(admin.auth);
    expect(list.body.items[0]).toMatchObject({ name: '核心系统对接', prefix: created.body.key.slice(0, 10) });
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);

    const branches = await world.http.get('/api/v1/branches').set('X-Api-Key', created.body.key);
    expect(branches.status).toBe(200);
    expect(branches.body.items.map((b: { name: string }) => b.name)).toContain('青岛市南支行');
    const notForKeys = await world.http.get('/api/v1/users').set('X-Api-Key', created.body.key);
    expect(notForKeys.status).toBe(403);
    expect(notForKeys.body.code).toBe('API_KEY_NOT_ALLOWED');

    expect((await world.http.delete(`/api/v1/api-keys/${created.body.id}`).set(admin.auth)).status).toBe(204);
    expect((await world.http.get('/api/v1/branches').set('X-Api-Key', created.body.key)).status).toBe(401);
    await eventually(async () => {
      const l = await world.http.get('/api/v1/api-keys').set(admin.auth);
      return l.body.items[0].revokedAt;
    });
  });

  it('keeps serving when PostgreSQL ends its idle connections (a restart, an administrator)', async () => {
    const me = await world.signIn('qd.admin');
    await world.http.get('/api/v1/me').set(me.auth).expect(200);
    const owner = new (await import('pg')).Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    const { rows } = await owner.query(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE usename = 'accord_app' AND datname = current_database() AND state = 'idle'`,
    );
    await owner.end();
    expect(rows[0].n).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    // The pool drops the dead clients and opens new ones; the process is still here.
    await world.http.get('/api/v1/me').set(me.auth).expect(200);
  });
});
