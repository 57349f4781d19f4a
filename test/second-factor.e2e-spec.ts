import { Client } from 'pg';
import { generate } from 'otplib';
import { TestWorld } from './support/test-world';

const PASSWORD = 'Accord-demo-2026';
const PERIOD = 30;

/** Waits until at least 6 s remain in the current 30 s step, so codes for steps -1, 0, +1 stay valid while a test uses them. */
async function steadyStep(): Promise<number> {
  const left = PERIOD - ((Date.now() / 1000) % PERIOD);
  if (left < 6) await new Promise((r) => setTimeout(r, left * 1000 + 200));
  return Math.floor(Date.now() / 1000);
}
/** The code of the step `offset` steps from now (the server accepts one step either side). */
const codeAt = (secret: string, now: number, offset: number) => generate({ secret, epoch: now + offset * PERIOD });

describe('second factor (TOTP), step-up and sessions', () => {
  let world: TestWorld;
  let owner: Client;
  beforeAll(async () => {
    // Many sign-ins from one address in a minute here: the per-address rate is not what this file tests.
    world = await TestWorld.start({ SIGN_IN_RATE_PER_MINUTE: '1000' });
    owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await world.stop();
  });

  const signInFirst = (username: string) => world.http.post('/api/v1/auth/sign-in').send({ username, password: PASSWORD });
  const audited = async (action: string, subjectId?: string) =>
    Number(
      (await owner.query(`SELECT count(*) FROM audit_events WHERE action = $1 AND ($2::text IS NULL OR subject_id = $2::text)`, [action, subjectId ?? null]))
        .rows[0].count,
    );

  /** Enrols a signed-in user from the account page; returns the secret and recovery codes. */
  async function enrol(username: string) {
    const s = await world.signIn(username);
    const started = await world.http.post('/api/v1/auth/second-factor/enrolment').set(s.auth);
    expect(started.status).toBe(200);
    expect(started.body.otpauthUri).toMatch(new RegExp(`^otpauth://totp/.*${username.replace('.', '\\.')}.*secret=${started.body.secret}`));
    const now = await steadyStep();
    const confirmed = await world.http
      .post('/api/v1/auth/second-factor/enrolment/confirm')
      .set(s.auth)
      .send({ code: await codeAt(started.body.secret, now, -1) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    return { session: s, secret: started.body.secret as string, recoveryCodes: confirmed.body.recoveryCodes as string[], now };
  }

  let adminSecret = '';

  it('enrols with the first code, then signs in in two steps; a wrong or replayed code is refused and audited', async () => {
    const { secret, session } = await enrol('qd.admin');
    adminSecret = secret;
    const user = session.user.id;
    const sealed = await owner.query(`SELECT secret_sealed, confirmed_at FROM second_factors WHERE user_id = $1`, [user]);
    expect(sealed.rows[0].confirmed_at).not.toBeNull();
    expect(sealed.rows[0].secret_sealed.toString('latin1')).not.toContain(secret);

    const first = await signInFirst('qd.admin');
    expect(first.status).toBe(401);
    expect(first.headers['content-type']).toMatch(/problem\+json/);
    expect(first.body).toMatchObject({ code: 'SECOND_FACTOR_REQUIRED', stage: 'code' });
    expect(first.body.accessToken).toBeUndefined();
    const token = first.body.secondFactorToken;
    // The pending token is no access token.
    expect((await world.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);

    const now = await steadyStep();
    const wrong = await world.http.post('/api/v1/auth/second-factor/sign-in').send({ secondFactorToken: token, code: (Number(await codeAt(secret, now, 0)) + 1).toString().padStart(6, '0').slice(-6) });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_SECOND_FACTOR');
    expect(await audited('auth.second-factor-failed', user)).toBe(1);

    const code = await codeAt(secret, now, 0);
    const ok = await world.http.post('/api/v1/auth/second-factor/sign-in').send({ secondFactorToken: token, code });
    expect(ok.status).toBe(200);
    expect((await world.http.get('/api/v1/me').set('Authorization', `Bearer ${ok.body.accessToken}`)).body.username).toBe('qd.admin');

    const again = await signInFirst('qd.admin');
    const replay = await world.http.post('/api/v1/auth/second-factor/sign-in').send({ secondFactorToken: again.body.secondFactorToken, code });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('INVALID_SECOND_FACTOR');
    expect(await audited('auth.second-factor-replayed', user)).toBe(1);
    // An older code than the last accepted one is a replay too.
    const older = await world.http.post('/api/v1/auth/second-factor/sign-in').send({ secondFactorToken: again.body.secondFactorToken, code: await codeAt(secret, now, -1) });
    expect(older.status).toBe(401);
  });

  it('a recovery code works once', async () => {
    const { recoveryCodes } = await enrol('sh.admin');
    const first = await signInFirst('sh.admin');
    const used = await world.http.post('/api/v1/auth/second-factor/sign-in').send({ secondFactorToken: first.body.secondFactorToken, code: recoveryCodes[3] });
    expect(used.status).toBe(200);
    const second = await signInFirst('sh.admin');
    const reused = await world.http.post('/api/v1/auth/second-factor/sign-in').send({ secondFactorToken: second.body.secondFactorToken, code: recoveryCodes[3] });
    expect(reused.status).toBe(401);
    const status = await world.http.get('/api/v1/auth/second-factor').set({ Authorization: `Bearer ${used.body.accessToken}` });
    expect(status.body).toMatchObject({ enrolled: true, required: true, recoveryCodesLeft: 9 });
  });

  it('a user who must have a factor and has none (not exempt) enrols before their first session', async () => {
    await owner.query(`DELETE FROM second_factors WHERE user_id = $1`, [world.ids.users['qd.intake']]);
    const first = await signInFirst('qd.intake');
    expect(first.body).toMatchObject({ code: 'SECOND_FACTOR_REQUIRED', stage: 'enrol' });
    // A code-stage call with an enrol-stage token is refused.
    expect((await world.http.post('/api/v1/auth/second-factor/sign-in').send({ secondFactorToken: first.body.secondFactorToken, code: '123456' })).status).toBe(401);
    const started = await world.http.post('/api/v1/auth/second-factor/sign-in/enrolment').send({ secondFactorToken: first.body.secondFactorToken });
    expect(started.status).toBe(200);
    const now = await steadyStep();
    const done = await world.http
      .post('/api/v1/auth/second-factor/sign-in/enrolment/confirm')
      .send({ secondFactorToken: first.body.secondFactorToken, code: await codeAt(started.body.secret, now, 0) });
    expect(done.status).toBe(200);
    expect(done.body.recoveryCodes).toHaveLength(10);
    expect((await world.http.get('/api/v1/me').set('Authorization', `Bearer ${done.body.accessToken}`)).status).toBe(200);
  });

  it('step-up: creating an API key asks for a code once the last proof is 15 minutes old', async () => {
    const { secret } = await enrol('icbc.admin');
    const first = await signInFirst('icbc.admin');
    let now = await steadyStep();
    const signedIn = await world.http.post('/api/v1/auth/second-factor/sign-in').send({ secondFactorToken: first.body.secondFactorToken, code: await codeAt(secret, now, 0) });
    const auth = { Authorization: `Bearer ${signedIn.body.accessToken}` };
    expect((await world.http.post('/api/v1/api-keys').set(auth).send({ name: '核心系统' })).status).toBe(201);
    // Sixteen minutes pass.
    await owner.query(`UPDATE auth_sessions SET second_factor_at = now() - interval '16 minutes' WHERE user_id = $1`, [signedIn.body.user.id]);
    const refused = await world.http.post('/api/v1/api-keys').set(auth).send({ name: '核心系统二' });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.body.code).toBe('STEP_UP_REQUIRED');
    now = await steadyStep();
    expect((await world.http.post('/api/v1/auth/step-up').set(auth).send({ code: await codeAt(secret, now, 1) })).status).toBe(204);
    expect((await world.http.post('/api/v1/api-keys').set(auth).send({ name: '核心系统二' })).status).toBe(201);
    expect(await audited('auth.step-up')).toBeGreaterThan(0);
  });

  it('an admin resets a user’s factor after a step-up (audited); revealing an identity asks for a step-up after 15 minutes; another organisation’s user answers 404', async () => {
    const { secret } = await enrol('qd.mediator');
    const target = world.ids.users['qd.mediator'];
    expect((await signInFirst('qd.mediator')).body.stage).toBe('code');
    // The admin proves their own factor first (resetting another's is a sensitive action); a step
    // after the one accepted in the first test.
    const adminFirst = await signInFirst('qd.admin');
    const now = await steadyStep();
    const adminIn = await world.http
      .post('/api/v1/auth/second-factor/sign-in')
      .send({ secondFactorToken: adminFirst.body.secondFactorToken, code: await codeAt(adminSecret, now, 1) });
    expect(adminIn.status).toBe(200);
    const admin = { session: { auth: { Authorization: `Bearer ${adminIn.body.accessToken}` } } };
    const res = await world.http.post(`/api/v1/users/${target}/second-factor/reset`).set(admin.session.auth);
    expect(res.status).toBe(204);
    expect(await audited('user.second-factor-reset', target)).toBe(1);
    expect(secret).toBeTruthy();
    expect((await owner.query(`SELECT count(*) FROM recovery_codes WHERE user_id = $1`, [target])).rows[0].count).toBe('0');
    const after = await signInFirst('qd.mediator');
    expect(after.status).toBe(401);
    expect(after.body.stage).toBe('enrol');
    // Revealing a consumer's full identity: allowed within 15 minutes of the proof, then asks again.
    const caseRow = await owner.query(`SELECT id FROM cases WHERE center_id = $1 AND consumer_sealed IS NOT NULL LIMIT 1`, [world.org('qd-center')]);
    expect(caseRow.rowCount).toBe(1);
    const reveal = () => world.http.get(`/api/v1/cases/${caseRow.rows[0].id}/consumer`).set(admin.session.auth);
    expect((await reveal()).status).toBe(200);
    await owner.query(`UPDATE auth_sessions SET second_factor_at = now() - interval '16 minutes' WHERE user_id = $1`, [world.ids.users['qd.admin']]);
    const stale = await reveal();
    expect(stale.status).toBe(403);
    expect(stale.body.code).toBe('STEP_UP_REQUIRED');
    const shUser = world.ids.users['sh.mediator'];
    const other = await world.http.post(`/api/v1/users/${shUser}/second-factor/reset`).set(admin.session.auth);
    expect(other.status).toBe(404);
    const otherSessions = await world.http.post(`/api/v1/users/${shUser}/sessions/revoke`).set(admin.session.auth);
    expect(otherSessions.status).toBe(404);
  });

  it('lists a user’s own sessions and revokes one or all others; another user’s session answers 404; an admin revokes a user’s sessions', async () => {
    const a = await world.signIn('qdbank.handler');
    const b = await world.http.post('/api/v1/auth/sign-in').set('User-Agent', 'Mozilla/5.0 (iPhone)').send({ username: 'qdbank.handler', password: PASSWORD });
    const c = await world.signIn('qdbank.handler');
    const list = await world.http.get('/api/v1/auth/sessions').set(a.auth);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(3);
    expect(list.body.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const phone = list.body.items.find((s: { userAgent: string }) => s.userAgent?.includes('iPhone'));
    expect(phone).toMatchObject({ ip: expect.any(String), createdAt: expect.any(String), lastSeenAt: expect.any(String), current: false });

    // Another user of the same bank, and a user of another organisation, cannot end it.
    const colleague = await world.signIn('qdbank.admin');
    expect((await world.http.delete(`/api/v1/auth/sessions/${phone.id}`).set(colleague.auth)).status).toBe(404);
    const stranger = await world.signIn('icbc.viewer');
    expect((await world.http.delete(`/api/v1/auth/sessions/${phone.id}`).set(stranger.auth)).status).toBe(404);

    expect((await world.http.delete(`/api/v1/auth/sessions/${phone.id}`).set(a.auth)).status).toBe(204);
    expect((await world.http.get('/api/v1/me').set('Authorization', `Bearer ${b.body.accessToken}`)).status).toBe(401);
    const others = await world.http.post('/api/v1/auth/sessions/revoke-others').set(a.auth);
    expect(others.body).toEqual({ revoked: 1 });
    expect((await world.http.get('/api/v1/me').set(c.auth)).status).toBe(401);
    expect((await world.http.get('/api/v1/me').set(a.auth)).status).toBe(200);

    const revoked = await world.http.post(`/api/v1/users/${a.user.id}/sessions/revoke`).set(colleague.auth);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ revoked: 1 });
    expect((await world.http.get('/api/v1/me').set(a.auth)).status).toBe(401);
    expect(await audited('user.sessions-revoked', a.user.id)).toBe(1);
  });

  it('an institution admin requires a second factor of all its users (audited); others of the bank are asked to enrol, other banks are not', async () => {
    const admin = await world.signIn('cmb.admin');
    expect((await signInFirst('cmb.sh.handler')).status).toBe(200);
    const set = await world.http.put('/api/v1/organisations/mine/second-factor-policy').set(admin.auth).send({ required: true });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ required: true });
    expect(await audited('organisation.second-factor-policy', world.org('cmb'))).toBe(1);
    // The seed exempts the demo users: lift the exemption to see the policy.
    await owner.query(`DELETE FROM second_factors WHERE user_id = $1`, [world.ids.users['cmb.sh.handler']]);
    expect((await signInFirst('cmb.sh.handler')).body).toMatchObject({ code: 'SECOND_FACTOR_REQUIRED', stage: 'enrol' });
    await owner.query(`DELETE FROM second_factors WHERE user_id = $1`, [world.ids.users['icbc.qd.handler']]);
    expect((await signInFirst('icbc.qd.handler')).status).toBe(200);
    // Only an institution admin sets it.
    expect((await world.http.put('/api/v1/organisations/mine/second-factor-policy').set((await world.signIn('sh.intake')).auth).send({ required: true })).status).toBe(403);
  });
});
