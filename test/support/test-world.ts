import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DEMO_PASSWORD, DemoIds, seedDemo } from '@accord/demo';
import { createApi } from '../../apps/api/src/bootstrap';
import { createWorker } from '../../apps/worker/src/bootstrap';
import { createTestDatabase } from '@accord/testing';

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  user: { id: string; organisation: { id: string } };
  auth: { Authorization: string };
}

/**
 * A whole Accord for one suite: its own database (cloned from the migrated template, with
 * the demo world loaded), its own Redis prefix, the API listening on a free port, and the
 * worker when the story needs it. Tests read like stories: world.signIn('qd.admin').
 */
export class TestWorld {
  api!: NestFastifyApplication;
  url!: string;
  ids!: DemoIds;
  readonly workers: INestApplicationContext[] = [];
  readonly extraApis: NestFastifyApplication[] = [];
  private dropDatabase!: () => Promise<void>;
  env!: Record<string, string>;

  /**
   * `database`: another migrated database than a clone of the run's template (a private server).
   * `history`: the demo's 14 months of concluded cases too (off by default: most tests count the
   * small demo world exactly).
   */
  static async start(
    env: Record<string, string> = {},
    options: { database?: { ownerUrl: string; appUrl: string; drop: () => Promise<void> }; history?: boolean } = {},
  ): Promise<TestWorld> {
    const world = new TestWorld();
    const db = options.database ?? (await createTestDatabase());
    world.dropDatabase = db.drop;
    world.ids = (await seedDemo(db.ownerUrl, { history: options.history ?? false }))!;
    world.env = {
      NODE_ENV: 'test',
      DATABASE_URL: db.ownerUrl,
      APP_DATABASE_URL: db.appUrl,
      DATABASE_POOL_SIZE: '5',
      REDIS_PREFIX: `t${randomBytes(5).toString('hex')}`,
      LOG_LEVEL: 'silent',
      ...env,
    };
    world.api = await world.startApi();
    world.url = await world.api.getUrl();
    return world;
  }

  /** Another API process on the same database and Redis (for the multi-process stories). */
  async startApi(): Promise<NestFastifyApplication> {
    const api = await createApi(this.env, { logs: this.env.LOG_LEVEL !== 'silent' });
    await api.listen(0, '127.0.0.1');
    if (this.api) this.extraApis.push(api);
    return api;
  }

  /** Another API process with some settings of its own. */
  async startApiWith(env: Record<string, string>): Promise<NestFastifyApplication> {
    const api = await createApi({ ...this.env, ...env }, { logs: false });
    await api.listen(0, '127.0.0.1');
    this.extraApis.push(api);
    return api;
  }

  async startWorker(env: Record<string, string> = {}, options: { logs?: boolean } = {}): Promise<INestApplicationContext> {
    const worker = await createWorker({ ...this.env, ...env }, { logs: options.logs ?? false });
    this.workers.push(worker);
    return worker;
  }

  async stopWorker(worker: INestApplicationContext): Promise<void> {
    this.workers.splice(this.workers.indexOf(worker), 1);
    await worker.close();
  }

  get http() {
    return request(this.url);
  }

  org(key: string): string {
    return this.ids.organisations[key];
  }

  async signIn(username: string, password = DEMO_PASSWORD): Promise<SignedIn> {
    const res = await this.http.post('/api/v1/auth/sign-in').send({ username, password });
    if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...res.body, auth: { Authorization: `Bearer ${res.body.accessToken}` } };
  }

  async stop(): Promise<void> {
    for (const w of [...this.workers]) await w.close();
    for (const a of this.extraApis) await a.close();
    await this.api?.close();
    await this.dropDatabase?.();
  }
}

/** Polls until check() returns a truthy value or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
