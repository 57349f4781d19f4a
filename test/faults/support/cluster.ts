import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { DEMO_PASSWORD, DemoIds, seedDemo } from '@accord/demo';
import { runMigrations } from '@accord/core/database/migration-tools';
import { allEntities, allMigrations } from '@accord/schema';
import { freePort, PrivatePostgres, PrivateRedis } from '../../support/private-services';

const root = path.resolve(__dirname, '..', '..', '..');
/** The servers' V8 memory flags, as npm start and the image start them (scripts/lib/dist.mjs says why). */
const serverNodeFlags = JSON.parse(readFileSync(path.join(root, 'scripts/lib/server-node-flags.json'), 'utf8')) as string[];

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  user: { id: string };
  auth: { Authorization: string };
}

/**
 * One real process of the product (the API or the worker, built into dist/ by `npm run
 * build:server`), started the way `npm start` starts it, so a scenario can SIGKILL it.
 */
export class AppProcess {
  readonly log: string[] = [];
  readonly exited: Promise<number | string | null>;
  url = '';

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
    readonly port?: number,
  ) {
    if (port) this.url = `http://127.0.0.1:${port}`;
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line) this.log.push(line);
      if (this.log.length > 400) this.log.splice(0, this.log.length - 400);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resident set size in bytes, from /proc (what the operating system charges the process). */
  rss(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.alive) return;
    this.child.kill(signal);
    await this.exited;
  }

  /** A graceful stop that turns into SIGKILL when it takes too long. */
  async stop(ms = 8000): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), ms);
    await this.exited;
    clearTimeout(timer);
  }

  http() {
    return request(this.url);
  }
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs: number, proc?: AppProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (proc && !proc.alive) throw new Error(`${what}: the process exited\n${proc.log.slice(-30).join('\n')}`);
    if (Date.now() > deadline) throw new Error(`${what} did not happen in time${proc ? `\n${proc.log.slice(-30).join('\n')}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A whole installation for one fault scenario: a private PostgreSQL and a private Redis started
 * as CI starts the machine's (so stopping them touches no other suite), migrated and seeded
 * with the demo world, and API and worker processes spawned from dist/ against them.
 */
export class FaultCluster {
  readonly processes: AppProcess[] = [];
  ids!: DemoIds;
  env!: Record<string, string>;
  owner!: Client;

  private constructor(
    readonly pg: PrivatePostgres,
    readonly redis: PrivateRedis,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<FaultCluster> {
    if (!existsSync(path.join(root, 'dist/apps/api/src/main.js'))) throw new Error('dist/ is missing: run `npm run build:server` (npm run test:faults does)');
    const [pg, redis] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start()]);
    const cluster = new FaultCluster(pg, redis);
    await runMigrations(pg.url('postgres'), allEntities, allMigrations);
    cluster.ids = (await seedDemo(pg.url('postgres'), { history: false }))!;
    cluster.env = {
      NODE_ENV: 'test',
      DATABASE_URL: pg.url('postgres'),
      APP_DATABASE_URL: pg.url('postgres', 'accord_app'),
      DATABASE_POOL_SIZE: '10',
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'faults',
      LOG_LEVEL: 'warn',
      // Every request of a scenario comes from 127.0.0.1: per-address limits would throttle the load itself.
      SIGN_IN_RATE_PER_MINUTE: '100000',
      SIGN_IN_IP_MAX_FAILURES: '100000',
      RATE_LIMIT_REFRESH_PER_MINUTE: '100000',
      ...env,
    };
    await cluster.reconnectOwner();
    return cluster;
  }

  /** The scenario's own owner connection (superuser: it reads past RLS), again after a restart. */
  async reconnectOwner(): Promise<void> {
    await this.owner?.end().catch(() => undefined);
    this.owner = new Client({ connectionString: this.pg.url('postgres') });
    this.owner.on('error', () => undefined);
    await this.owner.connect();
  }

  private spawn(name: string, entry: string, env: Record<string, string>, port?: number): AppProcess {
    const child = spawn(process.execPath, [...serverNodeFlags, '-r', './dist/aliases.js', entry], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...this.env, ...env, ...(port ? { PORT: String(port) } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc = new AppProcess(name, child, port);
    this.processes.push(proc);
    return proc;
  }

  async startApi(name = 'api', env: Record<string, string> = {}): Promise<AppProcess> {
    const proc = this.spawn(name, 'dist/apps/api/src/main.js', env, await freePort());
    await until(async () => (await proc.http().get('/health/live')).status === 200, `${name} listening`, 30000, proc);
    return proc;
  }

  async startWorker(name = 'worker', env: Record<string, string> = {}): Promise<AppProcess> {
    const proc = this.spawn(name, 'dist/apps/worker/src/main.js', env);
    await until(async () => proc.log.some((l) => l.includes('Accord worker running')), `${name} running`, 30000, proc);
    return proc;
  }

  org(key: string): string {
    return this.ids.organisations[key];
  }

  async signIn(api: AppProcess, username: string, password = DEMO_PASSWORD): Promise<SignedIn> {
    const res = await api.http().post('/api/v1/auth/sign-in').send({ username, password });
    if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...res.body, auth: { Authorization: `Bearer ${res.body.accessToken}` } };
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    return Number((await this.owner.query(sql, params)).rows[0].n);
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.stop(3000)));
    await this.owner?.end().catch(() => undefined);
    await this.redis.stop().catch(() => undefined);
    await this.pg.destroy();
  }
}

export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 60000): Promise<void> {
  await until(check, what, timeoutMs);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Prints one scenario's counts as a table (and keeps them for the README's reliability section). */
export function report(scenario: string, rows: Record<string, Record<string, number | string>>): void {
  const lines = [`\n── fault scenario: ${scenario}`];
  for (const [what, counts] of Object.entries(rows)) {
    lines.push(`   ${what.padEnd(28)} ${Object.entries(counts).map(([k, v]) => `${k}=${v}`).join('  ')}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
