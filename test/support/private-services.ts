import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * PostgreSQL and Redis servers of a suite's own, started and stopped the way CI starts the
 * machine's (the same binaries and flags, another port), so a test can stop one under a running
 * app without taking the shared ones away from every other suite.
 */

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

export class PrivateRedis {
  private process?: ChildProcess;
  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.resume();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** As CI starts it: nothing on disk. */
  async resume(): Promise<void> {
    this.process = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(this.port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor(() => accepts(this.port), 'redis-server');
  }

  async stop(): Promise<void> {
    const exited = new Promise((r) => this.process?.once('exit', r));
    execFileSync('redis-cli', ['-p', String(this.port), 'shutdown', 'nosave']);
    await exited;
  }
}

/** The server binaries of the machine's PostgreSQL (Debian keeps them out of PATH). */
function pgBin(name: string): string {
  const base = '/usr/lib/postgresql';
  const version = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0];
  return path.join(base, version, 'bin', name);
}

export class PrivatePostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  /** PostgreSQL refuses to run as root: as root (CI) the cluster belongs to the postgres user. */
  private run(name: string, args: string[]): void {
    const command = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', pgBin(name), ...args]] : [pgBin(name), args];
    execFileSync(command[0] as string, command[1] as string[], { stdio: 'ignore' });
  }

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(path.join(tmpdir(), 'accord-pg-'));
    chmodSync(dir, 0o777);
    const pg = new PrivatePostgres(await freePort(), dir);
    pg.run('initdb', ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    await pg.resume();
    return pg;
  }

  url(database: string, user = 'postgres'): string {
    return `postgres://${user === 'postgres' ? 'postgres' : `${user}:${user}`}@127.0.0.1:${this.port}/${database}`;
  }

  async resume(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    this.run('pg_ctl', ['-D', path.join(this.dir, 'data'), '-o', options, '-l', path.join(this.dir, 'log'), '-w', 'start']);
  }

  /**
   * A streaming replica of this server on a port of its own: pg_basebackup -R (which writes
   * standby.signal and primary_conninfo) into a directory of its own, started as a hot standby.
   */
  async standby(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(path.join(tmpdir(), 'accord-pg-standby-'));
    chmodSync(dir, 0o777);
    const standby = new PrivatePostgres(await freePort(), dir);
    this.run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-D', path.join(dir, 'data'), '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    await standby.resume();
    return standby;
  }

  async stop(): Promise<void> {
    this.run('pg_ctl', ['-D', path.join(this.dir, 'data'), '-m', 'fast', '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
