// `npm run bench`: how much of bare Fastify's throughput the API keeps on its cheapest
// authenticated route, and what it costs in latency and memory; then issue 3's figures:
// filing a referral against pgbench inserting single rows into a copy of the cases table, and
// the case lists with 200,000 cases in one center, with the plans of the queries behind them;
// then issue 4's: a case change fanned out to 1,000 sockets over two API processes against a
// bare socket.io broadcast, and session reminders firing on time across a worker killed with
// SIGKILL against bare BullMQ delayed jobs.
// Builds dist/ when needed, loads a throw-away database with the demo data, runs the API in
// production mode (next to a hello-world Fastify; a second API and the worker for issue 4),
// loads it with autocannon, prints tables and writes the plans to test-results/bench/plans.txt;
// the database is dropped at the end.
// Issue 5's statistics section (`--only=statistics`) runs on the database `npm run bench:seed`
// filled (see scripts/bench/statistics.mjs).
// Issue 17's webhooks section (`--only=webhooks`): 1,000 case events fanned out to 3 endpoints on
// loopback beside bare BullMQ jobs at the same pace (see scripts/bench/webhooks.mjs).
// `npm run bench -- --only=me,filing,lists,fanout,reminders,statistics,webhooks` runs some of the sections.
// It is a report, not a test: the exit code is 0 whatever the verdicts (non-zero only when
// the benchmark itself could not run).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { benchFiling, benchLists, GOALS as CASE_GOALS, HANDLER, LISTS, lookupIds, PASSWORD, planLines, prepareCenter, probeRequests, writePlans } from './bench/cases.mjs';
import { load, pgStatStatements } from './bench/measure.mjs';
import { benchFanout, FANOUT } from './bench/fanout.mjs';
import { drained } from './bench/live.mjs';
import { benchReminders, REMINDERS } from './bench/reminders.mjs';
import { benchStatistics, reportStatistics } from './bench/statistics.mjs';
import { benchWebhooks, WEBHOOKS } from './bench/webhooks.mjs';
import { freePort, killServer, memoryMb, startServer, stopAll, stopServer } from './bench/servers.mjs';
import { serverArgs } from './lib/dist.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const CONNECTIONS = 50;
// The lists are measured alone (one connection: the list's own latency) and as ten people
// paging at once, back to back; with 50 a closed loop would measure mostly queueing
// (latency ≈ connections ÷ throughput) rather than the list itself.
const LIST_CONNECTIONS = 10;
const WARMUP_SECONDS = 2;
const DURATION_SECONDS = 10;
// Issue 21's: ≥ 50 % of the same work done bare, ≥ 20 % of hello, p99 < 20 ms, RSS under load < 300 MB.
const GOALS = { shareOfSameWork: 50, shareOfBare: 20, p99Ms: 20, idleRssMb: 200, peakRssMb: 300 };
const ME_USER = 'qd.admin';
const PLANS_FILE = 'test-results/bench/plans.txt';
const SECTIONS = ['me', 'filing', 'lists', 'fanout', 'reminders', 'statistics', 'webhooks'];
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
if (only && !only.every((s) => SECTIONS.includes(s))) {
  console.error(`✖ --only takes ${SECTIONS.join(', ')} (comma-separated)`);
  process.exit(1);
}
const run = (section) => !only || only.includes(section);

const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/accord_bench';
const databaseName = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
// The database is dropped first; a DATABASE_URL exported for development must not
// make this wipe the real one.
if (!/bench/.test(databaseName)) {
  console.error(`✖ DATABASE_URL names "${databaseName}": the benchmark drops its database, so the name must contain "bench".`);
  process.exit(1);
}
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const redisPrefix = `bench-${randomBytes(4).toString('hex')}`;
// The bench's own secrets (production refuses the published ones); declared before the run starts.
const benchJwtSecret = randomBytes(48).toString('base64url');
const benchPiiKey = randomBytes(32).toString('base64');

let cleaning;
let serversStarted = false;
let databaseCreated = false;
let owner;
let apiServer;
/** Stops what this run started, removes its Redis keys and drops its database; safe to call twice. */
function cleanUp() {
  cleaning ??= (async () => {
    await stopAll();
    if (serversStarted) await removeRedisKeys().catch((error) => console.error(`  (could not remove Redis keys ${redisPrefix}:*: ${error.message})`));
    await owner?.end().catch(() => undefined);
    if (databaseCreated) await dropDatabase().catch((error) => console.error(`  (could not drop database ${databaseName}: ${error.message})`));
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => cleanUp().finally(() => process.exit(130)));
}

try {
  await main();
} catch (error) {
  console.error(`\n✖ ${error.message}${error.cause ? ` (${error.cause.message ?? error.cause})` : ''}`);
  if (apiServer && apiServer.child.exitCode !== null) console.error(`  the API had exited (${apiServer.child.exitCode}):\n${apiServer.output()}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}

async function main() {
  const t0 = Date.now();
  // Other work on the machine (a test run, a browser) takes CPU from both servers and the
  // load generator alike; the ratio survives that better than the absolute numbers.
  const loadBefore = os.loadavg()[0];
  buildIfNeeded();
  await checkRedis();
  // Issue 5 runs on the database `npm run bench:seed` filled (kept between runs: it takes minutes).
  const statistics = () => benchStatistics({ root, apiEnvFor: statisticsApiEnv, log: (line) => console.log(line) });
  if (only?.length === 1 && only[0] === 'statistics') {
    const results = { loadBefore, statistics: await statistics() };
    results.seconds = (Date.now() - t0) / 1000;
    report(results);
    return;
  }
  await recreateDatabase();
  databaseCreated = true;
  step('migrating and loading demo data', () => {
    runNode('scripts/migrate.mjs');
    runNode('scripts/seed.mjs');
  });
  const { Client } = require('pg');
  owner = new Client({ connectionString: databaseUrl });
  await owner.connect();

  const [apiPort, barePort, sessionPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const api = `http://127.0.0.1:${apiPort}`;
  const bare = `http://127.0.0.1:${barePort}`;
  const bareSession = `http://127.0.0.1:${sessionPort}`;
  let helloServer;
  let sessionServer;
  console.log(`▸ starting the API (production)${run('me') ? ' and bare Fastify' : ''}`);
  serversStarted = true;
  [apiServer, helloServer, sessionServer] = await Promise.all([
    startServer({
      name: 'API',
      args: serverArgs('api'),
      cwd: root,
      env: apiEnv(apiPort),
      readyUrl: `${api}/health/live`,
    }),
    run('me') &&
      startServer({
        name: 'bare Fastify',
        args: ['scripts/bench/hello.mjs'],
        cwd: root,
        env: { ...process.env, NODE_ENV: 'production', PORT: String(barePort) },
        readyUrl: `${bare}/`,
      }),
    run('me') &&
      startServer({
        name: 'bare Fastify + JWT + session query',
        args: ['scripts/bench/bare-session.mjs'],
        cwd: root,
        env: { ...apiEnv(sessionPort), APP_DATABASE_URL: apiEnv(0).APP_DATABASE_URL ?? appUrlFrom(databaseUrl) },
        readyUrl: `${bareSession}/health`,
      }),
  ]);
  const alive = () => {
    if (apiServer.child.exitCode !== null) throw new Error(`the API died under load:\n${apiServer.output()}`);
  };

  const results = { loadBefore };
  if (run('me')) {
    const token = await signIn(api, ME_USER);
    const authorised = { authorization: `Bearer ${token}` };
    // "Idle" means after the lazy parts (JWT keys, pool connections, first queries) have
    // run once, as in a server that has served a little traffic, but before any load.
    for (let i = 0; i < 10; i++) {
      const response = await fetch(`${api}/api/v1/me`, { headers: authorised });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`GET /api/v1/me answered ${response.status} with a fresh token`);
    }
    await sleep(500);
    results.idleRss = memoryMb(apiServer.pid);
    results.pgStatStatements = await pgStatStatements(owner);
    console.log(`▸ loading bare Fastify: GET / (${WARMUP_SECONDS} s warm-up, ${DURATION_SECONDS} s measured)`);
    results.baseline = await measure(`${bare}/`, {}, helloServer.pid);
    console.log(`▸ loading bare Fastify + the same JWT check + the same session query: GET / (${WARMUP_SECONDS} s warm-up, ${DURATION_SECONDS} s measured)`);
    results.sameWork = await measure(`${bareSession}/`, authorised, sessionServer.pid);
    console.log(`▸ loading the API: GET /api/v1/me (${WARMUP_SECONDS} s warm-up, ${DURATION_SECONDS} s measured)`);
    results.measured = await measure(`${api}/api/v1/me`, authorised, apiServer.pid);
    alive();
    results.peakRss = memoryMb(apiServer.pid, 'VmHWM');
  }

  // Issue 3: the lists first, then filing into the same busy center; each section's requests
  // are then captured once more through the protocol tap for their statements and plans.
  const common = { api, owner, apiServer, signIn, warmupSeconds: WARMUP_SECONDS, seconds: DURATION_SECONDS, log: (line) => console.log(line) };
  // The plans explain the figures but are not the figures: a capture that fails is reported
  // and the run goes on.
  const probe = (targets) =>
    probeRequests({ root, appDatabaseUrl: apiEnv(0).APP_DATABASE_URL ?? appUrlFrom(databaseUrl), apiEnv, signIn, filingIds: results.ids, targets, log: common.log }).catch((error) => {
      console.log(`  ⚠ could not capture the statements of ${targets.map((t) => t.key).join(', ')}: ${error.message}`);
      return [];
    });
  if (run('lists') || run('filing')) {
    results.loaded = await prepareCenter(owner, common.log);
    results.ids = await lookupIds(owner);
    results.probes = [];
  }
  if (run('lists')) {
    results.lists = await benchLists({ ...common, connections: LIST_CONNECTIONS });
    alive();
    const targets = LISTS.filter((l) => results.lists.some((r) => r.key === l.key && !r.error));
    if (targets.length) results.probes.push(...(await probe(targets)));
  }
  if (run('filing')) {
    // Captured first: the same-work pgbench baseline replays the statements of this filing.
    const [filingProbe] = await probe([{ key: 'filing', user: HANDLER, path: '/api/v1/cases', filing: true }]);
    if (filingProbe) results.probes.push(filingProbe);
    results.filing = await benchFiling({ ...common, connections: CONNECTIONS, pgbenchClients: poolSize(), databaseUrl, probe: filingProbe });
    alive();
  }
  // Issue 4: the worker joins for the live sections, once it has caught up with what the
  // filing section left in the outbox.
  if (run('fanout') || run('reminders') || run('webhooks')) {
    const Redis = require('ioredis');
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    try {
      let worker = await startWorker();
      results.drainSeconds = await drained(owner, redis, `${redisPrefix}:bull`);
      if (run('fanout')) {
        const [secondPort, bareIoPort] = await Promise.all([freePort(), freePort()]);
        console.log('▸ starting a second API process and a bare socket.io server');
        const [second, bareIo] = await Promise.all([
          startServer({ name: 'API #2', args: serverArgs('api'), cwd: root, env: apiEnv(secondPort), readyUrl: `http://127.0.0.1:${secondPort}/health/live` }),
          startServer({ name: 'bare socket.io', args: ['scripts/bench/bare-io.mjs'], cwd: root, env: { ...process.env, NODE_ENV: 'production', PORT: String(bareIoPort) }, readyUrl: `http://127.0.0.1:${bareIoPort}/` }),
        ]);
        try {
          results.fanout = await benchFanout({ bare: `http://127.0.0.1:${bareIoPort}`, apis: [api, `http://127.0.0.1:${secondPort}`], owner, signIn, redis, stream: `${redisPrefix}:realtime`, log: common.log });
          alive();
          if (second.child.exitCode !== null) throw new Error(`API #2 died:\n${second.output()}`);
        } catch (error) {
          results.fanoutError = error.message;
          console.log(`  ⚠ fan-out: ${error.message}`);
        } finally {
          await Promise.all([stopServer(second), stopServer(bareIo)]);
        }
      }
      if (run('reminders')) {
        try {
          results.reminders = await benchReminders({
            root,
            api,
            owner,
            redis,
            redisUrl,
            bullPrefix: `${redisPrefix}:bull`,
            signIn,
            killWorker: () => killServer(worker),
            startWorker: async () => (worker = await startWorker()),
            log: common.log,
          });
          alive();
        } catch (error) {
          results.remindersError = error.message;
          console.log(`  ⚠ reminders: ${error.message}`);
        }
      }
      if (run('webhooks')) {
        try {
          results.drainSeconds = Math.max(results.drainSeconds, await drained(owner, redis, `${redisPrefix}:bull`));
          results.webhooks = await benchWebhooks({ root, api, owner, redisUrl, bullPrefix: `${redisPrefix}:bull`, signIn, log: common.log });
          alive();
        } catch (error) {
          results.webhooksError = error.message;
          console.log(`  ⚠ webhooks: ${error.message}`);
        }
      }
    } finally {
      redis.disconnect();
    }
  }

  if (results.probes?.length) {
    writePlans(path.join(root, PLANS_FILE), results.probes, `Accord \`npm run bench\` — statements and plans captured ${new Date().toISOString()}`);
  }

  if (run('statistics')) results.statistics = await statistics();

  report({ ...results, seconds: (Date.now() - t0) / 1000 });
}

/** The API's environment on the statistics bench database (its own owner and app URLs). */
function statisticsApiEnv(url, port) {
  const env = { ...apiEnv(port), DATABASE_URL: url };
  const name = new URL(url).pathname;
  if (env.APP_DATABASE_URL) {
    const appUrl = new URL(env.APP_DATABASE_URL);
    appUrl.pathname = name;
    env.APP_DATABASE_URL = appUrl.toString();
  }
  return env;
}

/** The worker in production mode, ready once it says so (it has no HTTP port). */
function startWorker() {
  return startServer({ name: 'worker', args: serverArgs('worker'), cwd: root, env: apiEnv(0), readyLine: /Accord worker running/ });
}

/** The API's pool size: pgbench gets as many clients, so both use as many connections. */
function poolSize() {
  return Number(process.env.DATABASE_POOL_SIZE) || 20;
}

/** The application role's URL, as the API derives it from the owner's (libs/core/config/load-config.ts). */
function appUrlFrom(ownerUrl) {
  const url = new URL(ownerUrl);
  url.username = 'accord_app';
  url.password = 'accord_app';
  return url.toString();
}

/** The API's environment: production mode against the bench database and its own Redis prefix. */
function apiEnv(port) {
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: redisPrefix,
    LOG_LEVEL: 'warn',
    // The webhooks section's receivers listen on loopback (everything here does).
    WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
    // A few sign-ins only, but a low limit left over from another run must not get in the way.
    SIGN_IN_RATE_PER_MINUTE: '100000',
    // Production refuses published secrets, and a clone that never ran `npm start` has no
    // var/secrets.env: the bench brings its own, keeping the development keys for what the bench
    // seed sealed and hashed with them.
    JWT_SECRET: process.env.JWT_SECRET || benchJwtSecret,
    PII_KEYS: `bench:${benchPiiKey},${process.env.PII_KEYS || 'dev1:ZGV2ZWxvcG1lbnQtb25seS1waWkta2V5LWNoYW5nZSE='}`,
    PII_ACTIVE_KEY_ID: 'bench',
  };
  // An exported APP_DATABASE_URL points at another database; keep its role, use ours.
  if (env.APP_DATABASE_URL) {
    const appUrl = new URL(env.APP_DATABASE_URL);
    appUrl.pathname = `/${encodeURIComponent(databaseName)}`;
    env.APP_DATABASE_URL = appUrl.toString();
  }
  return env;
}

/** Runs `npm run build:server` when dist/ is missing or older than the server sources. */
function buildIfNeeded() {
  const outputs = ['dist/aliases.js', 'dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js'].map((file) => path.join(root, file));
  const builtAt = outputs.every(existsSync) ? Math.min(...outputs.map((file) => statSync(file).mtimeMs)) : 0;
  const sourcesAt = Math.max(newest(path.join(root, 'apps/api/src')), newest(path.join(root, 'libs')));
  if (builtAt >= sourcesAt) return;
  step(builtAt ? 'rebuilding dist/ (sources changed since the last build)' : 'building dist/ (npm run build:server)', () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['run', 'build:server', '--silent'], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`npm run build:server failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  });
}

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/** Drops and recreates nothing but the bench database; the migrate script creates it again. */
async function recreateDatabase() {
  const t = Date.now();
  const { Client } = require('pg');
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  await client.connect().catch((error) => {
    throw new Error(`PostgreSQL is not reachable at ${admin.host}: ${error.message}`);
  });
  try {
    // FORCE: a previous run that was killed may still hold connections to it.
    await client.query(`DROP DATABASE IF EXISTS "${databaseName.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  console.log(`▸ dropped database ${databaseName} if it existed … ${elapsed(t)}`);
}

/** The end of the run: nothing of it stays behind. */
async function dropDatabase() {
  const { Client } = require('pg');
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${databaseName.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

function runNode(script) {
  const result = spawnSync(process.execPath, [script], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${script} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
}

async function signIn(api, username) {
  const response = await fetch(`${api}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.accessToken) {
    throw new Error(`sign-in as ${username} answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body.accessToken;
}

/** GET url with 50 connections: a warm-up run, then the measured one, with the CPU of `pid` and of this database's backends. */
function measure(url, headers = {}, pid = undefined) {
  return load({ url, headers, connections: CONNECTIONS, warmupSeconds: WARMUP_SECONDS, seconds: DURATION_SECONDS, cpu: pid ? { client: owner, pids: [pid] } : undefined });
}

// Function declarations, not consts: main() runs at the top of the module, before any const
// below it is initialised.
function int(n) {
  return Math.round(n).toLocaleString('en-US');
}

function ms(n) {
  return Number.isFinite(n) ? `${n.toFixed(n < 10 ? 1 : 0)} ms` : '—';
}

function verdictOf(ok, valid = true) {
  return ok && valid ? 'PASS' : 'FAIL';
}

function report(results) {
  const { loadBefore, seconds } = results;
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const cpus = os.availableParallelism();
  const busy = loadBefore > cpus / 2 ? '  ⚠ the machine was busy before the run: absolute numbers are low, trust the ratios more' : '';
  console.log(`
Machine: ${cpus} CPUs (nproc; ${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node ${process.version}, ${os.platform()} ${os.arch()}
         load average ${loadBefore.toFixed(2)} before the run${busy}${
    only?.length === 1 && only[0] === 'statistics'
      ? ''
      : `\nLoad:    autocannon in this process over 127.0.0.1, ${WARMUP_SECONDS} s warm-up + ${DURATION_SECONDS} s measured per target; "failed" counts non-2xx, errors and timeouts`
  }`);
  if (results.measured) reportMe(results);
  if (results.filing) reportFiling(results.filing, results.probes?.find((p) => p.key === 'filing'));
  if (results.lists) reportLists(results.loaded, results.lists, results.probes ?? []);
  if (results.fanout || results.fanoutError) reportFanout(results.fanout, results.fanoutError);
  if (results.reminders || results.remindersError) reportReminders(results.reminders, results.remindersError);
  if (results.statistics) reportStatistics(results.statistics, { ms, verdictOf });
  if (results.webhooks || results.webhooksError) reportWebhooks(results.webhooks, results.webhooksError);
  if (results.drainSeconds > 1) console.log(`\n  (the worker first caught up with the earlier sections' outbox and jobs: ${results.drainSeconds.toFixed(0)} s)`);
  if (results.probes) console.log(`\n  Every captured statement with its parameters and both plans: ${PLANS_FILE}`);
  console.log(`\n  (whole benchmark: ${seconds.toFixed(0)} s)`);
}

function reportMe({ baseline, sameWork, measured, idleRss, peakRss, pgStatStatements }) {
  const share = (measured.rps / baseline.rps) * 100;
  const ofSameWork = (measured.rps / sameWork.rps) * 100;
  const valid = measured.failures === 0 && sameWork.failures === 0;
  console.log(`
  Target                                        req/s       p50       p99   failed   CPU/req: Node  PostgreSQL
  ─────────────────────────────────────────  ────────  ────────  ────────  ───────  ─────────────  ──────────
${row('bare Fastify      GET /', baseline)}
${row('bare Fastify + JWT + session query', sameWork)}
${row('Accord API (prod) GET /api/v1/me', measured)}
  (CPU per request: /proc time of the server's process and of this database's backends over the measured run;
   pg_stat_statements ${pgStatStatements ? 'is loaded' : 'is not loaded here (shared_preload_libraries is empty, and loading it needs a restart)'})

  Goal                                          Result     Verdict
  ─────────────────────────────────────────  ──────────  ───────
  API req/s ≥ ${GOALS.shareOfSameWork} % of bare Fastify + JWT + session  ${pad(`${ofSameWork.toFixed(1)} %`, 10)}  ${verdictOf(ofSameWork >= GOALS.shareOfSameWork, valid)}
  API req/s ≥ ${GOALS.shareOfBare} % of bare Fastify             ${pad(`${share.toFixed(1)} %`, 10)}  ${verdictOf(share >= GOALS.shareOfBare, valid)}
  API p99 < ${GOALS.p99Ms} ms (${CONNECTIONS} connections)             ${pad(ms(measured.p99), 10)}  ${verdictOf(measured.p99 < GOALS.p99Ms, valid)}
  API idle RSS < ${GOALS.idleRssMb} MB                          ${pad(`${idleRss.toFixed(0)} MB`, 10)}  ${idleRss < GOALS.idleRssMb ? 'PASS' : 'FAIL'}
  API peak RSS under load < ${GOALS.peakRssMb} MB               ${pad(`${peakRss.toFixed(0)} MB`, 10)}  ${peakRss < GOALS.peakRssMb ? 'PASS' : 'FAIL'}`);
  if (!valid) {
    console.log(`\n  ⚠ ${measured.failures} API requests failed (non-2xx, errors or timeouts): the API numbers do not describe the happy path.`);
  }

  function row(label, r) {
    return `  ${label.padEnd(41)}  ${pad(int(r.rps), 8)}  ${pad(ms(r.p50), 8)}  ${pad(ms(r.p99), 8)}  ${pad(int(r.failures), 7)}  ${cpuCells(r)}`;
  }
}

/** "0.12 ms  0.05 ms": Node's and PostgreSQL's CPU per request. */
function cpuCells(r) {
  const c = (n) => (Number.isFinite(n) ? `${n.toFixed(3)} ms` : '—');
  return `${pad(r.cpu ? c(r.cpu.nodeMs) : '—', 13)}  ${pad(r.cpu ? c(r.cpu.postgresMs) : '—', 10)}`;
}

function reportFiling(f, probe) {
  console.log(`
Issue 3/21 · filing a referral vs pgbench (all in this run)
  Target                                              req/s       p50       p95       p99   failed   CPU/req: Node  PostgreSQL
  ───────────────────────────────────────────────  ────────  ────────  ────────  ────────  ───────  ─────────────  ──────────`);
  if (f.pgbench) console.log(caseRow(`pgbench 1-row INSERT, ${f.pgbench.clients} clients`, f.pgbench));
  else console.log(`  pgbench: ${f.pgbenchError}`);
  if (f.sameWork) console.log(caseRow(`pgbench the filing's own SQL, ${f.sameWork.clients} clients`, f.sameWork));
  else if (f.sameWorkError) console.log(`  pgbench the filing's own SQL: ${f.sameWorkError}`);
  if (f.api) console.log(caseRow(`API POST /api/v1/cases, ${f.api.connections} connections`, f.api));
  else console.log(`  API: ${f.apiError}`);
  if (f.shape) console.log(`  (1-row INSERT: a copy of cases with its ${int(f.shape.rows)} rows — ${f.shape.columns} columns, ${f.shape.indexes} indexes, CHECKs; no FKs, RLS or triggers; prepared statements, as the owner)`);
  if (f.sameWork) console.log(`  (the filing's own SQL: the statements the tap captured from one filing — context read, the INSERT with its case/timeline/outbox/audit CTEs —
   in one transaction, prepared, as the owner: same tables, indexes, foreign keys and triggers (the audit chain, the case-number counter), no RLS or session check)`);
  if (!f.api || !f.pgbench) return;
  const share = (f.api.rps / f.pgbench.rps) * 100;
  const ofSameWork = f.sameWork ? (f.api.rps / f.sameWork.rps) * 100 : NaN;
  const valid = f.api.failures === 0 && f.api.warmupFailures === 0;
  console.log(`
  Goal                                                Result     Verdict
  ───────────────────────────────────────────────  ──────────  ───────
  API filings/s ≥ ${CASE_GOALS.filingShareOfSameWork} % of the filing's own SQL in pgbench  ${pad(Number.isFinite(ofSameWork) ? `${ofSameWork.toFixed(1)} %` : '—', 10)}  ${verdictOf(ofSameWork >= CASE_GOALS.filingShareOfSameWork, valid)}
  API filings/s ≥ ${CASE_GOALS.filingShareOfPgbench21} % of 1-row INSERT TPS (3 × issue 3's 4.5 %)  ${pad(`${share.toFixed(1)} %`, 10)}  ${verdictOf(share >= CASE_GOALS.filingShareOfPgbench21, valid)}
  (issue 3's goal: ≥ ${CASE_GOALS.filingShareOfPgbench} % of 1-row INSERT TPS)              ${pad(`${share.toFixed(1)} %`, 10)}  ${verdictOf(share >= CASE_GOALS.filingShareOfPgbench, valid)}
  API p99 < ${CASE_GOALS.filingP99Ms} ms (${f.api.connections} connections)                     ${pad(ms(f.api.p99), 10)}  ${verdictOf(f.api.p99 < CASE_GOALS.filingP99Ms, valid)}
  failed filings (must be 0)                        ${pad(int(f.api.failures + f.api.warmupFailures), 10)}  ${verdictOf(valid)}
  cases filed − 2xx answers ≤ in flight at stops    ${pad(`${int(f.api.rowsWritten - f.api.okTotal)} ≤ ${f.api.inFlightMax}`, 10)}  ${verdictOf(f.api.rowsWritten >= f.api.okTotal && f.api.rowsWritten - f.api.okTotal <= f.api.inFlightMax)}`);
  if (!valid) console.log(`  ⚠ status codes: ${JSON.stringify(f.api.statusCodes)}`);
  console.log(costLines(f.api, probe).join('\n'));
}

function reportLists(loaded, lists, probes) {
  console.log(`
Issue 3 · case lists with ${int(loaded.inCenter)} cases in QD (${int(loaded.intakeQueue)} in the intake queue), 1 and ${LIST_CONNECTIONS} connections
  Target                                              req/s       p50       p95       p99   failed
  ───────────────────────────────────────────────  ────────  ────────  ────────  ────────  ───────`);
  for (const l of lists) {
    if (l.error) {
      console.log(`  ${l.label}: ${l.error}`);
      continue;
    }
    console.log(caseRow(`${l.label} ×1`, l.alone));
    console.log(caseRow(`${l.label} ×${l.connections}`, l));
  }
  const goal = (label, result, verdict) => `  ${label.padEnd(47)}  ${pad(result, 10)}  ${verdict}`;
  console.log(`\n${goal(`Goal (with ${LIST_CONNECTIONS} connections)`, 'Result', 'Verdict')}\n${goal('─'.repeat(47), '─'.repeat(10), '─'.repeat(7))}`);
  for (const l of lists) {
    if (l.error) continue;
    const valid = l.failures === 0 && l.alone.failures === 0;
    console.log(goal(`p95 < ${CASE_GOALS.listP95Ms} ms: ${l.label}`, ms(l.p95), verdictOf(l.p95 < CASE_GOALS.listP95Ms, valid)));
  }
  for (const l of lists) {
    if (l.error) continue;
    const probe = probes.find((p) => p.key === l.key);
    console.log(`\n  ${l.key}: GET ${l.path} — page of ${l.items}, total ${int(l.total ?? 0)}${l.totalIsCapped ? '+' : ''}`);
    console.log(costLines(l, probe).join('\n'));
  }
}

/** What one request cost: statements and round trips (tap), table access, CPU (counters). */
function costLines({ costs, sessions }, probe) {
  const lines = [];
  if (probe) {
    lines.push(`  per request: ${probe.statements} statements in ${probe.roundTrips} round trips to PostgreSQL (incl. BEGIN + RLS settings and COMMIT)`);
    if (probe.planError) lines.push(`     (plans: ${probe.planError})`);
    else lines.push(...planLines(probe));
  }
  const f1 = (n) => (n >= 100 ? int(n) : n.toFixed(n < 1 ? 2 : 1));
  if (sessions) {
    const total = Object.values(sessions).reduce((a, b) => a + b, 0);
    lines.push(`  the API's ${f1(total)} database sessions during the run (average): ${Object.entries(sessions).map(([what, n]) => `${f1(n)} ${what}`).join(', ')}`);
  }
  if (costs) {
    const scans = costs.tables
      .slice(0, 6)
      .map((t) => `${t.table} ${[t.seqScan && `${f1(t.seqScan)} seq scans (${f1(t.seqTupRead)} rows)`, t.idxScan && `${f1(t.idxScan)} index scans (${f1(t.idxTupFetch)} rows)`, t.inserted && `${f1(t.inserted)} inserted`, t.updated && `${f1(t.updated)} updated`].filter(Boolean).join(', ')}`);
    lines.push(`  per request (PostgreSQL counters over the measured run): ${f1(costs.blocksHit)} buffer hits, ${f1(costs.blocksRead)} reads; table access:`);
    lines.push(...scans.map((s) => `     ${s}`));
    lines.push(`  CPU per request: API process ${costs.apiCpuMs.toFixed(2)} ms, PostgreSQL ${costs.postgresCpuMs.toFixed(2)} ms`);
  }
  return lines;
}

function reportFanout(f, error) {
  console.log(`\nIssue 4 · a case change reaching ${FANOUT.sockets} sockets in case:<id>, ${FANOUT.changes} changes taking turns with ${FANOUT.changes} bare broadcasts (latency per socket from the HTTP answer)`);
  if (!f?.api) {
    if (f?.bare) console.log(fanRow('bare socket.io broadcast, 1 process', f.bare));
    console.log(`  ✖ ${error}`);
    return;
  }
  console.log(`  Target                                            samples       p50       p95       p99       max  lost  doubled
  ───────────────────────────────────────────────  ────────  ────────  ────────  ────────  ────────  ────  ───────
${fanRow('bare socket.io broadcast, 1 process', f.bare)}
${fanRow('API comment → 2 API processes + worker', f.api)}
${f.api.perProcess.map((p, i) => fanRow(`   sockets on API #${i + 1}`, p)).join('\n')}
${fanRow(`two comments at once (${FANOUT.concurrentRounds} rounds, one per API)`, f.concurrent)}`);
  const ratio = f.api.p99 / f.bare.p99;
  const missed = f.api.missed + f.concurrent.missed;
  const doubled = f.api.doubled + f.concurrent.doubled;
  const valid = missed === 0 && doubled === 0;
  console.log(`
  Goal                                                Result     Verdict
  ───────────────────────────────────────────────  ──────────  ───────
  p99 < ${FANOUT.p99Ms} ms from the HTTP answer                  ${pad(ms(f.api.p99), 10)}  ${verdictOf(f.api.p99 < FANOUT.p99Ms, valid)}
  p99 < ${FANOUT.p99Ms} ms, two comments at once                 ${pad(ms(f.concurrent.p99), 10)}  ${verdictOf(f.concurrent.p99 < FANOUT.p99Ms, valid)}
  every socket gets each change once (lost/doubled) ${pad(`${int(missed)} / ${int(doubled)}`, 10)}  ${verdictOf(valid)}
  p99 < ${FANOUT.p99Ms / FANOUT.bareP99Ms} × the bare broadcast's p99 (same run)   ${pad(`${ratio.toFixed(2)} ×`, 10)}  ${verdictOf(ratio < FANOUT.p99Ms / FANOUT.bareP99Ms, valid)}
  (the issue's ${FANOUT.p99Ms} ms is against ≈ ${FANOUT.bareP99Ms} ms for the bare broadcast on this machine: the ratio holds when other work slows both)
  where it goes: HTTP answer → the relay's XADD to the stream: one at a time p50 ${ms(f.api.relay.p50)}, p99 ${ms(f.api.relay.p99)}, max ${ms(f.api.relay.max)};
     two at once p50 ${ms(f.concurrent.relay.p50)}, p99 ${ms(f.concurrent.relay.p99)}, max ${ms(f.concurrent.relay.max)} (ms-resolution Redis stream ids); the rest is
     the gateways reading the stream and emitting to ${FANOUT.sockets / 2} sockets each, and this process reading them
  ${f.users.length} users (${f.users.join(', ')}), ${f.signIns} sign-ins, sockets over both processes; set-up ${f.setupSeconds.toFixed(0)} s`);

  function fanRow(label, r) {
    return `  ${label.padEnd(47)}  ${pad(int(r.n), 8)}  ${pad(ms(r.p50), 8)}  ${pad(ms(r.p95), 8)}  ${pad(ms(r.p99), 8)}  ${pad(ms(r.max), 8)}  ${pad(r.missed === undefined ? '' : int(r.missed), 4)}  ${pad(r.doubled === undefined ? '' : int(r.doubled), 7)}`;
  }
}

function reportReminders(r, error) {
  console.log(`\nIssue 4 · session reminders due over ${REMINDERS.spreadMs / 1000} s, the worker killed (SIGKILL) while holding some and restarted (lag = fired − due)`);
  if (!r?.api) {
    if (r?.bare) console.log(`  bare BullMQ delayed jobs: p50 ${ms(r.bare.p50)}, p99 ${ms(r.bare.p99)}, max ${ms(r.bare.max)} (${r.bare.delivered} of ${r.bare.expected})`);
    console.log(`  ✖ ${error}`);
    return;
  }
  const a = r.api;
  const line = (label, s, lost = '', doubled = '') =>
    `  ${label.padEnd(47)}  ${pad(typeof s.n === 'string' ? s.n : int(s.n), 8)}  ${pad(ms(s.p50), 8)}  ${pad(ms(s.p95), 8)}  ${pad(ms(s.p99), 8)}  ${pad(ms(s.max), 8)}  ${pad(lost, 4)}  ${pad(doubled, 7)}`;
  console.log(`  Target                                            fired       p50       p95       p99       max  lost  doubled
  ───────────────────────────────────────────────  ────────  ────────  ────────  ────────  ────────  ────  ───────
${line('bare BullMQ delayed jobs, 1 process', { ...r.bare, n: `${r.bare.delivered}/${r.bare.expected}` }, int(r.bare.expected - r.bare.delivered))}
  ${`reminders (${a.reminders}, to 2 people each)`.padEnd(47)}  ${pad(`${a.delivered}/${a.expected}`, 8)}  ${' '.repeat(38)}  ${pad(int(a.missing), 4)}  ${pad(int(a.doubled), 7)}
${line('   due with a worker running', a.up)}
${line('   due while none ran (lag from the restart)', a.pending)}
${line("   the dead worker's (lag from its lock's expiry)", a.held)}`);
  const onTime = a.up.n > 0 && a.up.max < REMINDERS.lagMs && (a.pending.n === 0 || a.pending.max < REMINDERS.lagMs);
  const exact = a.missing === 0 && a.doubled === 0 && a.unexpected === 0;
  const heldBack = a.held.n === 0 || a.held.max < REMINDERS.heldLagMs;
  console.log(`
  Goal                                                Result     Verdict
  ───────────────────────────────────────────────  ──────────  ───────
  < ${REMINDERS.lagMs / 1000} s after due (after the restart if due then)  ${pad(ms(Math.max(a.up.max, a.pending.n ? a.pending.max : 0)), 10)}  ${verdictOf(onTime)}
  none lost, none doubled (lost / doubled)         ${pad(`${int(a.missing)} / ${int(a.doubled)}`, 10)}  ${verdictOf(exact)}
  the dead worker's: < ${REMINDERS.heldLagMs / 1000} s after its lock expired  ${pad(a.held.n ? ms(a.held.max) : '—', 10)}  ${a.held.n ? verdictOf(heldBack) : '(none held)'}
  (p99 against bare BullMQ's, same run)             ${pad(`${(a.up.p99 / Math.max(r.bare.p99, 1)).toFixed(2)} ×`, 10)}
  the worker was killed holding ${r.restart.inHand} job(s), ${r.restart.held} of them reminders (${r.restart.heldCommitted} had committed their notification, not yet acked);
     the new one ran ${int(r.restart.downMs)} ms after the kill; ${a.pendingAtKill} reminders fell due in between${a.unexpected ? `; ${a.unexpected} unexpected reminder notifications` : ''}
     (fired = the notification's created_at: the job's transaction start; a job lock is ${REMINDERS.lockMs / 1000} s)`);
}

function reportWebhooks(w, error) {
  console.log(`\nIssue 17 · webhooks: ${WEBHOOKS.events} case events at ${WEBHOOKS.ratePerSecond}/s fanned out to ${WEBHOOKS.endpoints} endpoints on loopback (latency = receiver's 2xx − the case change's transaction)`);
  if (!w) {
    console.log(`  ✖ ${error}`);
    return;
  }
  const row = (label, s, landed) => `  ${label.padEnd(47)}  ${pad(landed, 11)}  ${pad(ms(s.p50), 8)}  ${pad(ms(s.p95), 8)}  ${pad(ms(s.p99), 8)}  ${pad(ms(s.max), 8)}`;
  console.log(`  Target                                             landed         p50       p95       p99       max
  ───────────────────────────────────────────────  ───────────  ────────  ────────  ────────  ────────
${row('bare BullMQ jobs (add → processor), 1 process', w.bare, `${w.bare.delivered}/${w.bare.expected}`)}
${row('webhooks (case change → receiver 2xx)', w.latency, `${w.landed}/${w.expected}`)}
${row('   case change → deliveries recorded (fan-out)', w.fanOut, '')}
${row('   recorded → attempt made (delivery job)', w.deliver, '')}`);
  const all = w.landed === w.expected && w.foreign === 0 && w.unsigned === 0;
  console.log(`
  Goal                                                Result     Verdict
  ───────────────────────────────────────────────  ──────────  ───────
  every delivery lands (distinct webhook-ids)       ${pad(`${w.landed}/${w.expected}`, 10)}  ${verdictOf(all)}
  p99 case change → receiver 2xx < ${WEBHOOKS.p99Ms / 1000} s             ${pad(ms(w.latency.p99), 10)}  ${verdictOf(w.latency.p99 < WEBHOOKS.p99Ms)}
  (p99 against bare BullMQ's, same run)             ${pad(`${(w.latency.p99 / Math.max(w.bare.p99, 1)).toFixed(1)} ×`, 10)}
  per endpoint ${w.perEndpoint.join(' / ')}; ${w.requests} requests in all; deliveries ${JSON.stringify(w.statuses)}; ${w.foreign} of another case, ${w.unsigned} unsigned; ${w.seconds.toFixed(0)} s`);
}

function caseRow(label, r) {
  return `  ${label.padEnd(47)}  ${pad(int(r.rps), 8)}  ${pad(ms(r.p50), 8)}  ${pad(ms(r.p95), 8)}  ${pad(ms(r.p99), 8)}  ${pad(int(r.failures), 7)}${r.cpu ? `  ${cpuCells(r)}` : ''}`;
}

function pad(text, width) {
  return String(text).padStart(width);
}

function step(label, work) {
  const t = Date.now();
  process.stdout.write(`▸ ${label} … `);
  work();
  console.log(elapsed(t));
}

function elapsed(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** Fails fast with one line, rather than with the API's connection errors 30 s later. */
async function checkRedis() {
  await withRedis((redis) => redis.ping()).catch((error) => {
    throw new Error(`Redis is not reachable at ${new URL(redisUrl).host}: ${error.message}`);
  });
}

/** Keys under this run's prefix only (sign-in counters, queues, the realtime stream). */
function removeRedisKeys() {
  return withRedis(async (redis) => {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  });
}

async function withRedis(work) {
  const Redis = require('ioredis');
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // Failures reach the caller through the rejected command; without a listener ioredis
  // would also print each one as an unhandled error event.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}
