import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { Client } from 'pg';
import { TestWorld } from './support/test-world';

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

  it('drops a cached profile when the user changes, even by a write outside the API', async () => {
    const s = await world.signIn('qd.intake');
    await warm(s.auth);
    // A change made straight in PostgreSQL by the owner (a script outside the API) signals
    // nothing, so the cached profile still answers: proof that the cache, not PostgreSQL, did.
    const owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    try {
      await owner.query(`UPDATE users SET display_name = '王芳（改）' WHERE id = $1`, [s.user.id]);
      expect((await world.http.get('/api/v1/me').set(s.auth)).body.displayName).toBe('王芳');
    } finally {
      await owner.end();
    }
    // Signing out in one process reaches the other before the answer.
    expect((await other().post('/api/v1/auth/sign-out').set(s.auth)).status).toBe(204);
    await ended(s.auth);
    const fresh = await world.signIn('qd.intake');
    expect((await other().get('/api/v1/me').set(fresh.auth)).body.displayName).toBe('王芳（改）');
  });
});
