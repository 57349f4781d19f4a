import { io, Socket } from 'socket.io-client';
import { runMigrations } from '@accord/core/database/migration-tools';
import { allEntities, allMigrations } from '@accord/schema';
import { eventually, TestWorld } from './support/test-world';
import { PrivatePostgres, PrivateRedis } from './support/private-services';

interface Readiness {
  status: 'ok' | 'error';
  details: Record<string, { status: 'up' | 'down'; responseTime?: number; message?: string; [k: string]: unknown }>;
}

describe('operations: readiness and metrics', () => {
  describe('readiness names each dependency and goes 503 while one is away', () => {
    let pg: PrivatePostgres;
    let redis: PrivateRedis;
    let world: TestWorld;

    beforeAll(async () => {
      [pg, redis] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start()]);
      await runMigrations(pg.url('postgres'), allEntities, allMigrations);
      world = await TestWorld.start(
        { REDIS_URL: redis.url },
        { database: { ownerUrl: pg.url('postgres'), appUrl: pg.url('postgres', 'accord_app'), drop: async () => undefined } },
      );
    }, 60000);
    afterAll(async () => {
      await world?.stop();
      await redis?.stop().catch(() => undefined);
      await pg?.destroy();
    });

    const ready = async () => {
      const res = await world.http.get('/health/ready');
      return { status: res.status, body: res.body as Readiness };
    };

    it('is not ready without a worker, and ready once one reports in', async () => {
      const before = await ready();
      expect(before.status).toBe(503);
      expect(before.body.details.worker).toMatchObject({ status: 'down', live: 0 });
      // Everything else is up, each with how long it took to answer.
      for (const name of ['postgres', 'redis', 'migrations', 'outbox']) expect(before.body.details[name].status).toBe('up');
      expect(before.body.details.postgres.responseTime).toEqual(expect.any(Number));
      await world.startWorker();
      const after = await eventually(async () => ((await ready()).status === 200 ? ready() : null));
      expect(after.body.status).toBe('ok');
      expect(after.body.details.worker).toMatchObject({ status: 'up', live: 1 });
      expect(after.body.details.outbox).toMatchObject({ status: 'up', backlog: expect.any(Number), limitSeconds: 60 });
      expect((await world.http.get('/health/live')).status).toBe(200);
    });

    it('Redis stopped: 503 naming redis, and 200 again once it is back', async () => {
      await redis.stop();
      const down = await eventually(async () => {
        const r = await ready();
        return r.status === 503 && r.body.details.redis?.status === 'down' ? r : null;
      });
      expect(down.body.details.postgres.status).toBe('up');
      expect((await world.http.get('/health/live')).status).toBe(200);
      await redis.resume();
      // The worker beats again into the new Redis within one heartbeat.
      const back = await eventually(async () => ((await ready()).status === 200 ? ready() : null), 20000);
      expect(back.body.details.redis.status).toBe('up');
    }, 40000);

    it('PostgreSQL stopped: 503 naming postgres, and 200 again once it is back, without restarting anything', async () => {
      await pg.stop();
      const down = await eventually(async () => {
        const r = await ready();
        return r.status === 503 && r.body.details.postgres?.status === 'down' ? r : null;
      });
      expect(down.body.details.redis.status).toBe('up');
      await pg.resume();
      const back = await eventually(async () => ((await ready()).status === 200 ? ready() : null), 20000);
      expect(back.body.details.postgres.status).toBe('up');
      // And the API serves again from the same pool.
      expect((await world.signIn('qd.intake')).accessToken).toBeTruthy();
    }, 40000);
  });

  describe('/metrics', () => {
    let world: TestWorld;
    let socket: Socket | undefined;
    beforeAll(async () => {
      world = await TestWorld.start();
    });
    afterAll(async () => {
      socket?.disconnect();
      await world.stop();
    });

    it('serves the Prometheus families an operator watches, to this machine only', async () => {
      const s = await world.signIn('qd.intake');
      expect((await world.http.get('/api/v1/me').set(s.auth)).status).toBe(200);
      expect((await world.http.get('/api/v1/cases/00000000-0000-4000-8000-000000000000').set(s.auth)).status).toBe(404);
      socket = io(world.url, { path: '/socket.io', auth: { token: s.accessToken }, transports: ['websocket'] });
      await new Promise<void>((resolve, reject) => (socket!.once('connect', () => resolve()), socket!.once('connect_error', reject)));

      const res = await world.http.get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = res.text;
      // Durations by route pattern (not the raw URL with its id) and status.
      expect(text).toMatch(/http_request_duration_seconds_bucket\{le="[^"]+",method="GET",route="\/api\/v1\/me",status_code="200"\} [1-9]/);
      expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/cases\/:id",status_code="404"\} 1/);
      expect(text).not.toContain('00000000-0000-4000-8000-000000000000');
      expect(text).toMatch(/^accord_outbox_backlog \d+$/m);
      expect(text).toMatch(/^accord_outbox_oldest_age_seconds [\d.e+-]+$/m);
      for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(text).toMatch(new RegExp(`^accord_queue_jobs\\{queue="events",state="${state}"\\} \\d+$`, 'm'));
      expect(text).toMatch(/^accord_sockets_connected 1$/m);
      expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds [\d.e+-]+$/m);

      // Through a proxy (X-Forwarded-For) it is as if it did not exist.
      const proxied = await world.http.get('/metrics').set('X-Forwarded-For', '203.0.113.9');
      expect(proxied.status).toBe(404);
      expect(proxied.text).not.toContain('accord_');
    });

    it('with METRICS_TOKEN set, answers only the scraper that sends it', async () => {
      const api = await world.startApiWith({ METRICS_TOKEN: 'scrape-token-0123456789' });
      const url = await api.getUrl();
      const request = (await import('supertest')).default;
      expect((await request(url).get('/metrics')).status).toBe(404);
      expect((await request(url).get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789')).status).toBe(404);
      const ok = await request(url).get('/metrics').set('Authorization', 'Bearer scrape-token-0123456789');
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('accord_outbox_backlog');
    });
  });
});
