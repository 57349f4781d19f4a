import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { Client } from 'pg';
import { CommitSignals } from '@accord/core';
import { eventually, TestWorld } from './support/test-world';

/**
 * Issue 21: an authenticated request answers its session check from a cache (and GET /me its
 * profile), yet a session ended anywhere stops on the very next request, in this API process
 * and in another one on the same database and Redis.
 */
describe('the session cache', () => {
  let world: TestWorld;
  let second: NestFastifyApplication;
  let other: () => ReturnType<typeof request>;
  beforeAll(async () => {
    world = await TestWorld.start();
    second = await world.startApi();
    const url = await second.getUrl();
    other = () => request(url);
  });
  afterAll(() => world.stop());

  /** Both processes have the session cached (the second request of each is answered from the cache). */
  async function warm(auth: { Authorization: string }) {
    for (const http of [() => world.http, other]) {
      for (let i = 0; i < 2; i++) expect((await http().get('/api/v1/me').set(auth)).status).toBe(200);
    }
  }

  async function ended(auth: { Authorization: string }) {
    for (const http of [other, () => world.http]) {
      const res = await http().get('/api/v1/me').set(auth);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('SESSION_ENDED');
    }
  }

  it('serves a cached session and profile without PostgreSQL, and still sees the session end on sign-out', async () => {
    const s = await world.signIn('qd.liaison');
    await warm(s.auth);
    // Both processes answer the same profile, from their own caches.
    const a = await world.http.get('/api/v1/me').set(s.auth);
    const b = await other().get('/api/v1/me').set(s.auth);
    expect(b.body).toEqual(a.body);
    expect(a.body.username).toBe('qd.liaison');
    expect((await world.http.post('/api/v1/auth/sign-out').set(s.auth)).status).toBe(204);
    await ended(s.auth);
  });

  it('ends the other sessions of a user in both processes at once', async () => {
    const keep = await world.signIn('qd.mediator');
    const gone = await world.signIn('qd.mediator');
    await warm(gone.auth);
    expect((await other().post('/api/v1/auth/sessions/revoke-others').set(keep.auth)).status).toBeLessThan(300);
    await ended(gone.auth);
    expect((await world.http.get('/api/v1/me').set(keep.auth)).status).toBe(200);
  });

  it("ends a user's sessions when an admin revokes them or deactivates the user", async () => {
    const admin = await world.signIn('qdbank.admin');
    const handler = await world.signIn('qdbank.handler');
    await warm(handler.auth);
    expect((await other().post(`/api/v1/users/${handler.user.id}/sessions/revoke`).set(admin.auth)).status).toBeLessThan(300);
    await ended(handler.auth);

    const again = await world.signIn('qdbank.handler');
    await warm(again.auth);
    expect((await world.http.post(`/api/v1/users/${again.user.id}/deactivate`).set(admin.auth)).status).toBe(200);
    await ended(again.auth);
  });

  it('a process slow to read its signals still refuses an ended session on the next request: the sign-out waits until it has dropped it', async () => {
    const s = await world.signIn('qd.liaison');
    await warm(s.auth);
    // The second process reads nothing from its signal subscription for 150 ms (as a busy one may not).
    const subscriber = (second.get(CommitSignals) as unknown as { subscriber: { stream: { pause(): void; resume(): void } } }).subscriber;
    subscriber.stream.pause();
    const resume = setTimeout(() => subscriber.stream.resume(), 150);
    try {
      const started = Date.now();
      expect((await world.http.post('/api/v1/auth/sign-out').set(s.auth)).status).toBe(204);
      expect(Date.now() - started).toBeGreaterThanOrEqual(100);
      await ended(s.auth);
    } finally {
      clearTimeout(resume);
      subscriber.stream.resume();
    }
  });

  it('answers the profile from the cache and drops it when the user changes: through the API before it answers, by a script a moment after its commit', async () => {
    const s = await world.signIn('qd.intake');
    await warm(s.auth);
    const owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    try {
      // With triggers off for this session (replication role), the write signals nothing: the
      // processes keep answering the cached name — proof that the cache, not PostgreSQL, answers.
      await owner.query(`SET session_replication_role = replica`);
      await owner.query(`UPDATE users SET display_name = '王芳（暗）' WHERE id = $1`, [s.user.id]);
      await owner.query(`RESET session_replication_role`);
      expect((await world.http.get('/api/v1/me').set(s.auth)).body.displayName).toBe('王芳');
      expect((await other().get('/api/v1/me').set(s.auth)).body.displayName).toBe('王芳');
      // An ordinary write straight in PostgreSQL by a script reaches both through NOTIFY, which
      // arrives a moment after the script's commit (a write through the API is heard before it answers).
      await owner.query(`UPDATE users SET display_name = '王芳（改）' WHERE id = $1`, [s.user.id]);
      const renamed = async () => (await Promise.all([other(), world.http].map(async (http) => (await http.get('/api/v1/me').set(s.auth)).body.displayName))).every((n) => n === '王芳（改）');
      await eventually(renamed, 5000);
      // And a direct revocation ends the session a moment later too.
      await owner.query(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'test' WHERE user_id = $1`, [s.user.id]);
      const refused = async () => (await Promise.all([other(), world.http].map(async (http) => (await http.get('/api/v1/me').set(s.auth)).status))).every((st) => st === 401);
      await eventually(refused, 5000);
      await ended(s.auth);
    } finally {
      await owner.end();
    }
  });
});
