// Query plans for `npm run bench`: replays the statements one API request sent (captured by
// pg-probe.mjs: exact SQL, exact parameters, the same RLS settings, the same connection
// options) as the application role under EXPLAIN (ANALYZE, BUFFERS), inside a transaction
// that is rolled back. The API prepares its statements per connection and forces generic
// plans, so the plan shown first is the generic one it really runs; the custom plan (what a
// one-off query with these values would get) follows for comparison.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * `events`: one request's probe events. `substitute`: values to replace in parameters before
 * replaying (a write's new id and idempotency key, so its INSERT can run again).
 * Returns [{ sql, params, generic, custom, analyzed, error }].
 */
export async function explainRequest({ url, options, events, substitute = new Map() }) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, options });
  await client.connect();
  const results = [];
  try {
    const context = events.find((e) => e.kind === 'query' && /set_config/.test(e.sql));
    await client.query(context ? context.sql : 'BEGIN');
    let n = 0;
    for (const event of events.filter((e) => e.kind === 'execute')) {
      const name = `bench_plan_${++n}`;
      const params = event.params.map((p) => (typeof p === 'string' && substitute.has(p) ? substitute.get(p) : p));
      const literals = params.map((p) => literal(client, p)).join(', ');
      const execute = `EXECUTE ${name}${params.length ? `(${literals})` : ''}`;
      const entry = { sql: event.sql, params, generic: '', custom: '', analyzed: true, error: null };
      await client.query(`PREPARE ${name} AS ${event.sql}`);
      // First a run that is thrown away: this connection is new, and its first execution
      // pays for loading catalog caches, which the API's long-lived connections don't.
      await explain(client, execute, false);
      // The custom plan (what a one-off query with these values would get) is undone; the
      // generic run's writes stay, as later statements of the request may read them. RESET
      // returns to the connection's options, as the API has them.
      await client.query(`SET LOCAL plan_cache_mode = force_custom_plan`);
      entry.custom = (await explain(client, execute, false)).plan;
      await client.query(`RESET plan_cache_mode`);
      const generic = await explain(client, execute, true);
      entry.generic = generic.plan;
      if (generic.error) Object.assign(entry, { analyzed: false, error: generic.error });
      results.push(entry);
    }
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
  return results;
}

/**
 * EXPLAIN ANALYZE under a savepoint, kept or undone; a statement that fails when run again
 * (a write whose unique values are taken) is only planned. Returns { plan, error }.
 */
async function explain(client, execute, keep) {
  await client.query('SAVEPOINT bench_plan');
  try {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${execute}`);
    await client.query(keep ? 'RELEASE SAVEPOINT bench_plan' : 'ROLLBACK TO SAVEPOINT bench_plan');
    return { plan: rows.map((r) => r['QUERY PLAN']).join('\n'), error: null };
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT bench_plan');
    const { rows } = await client.query(`EXPLAIN ${execute}`);
    await client.query('RELEASE SAVEPOINT bench_plan');
    return { plan: rows.map((r) => r['QUERY PLAN']).join('\n'), error: error.message };
  }
}

function literal(client, value) {
  if (value === null || value === undefined) return 'NULL';
  if (Buffer.isBuffer(value)) return `'\\x${value.toString('hex')}'`;
  return client.escapeLiteral(String(value));
}

/**
 * The scans of a plan, one line each: "Index Scan Backward using idx on cases c",
 * "Seq Scan on branches b", … and the execution time.
 */
export function planSummary(plan) {
  const scans = [];
  let heap = null;
  for (const line of plan.split('\n')) {
    const m = /((?:Parallel )?(?:Seq Scan|Index Only Scan(?: Backward)?|Index Scan(?: Backward)?|Bitmap Heap Scan|Bitmap Index Scan)) (?:using (\S+) )?on (\S+)(?: (\S+))?/.exec(line);
    if (!m) continue;
    const rows = /actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)/.exec(line)?.slice(1).map(Number) ?? null;
    if (m[1] === 'Bitmap Index Scan') {
      // "Bitmap Index Scan on <index>" sits under the "Bitmap Heap Scan on <table>" it feeds.
      scans.push({ node: m[1], index: m[3], table: heap?.table ?? null, alias: heap?.alias ?? null, rows });
    } else {
      const scan = { node: m[1], index: m[2] ?? null, table: m[3], alias: m[4] && !m[4].startsWith('(') ? m[4] : null, rows };
      if (m[1] === 'Bitmap Heap Scan') heap = scan;
      scans.push(scan);
    }
  }
  const execution = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1]);
  const planning = Number(/Planning Time: ([\d.]+) ms/.exec(plan)?.[1]);
  return { scans, execution, planning };
}

/** "cases c: Index Scan Backward using idx_x (50 rows)" for the report. */
export function describeScans(summary, tables = null) {
  return summary.scans
    .filter((s) => !tables || tables.includes(s.table))
    .map((s) => {
      const what = s.node === 'Bitmap Index Scan' ? `${s.node} on ${s.index}` : `${s.node}${s.index ? ` using ${s.index}` : ''}`;
      const rows = s.rows ? ` (${s.rows[0]} rows${s.rows[1] > 1 ? ` × ${s.rows[1]} loops` : ''})` : '';
      return `${s.table}${s.alias && s.alias !== s.table ? ` ${s.alias}` : ''}: ${what}${rows}`;
    });
}
