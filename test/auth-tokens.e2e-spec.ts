import { createHmac, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TestWorld } from './support/test-world';

const secret = randomBytes(48).toString('base64url');
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
function sign(claims: object, key = secret, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const body = `${part(header)}.${part(claims)}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

/** Forged and malformed bearer tokens: each is refused with 401 problem+json and leaves an audit entry. */
describe('access tokens', () => {
  let world: TestWorld;
  let owner: Client;
  beforeAll(async () => {
    world = await TestWorld.start({ JWT_SECRET: secret });
    owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await world.stop();
  });

  const refusedCount = async () =>
    Number((await owner.query(`SELECT count(*) FROM audit_events WHERE action = 'auth.token-refused'`)).rows[0].count);

  it('carries exp, iat, aud and typ', async () => {
    const s = await world.signIn('qd.mediator');
    const claims = JSON.parse(Buffer.from(s.accessToken.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ typ: 'access', aud: 'accord-api', iss: 'accord' });
    expect(claims.exp - claims.iat).toBe(900);
  });

  it('refuses each forgery and claim gap with 401 problem+json, each attempt audited', async () => {
    const s = await world.signIn('qd.mediator');
    const [h, p, sig] = s.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const now = Math.floor(Date.now() / 1000);
    const without = (key: string) => Object.fromEntries(Object.entries(claims).filter(([k]) => k !== key));
    // The control: the same claims re-signed with the installation's key pass.
    expect((await world.http.get('/api/v1/me').set('Authorization', `Bearer ${sign(claims)}`)).status).toBe(200);
    const forgeries: Record<string, string> = {
      'alg none': `${part({ alg: 'none', typ: 'JWT' })}.${p}.`,
      'another key': sign(claims, randomBytes(48).toString('base64url')),
      'tampered payload': `${h}.${part({ ...claims, roles: ['center_admin'] })}.${sig}`,
      expired: sign({ ...claims, iat: now - 2000, exp: now - 1000 }),
      'no exp (the finding: was accepted)': sign(without('exp')),
      'no iat': sign(without('iat')),
      'no aud': sign(without('aud')),
      'another aud': sign({ ...claims, aud: 'elsewhere' }),
      'no typ': sign(without('typ')),
      'typ refresh': sign({ ...claims, typ: 'refresh' }),
      'issued in the future': sign({ ...claims, iat: now + 3600, exp: now + 4500 }),
    };
    const before = await refusedCount();
    for (const [name, token] of Object.entries(forgeries)) {
      const res = await world.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`);
      expect({ name, status: res.status, type: res.headers['content-type'] }).toEqual({
        name,
        status: 401,
        type: expect.stringMatching(/application\/problem\+json/),
      });
    }
    expect((await refusedCount()) - before).toBe(Object.keys(forgeries).length);
    const last = await owner.query(`SELECT ip, detail FROM audit_events WHERE action = 'auth.token-refused' ORDER BY at DESC LIMIT 1`);
    expect(last.rows[0].detail).toMatchObject({ path: '/api/v1/me' });
    expect(last.rows[0].ip).toBeTruthy();
  });

  it('a token that verified before is refused once it expires (verified tokens are remembered, their expiry is not)', async () => {
    const s = await world.signIn('qd.mediator');
    const claims = JSON.parse(Buffer.from(s.accessToken.split('.')[1], 'base64url').toString());
    const now = Math.floor(Date.now() / 1000);
    const short = sign({ ...claims, iat: now, exp: now + 2 });
    for (let i = 0; i < 2; i++) expect((await world.http.get('/api/v1/me').set('Authorization', `Bearer ${short}`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, (now + 2) * 1000 - Date.now() + 50));
    const late = await world.http.get('/api/v1/me').set('Authorization', `Bearer ${short}`);
    expect(late.status).toBe(401);
    expect(late.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it("a deactivated user's token is refused and the attempt is audited in their organisation", async () => {
    const handler = await world.signIn('qdbank.handler');
    const admin = await world.signIn('qdbank.admin');
    expect((await world.http.post(`/api/v1/users/${handler.user.id}/deactivate`).set(admin.auth)).status).toBe(200);
    const res = await world.http.get('/api/v1/me').set(handler.auth);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('SESSION_ENDED');
    const rows = await owner.query(
      `SELECT organisation_id, subject_id FROM audit_events WHERE action = 'auth.token-refused' AND detail->>'reason' = 'SESSION_ENDED'`,
    );
    expect(rows.rows).toContainEqual({ organisation_id: handler.user.organisation.id, subject_id: expect.any(String) });
  });

  it('a refresh token reused after rotation ends the whole family and is audited', async () => {
    const first = await world.signIn('icbc.viewer');
    const second = await world.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    const third = await world.http.post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken });
    expect(third.status).toBe(200);
    const replay = await world.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');
    expect((await world.http.post('/api/v1/auth/refresh').send({ refreshToken: third.body.refreshToken })).status).toBe(401);
    for (const t of [first, second.body, third.body]) {
      expect((await world.http.get('/api/v1/me').set('Authorization', `Bearer ${t.accessToken}`)).status).toBe(401);
    }
    const audit = await owner.query(`SELECT count(*) FROM audit_events WHERE action = 'auth.refresh-reused'`);
    expect(Number(audit.rows[0].count)).toBe(1);
  });
});
