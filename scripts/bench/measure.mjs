// Measuring for `npm run bench`: autocannon runs with exact latency percentiles, and what a
// run cost the database and the CPUs, per request (from PostgreSQL's statistics views and
// /proc), so a slow endpoint shows where its time went.
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { percentile } from './pgbench.mjs';

/**
 * A warm-up run (discarded: JIT, pools, plan caches settle) and then the measured run.
 * `request` is autocannon's request object (method, path, headers, body, setupRequest).
 * Latency percentiles come from every measured response (autocannon's own summary has no
 * p95); error responses count as failures, never as throughput.
 */
export async function load({ url, connections, warmupSeconds, seconds, request = {}, headers = {}, before, after, sample, cpu }) {
  const options = { url, connections, headers, requests: [request] };
  const warmup = await autocannon({ ...options, duration: warmupSeconds });
  await before?.();
  const latencies = [];
  const instance = autocannon({ ...options, duration: seconds });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  const sampling = sample ? sampleSessions(sample, instance) : null;
  const cpuSampler = cpu ? sampleCpu(cpu.client, cpu.pids) : null;
  const result = await instance;
  const sessions = await sampling;
  const used = await cpuSampler?.stop();
  const extra = { ...(await after?.(result)), ...(sessions ? { sessions } : {}) };
  latencies.sort((a, b) => a - b);
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]));
  return {
    rps: result.requests.average,
    completed: result.requests.total,
    ok: result['2xx'],
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    failures: result.non2xx + result.errors + result.timeouts,
    statusCodes,
    connections,
    warmupOk: warmup['2xx'],
    warmupFailures: warmup.non2xx + warmup.errors + warmup.timeouts,
    ...(used ? { cpu: { nodeMs: used.nodeMs / Math.max(1, result['2xx']), postgresMs: used.postgresMs / Math.max(1, result['2xx']) } } : {}),
    ...extra,
  };
}

/**
 * What the API's database sessions were doing during a run, sampled every 100 ms from
 * pg_stat_activity: the average number of sessions per state and wait event ("active",
 * "waiting: Lock/transactionid", "idle in transaction" = waiting for the API between
 * statements, "idle" = back in the pool).
 */
async function sampleSessions({ client, applicationName }, instance) {
  let done = false;
  instance.once('done', () => (done = true));
  const totals = new Map();
  let samples = 0;
  while (!done) {
    const { rows } = await client.query(
      // A session waiting on a lock names the statement it is stuck in.
      `SELECT CASE WHEN wait_event_type = 'Lock' THEN 'waiting: Lock/' || wait_event || ' in «' || left(regexp_replace(query, '\\s+', ' ', 'g'), 55) || '…»'
                   WHEN wait_event_type IN ('LWLock', 'IO') THEN 'waiting: ' || wait_event_type || '/' || wait_event
                   WHEN state = 'active' THEN 'active' ELSE state END AS what, count(*)::int AS n
       FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 GROUP BY 1`,
      [applicationName],
    );
    samples += 1;
    for (const { what, n } of rows) totals.set(what, (totals.get(what) ?? 0) + n);
    await sleep(100);
  }
  return Object.fromEntries([...totals].map(([what, n]) => [what, n / Math.max(1, samples)]).sort((a, b) => b[1] - a[1]));
}

/**
 * Counters to diff around a measured run: per-table scans and writes, transactions and
 * buffer traffic of this database, CPU time of the API process and of all postgres processes.
 */
export async function snapshot(client, apiPid) {
  const { rows: tables } = await client.query(
    `SELECT relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0) AS idx_scan, coalesce(idx_tup_fetch, 0) AS idx_tup_fetch,
            n_tup_ins, n_tup_upd FROM pg_stat_user_tables`,
  );
  const { rows: db } = await client.query(
    `SELECT xact_commit, xact_rollback, blks_hit, blks_read, tup_returned, tup_fetched FROM pg_stat_database WHERE datname = current_database()`,
  );
  return { at: Date.now(), tables: Object.fromEntries(tables.map((t) => [t.relname, t])), db: db[0], cpu: cpuTicks(apiPid) };
}

/**
 * Waits until the backends have reported their statistics (PostgreSQL 15 flushes them at
 * most once a second, and within a second of going idle).
 */
export function settle() {
  return sleep(1500);
}

/** Per-request costs between two snapshots, for `requests` requests. */
export function perRequest(from, to, requests) {
  const n = Math.max(1, requests);
  const tables = [];
  for (const [name, t] of Object.entries(to.tables)) {
    const f = from.tables[name] ?? { seq_scan: 0, seq_tup_read: 0, idx_scan: 0, idx_tup_fetch: 0, n_tup_ins: 0, n_tup_upd: 0 };
    const d = (k) => (Number(t[k]) - Number(f[k])) / n;
    const row = { table: name, seqScan: d('seq_scan'), seqTupRead: d('seq_tup_read'), idxScan: d('idx_scan'), idxTupFetch: d('idx_tup_fetch'), inserted: d('n_tup_ins'), updated: d('n_tup_upd') };
    if (row.seqScan || row.idxScan || row.inserted || row.updated) tables.push(row);
  }
  tables.sort((a, b) => b.seqTupRead + b.idxTupFetch - (a.seqTupRead + a.idxTupFetch));
  const db = (k) => (Number(to.db[k]) - Number(from.db[k])) / n;
  const ms = (a, b) => ((b - a) * 1000) / CLOCK_TICKS / n;
  return {
    tables,
    transactions: db('xact_commit') + db('xact_rollback'),
    rollbacks: db('xact_rollback'),
    blocksHit: db('blks_hit'),
    blocksRead: db('blks_read'),
    apiCpuMs: ms(from.cpu.api, to.cpu.api),
    postgresCpuMs: ms(from.cpu.postgres, to.cpu.postgres),
  };
}

// USER_HZ: 100 on every Linux architecture Node runs on.
const CLOCK_TICKS = 100;

/** utime + stime (clock ticks) of the API process and of every postgres process now alive. */
function cpuTicks(apiPid) {
  const ticks = (pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return { comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ticks: Number(fields[11]) + Number(fields[12]) };
    } catch {
      return { comm: '', ticks: 0 };
    }
  };
  let postgres = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const { comm, ticks: t } = ticks(entry);
    if (comm === 'postgres') postgres += t;
  }
  return { api: apiPid ? ticks(apiPid).ticks : 0, postgres };
}

/**
 * CPU time a target spends, from /proc, sampled every 200 ms while it runs: its Node process
 * (`pids`) and the PostgreSQL backends connected to this database (pg_stat_activity), so other
 * work on a shared machine (other databases, other helpers' runs) is not counted. A backend
 * that ends between two samples loses at most its last 200 ms. pg_stat_statements would give
 * the statements' own time, but it must be preloaded (shared_preload_libraries), which needs a
 * server restart; `pgStatStatements()` says whether it is there.
 * Returns { stop(): Promise<{ nodeMs, postgresMs, backends }> }.
 */
export function sampleCpu(client, pids = [], excludePids = []) {
  const seen = new Map(); // pid → { kind, first, last }
  let done = false;
  const readTicks = (pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return null;
    }
  };
  const note = (pid, kind) => {
    const t = readTicks(pid);
    if (t === null) return;
    const entry = seen.get(pid);
    if (entry) entry.last = t;
    else seen.set(pid, { kind, first: t, last: t });
  };
  const tick = async () => {
    const { rows } = await client.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    for (const { pid } of rows) if (!excludePids.includes(pid)) note(pid, 'postgres');
    for (const pid of pids) note(pid, 'node');
  };
  const loop = (async () => {
    while (!done) {
      await tick().catch(() => undefined);
      await sleep(200);
    }
    await tick().catch(() => undefined);
  })();
  return {
    async stop() {
      done = true;
      await loop;
      const sum = (kind) => [...seen.values()].filter((e) => e.kind === kind).reduce((a, e) => a + e.last - e.first, 0);
      return { nodeMs: (sum('node') * 1000) / CLOCK_TICKS, postgresMs: (sum('postgres') * 1000) / CLOCK_TICKS, backends: [...seen.values()].filter((e) => e.kind === 'postgres').length };
    },
  };
}

/** Whether pg_stat_statements is loaded (it needs shared_preload_libraries and a restart). */
export async function pgStatStatements(client) {
  const { rows } = await client.query(`SELECT current_setting('shared_preload_libraries') AS libs`);
  return /pg_stat_statements/.test(rows[0].libs);
}
