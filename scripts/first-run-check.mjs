// What a newcomer does, checked (`.ci/run` begins with it on its clean clone): the README's first
// command, `npm start`, against a fresh database, until the portal and /health/ready answer; a
// demo user signs in over HTTP; it stops on Ctrl-C. Then the same again on the same tree (the warm
// start, which must skip what is done). Prints both times; any failure exits non-zero in one line.
// Uses only Node's own modules: on a clean clone nothing else is installed yet.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = `firstrun_${process.pid}`;
const ownerBase = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `accord_${run}`;
const COLD_LIMIT_MS = 15 * 60_000;
/** Starts still running when a check fails: their whole process group is killed on the way out. */
const running = new Set();

function fail(line) {
  console.error(`\n✖ first run: ${line}`);
  process.exitCode = 1;
  throw new Error(line);
}

function urlFor(db) {
  const url = new URL(ownerBase);
  url.pathname = `/${db}`;
  return url.toString();
}

/** psql against the maintenance database (no npm package is installed yet). */
function psql(sql) {
  const r = spawnSync('psql', [urlFor('postgres'), '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { encoding: 'utf8' });
  if (r.status !== 0) fail(`psql failed: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '0.0.0.0', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function start(label, port) {
  const began = Date.now();
  const env = {
    ...process.env,
    DATABASE_URL: urlFor(database),
    REDIS_PREFIX: run,
    PORT: String(port),
    LOG_LEVEL: 'warn',
  };
  delete env.APP_DATABASE_URL;
  delete env.NODE_ENV;
  console.log(`\n▸ ${label}: npm start (database ${database}, port ${port})`);
  const child = spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  running.add(child);
  let exited = null;
  child.on('exit', (code, signal) => (exited = signal ?? code));
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited !== null) fail(`${label}: npm start exited (${exited}) before /health/ready answered 200`);
    if (Date.now() - began > COLD_LIMIT_MS) fail(`${label}: /health/ready did not answer 200 within ${COLD_LIMIT_MS / 60000} minutes`);
    const ready = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(5000) }).then((r) => r.status === 200, () => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const seconds = (Date.now() - began) / 1000;

  const portal = await fetch(`${base}/`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.text().then((body) => ({ status: r.status, body })));
  if (portal.status !== 200 || !/<div id="root">/.test(portal.body)) fail(`${label}: the portal did not answer at ${base}/ (${portal.status})`);
  const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'qd.intake', password: 'Accord-demo-2026' }),
  });
  const tokens = await signIn.json();
  if (signIn.status !== 200 || !tokens.accessToken) fail(`${label}: the demo sign-in answered ${signIn.status} ${JSON.stringify(tokens)}`);
  const me = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${tokens.accessToken}` } }).then((r) => r.json());
  if (me.username !== 'qd.intake') fail(`${label}: /api/v1/me did not return the signed-in user`);
  console.log(`✔ ${label}: ready in ${seconds.toFixed(1)} s; the portal answers and qd.intake (${me.displayName}) signed in`);

  // Ctrl-C, as a person stops it: both processes must end.
  process.kill(-child.pid, 'SIGINT');
  const deadline = Date.now() + 20_000;
  while (exited === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (exited === null) {
    process.kill(-child.pid, 'SIGKILL');
    fail(`${label}: npm start did not stop within 20 s of Ctrl-C`);
  }
  running.delete(child);
  return seconds;
}

/** A start that must fail: within a minute, non-zero, with `expected` in its one line. */
async function badStart(label, envChanges, expected) {
  const env = { ...process.env, DATABASE_URL: urlFor(database), REDIS_PREFIX: run, LOG_LEVEL: 'warn', ...envChanges };
  delete env.NODE_ENV;
  const r = spawnSync('npm', ['start', '--silent'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  const said = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.startsWith('✖'));
  if (r.status === 0 || r.status === null) fail(`${label}: npm start did not stop with an error (exit ${r.status ?? r.signal})`);
  if (said.length !== 1 || !expected.test(said[0])) fail(`${label}: expected one line matching ${expected}, got ${JSON.stringify(said)}`);
  console.log(`✔ ${label}: ${said[0]}`);
}

async function badStarts() {
  console.log('\n▸ starts that cannot work say why in one line and exit non-zero');
  await badStart('PostgreSQL unreachable', { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/accord' }, /PostgreSQL is not reachable at 127\.0\.0\.1:1\. Start it/);
  await badStart('Redis unreachable', { REDIS_URL: 'redis://127.0.0.1:1' }, /Redis is not reachable at 127\.0\.0\.1:1\. Start it/);
  const taken = net.createServer();
  await new Promise((r) => taken.listen(0, '0.0.0.0', r));
  try {
    await badStart('port in use', { PORT: String(taken.address().port) }, /Port \d+ is already in use/);
  } finally {
    taken.close();
  }
  // A database a migration cannot apply to (a table of that name already there): the start stops
  // at that migration, names it, and no demo data is loaded into the half-made schema.
  const broken = `${database}_broken`;
  psql(`DROP DATABASE IF EXISTS ${broken} WITH (FORCE)`);
  psql(`CREATE DATABASE ${broken}`);
  try {
    spawnSync('psql', [urlFor(broken), '-qAtc', 'CREATE TABLE audit_events (id int)']);
    await badStart('a migration that fails', { DATABASE_URL: urlFor(broken) }, /migrating .* failed: .*audit_events.*run `npm start` again/);
    const seeded = spawnSync('psql', [urlFor(broken), '-qAtc', "SELECT to_regclass('organisations') IS NOT NULL AND EXISTS (SELECT 1 FROM organisations)"], { encoding: 'utf8' }).stdout.trim();
    if (seeded === 't') fail('a migration failed, yet demo data was loaded');
  } finally {
    psql(`DROP DATABASE IF EXISTS ${broken} WITH (FORCE)`);
  }
}

let cold;
let warm;
try {
  psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  cold = await start('cold start (from this tree as it is)', await freePort());
  const secrets = path.join(root, 'var/secrets.env');
  if (!existsSync(secrets) || (statSync(secrets).mode & 0o077) !== 0) fail('var/secrets.env is missing or readable by others than its owner');
  warm = await start('warm start (the same tree, again)', await freePort());
  await badStarts();
  console.log(`\n✔ first run: cold start ${cold.toFixed(1)} s, warm start ${warm.toFixed(1)} s`);
} catch (error) {
  if (!process.exitCode) {
    console.error(`\n✖ first run: ${error.message}`);
    process.exitCode = 1;
  }
} finally {
  for (const child of running) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  spawnSync('psql', [urlFor('postgres'), '-qAtc', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`]);
  const redis = ['-u', process.env.REDIS_URL || 'redis://127.0.0.1:6379'];
  spawnSync('redis-cli', [...redis, '--scan', '--pattern', `${run}:*`], { encoding: 'utf8' })
    .stdout?.split('\n')
    .filter(Boolean)
    .forEach((key) => spawnSync('redis-cli', [...redis, 'del', key]));
}
