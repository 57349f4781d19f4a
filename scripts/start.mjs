// `npm start`: install what is missing, build, migrate, load demo data into an empty
// database, then run the API (serving the portal) and the worker on http://localhost:3000.
// Uses only Node's own modules until the install step has run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
env.DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/accord';
env.REDIS_URL ||= 'redis://127.0.0.1:6379';
env.NODE_ENV ||= 'production';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function fail(line) {
  console.error(`\n✖ ${line}`);
  process.exit(1);
}

function run(label, command, args) {
  console.log(`▸ ${label}`);
  const r = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) fail(`${label} failed (exit ${r.status}). See the output above.`);
}

function reachable(url, defaultPort) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || defaultPort) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

if (!(await reachable(env.DATABASE_URL, 5432))) {
  fail(`PostgreSQL is not reachable at ${new URL(env.DATABASE_URL).host}. Start it (Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set DATABASE_URL.`);
}
if (!(await reachable(env.REDIS_URL, 6379))) {
  fail(`Redis is not reachable at ${new URL(env.REDIS_URL).host}. Start it (redis-server --daemonize yes) or set REDIS_URL.`);
}

if (!existsSync(path.join(root, 'node_modules/.package-lock.json'))) run('installing dependencies (npm install)', npm, ['install', '--no-audit', '--no-fund']);

const sources = Math.max(newest(path.join(root, 'apps')), newest(path.join(root, 'libs')));
const built = existsSync(path.join(root, 'dist/portal/index.html')) && existsSync(path.join(root, 'dist/aliases.js'))
  ? Math.min(statSync(path.join(root, 'dist/portal/index.html')).mtimeMs, statSync(path.join(root, 'dist/aliases.js')).mtimeMs)
  : 0;
if (built < sources) run('building API, worker and portal', npm, ['run', 'build', '--silent']);
run('migrating the database', process.execPath, ['scripts/migrate.mjs']);
run('loading demo data (only into an empty database)', process.execPath, ['scripts/seed.mjs']);

const children = [];
function start(name, entry) {
  const child = spawn(process.execPath, ['-r', './dist/aliases.js', entry], { cwd: root, env, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`✖ ${name} stopped (${signal ?? code}); stopping the rest.`);
      shutdown(1);
    }
  });
  children.push(child);
}
let stopping = false;
function shutdown(code = 0) {
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 5000).unref();
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r))))).then(() => process.exit(code));
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

start('API', 'dist/apps/api/src/main.js');
start('worker', 'dist/apps/worker/src/main.js');
console.log(`\n✔ Accord is starting on http://localhost:${env.PORT || 3000}  (API docs: /api/docs; demo sign-ins in README.md)\n`);
