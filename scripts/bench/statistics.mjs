// `npm run bench -- --only=statistics`: the success-rate dashboard against the database that
// `npm run bench:seed` filled (1,000,000 cases, 50 banks × 86 branches, 24 months). Runs an API
// of its own on that database (never dropped: seeding takes minutes), then measures, one
// request at a time, the center dashboard, a bank's and a pinned user's dashboard over many
// random periods, and a one-year XLSX export of every institution, each against the p95 of
// the cheapest authenticated route (GET /api/v1/me) measured in the same run.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { benchMonthlyReport, MONTHLY_REPORT } from './monthly-report.mjs';
import { freePort, memoryMb, startServer, stopServer } from './servers.mjs';
import { serverArgs } from '../lib/dist.mjs';

const require = createRequire(import.meta.url);
const MONTHLY_RUNS = MONTHLY_REPORT.runs;

export const STATISTICS = {
  url: process.env.BENCH_STATS_URL || 'postgres://postgres@127.0.0.1:5432/accord_bench_stats',
  periods: 300,
  goals: { dashboardP95Ms: 100, exportSeconds: 10, warningJobSeconds: 5, reportSeconds: 3 },
};
const PASSWORD = 'Accord-demo-2026';

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summarise(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) };
}

/** Random [from, to] inside the seeded 24 months, 1 day to a year long (seeded: reproducible). */
function randomPeriods(n, seed = 42) {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const today = Date.parse(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
  const day = 86_400_000;
  return Array.from({ length: n }, () => {
    const length = 1 + Math.floor(rnd() * 365);
    const end = today - Math.floor(rnd() * (730 - length)) * day;
    const iso = (t) => new Date(t).toISOString().slice(0, 10);
    return [iso(end - (length - 1) * day), iso(end)];
  });
}

async function timed(url, headers) {
  const t = performance.now();
  const response = await fetch(url, { headers });
  const body = Buffer.from(await response.arrayBuffer());
  const ms = performance.now() - t;
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body.toString().slice(0, 300)}`);
  return { ms, bytes: body.length, body };
}

/** Returns the figures, or { skipped } when the seeded database is missing. */
export async function benchStatistics({ root, apiEnvFor, log }) {
  const { Client } = require('pg');
  const owner = new Client({ connectionString: STATISTICS.url, connectionTimeoutMillis: 3000 });
  try {
    await owner.connect();
  } catch {
    return { skipped: `no database at ${STATISTICS.url}: run \`npm run bench:seed\` first` };
  }
  let server;
  try {
    const [{ cases, buckets }] = (await owner.query(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM statistics_branch_days)::int AS buckets`)).rows;
    if (!buckets) return { skipped: `${STATISTICS.url} has no statistics roll-ups: run \`npm run bench:seed\`` };
    // A database seeded by an older checkout gets this one's later migrations (indexes) first.
    const migrated = spawnSync(process.execPath, ['scripts/migrate.mjs'], { cwd: root, env: { ...process.env, DATABASE_URL: STATISTICS.url }, encoding: 'utf8' });
    if (migrated.status !== 0) throw new Error(`migrating ${STATISTICS.url} failed:\n${migrated.stdout}\n${migrated.stderr}`);
    const port = await freePort();
    const api = `http://127.0.0.1:${port}`;
    log(`▸ statistics: starting an API on the seeded database (${cases.toLocaleString('en')} cases, ${buckets.toLocaleString('en')} branch-day buckets)`);
    server = await startServer({ name: 'API (statistics)', args: serverArgs('api'), cwd: root, env: apiEnvFor(STATISTICS.url, port), readyUrl: `${api}/health/live` });
    const sign = async (username) => {
      const r = await fetch(`${api}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
      const b = await r.json();
      if (!r.ok) throw new Error(`sign-in as ${username}: ${r.status} ${JSON.stringify(b)}`);
      return { authorization: `Bearer ${b.accessToken}` };
    };
    const users = { center: await sign('qd.admin'), bank: await sign('bench.bank.admin'), pinned: await sign('bench.bank.branch'), regulator: await sign('qd.regulator') };
    const periods = randomPeriods(STATISTICS.periods);
    const results = { cases, buckets, periods: periods.length };

    // Warm-up: the lazy parts (JWT keys, pool, plans) once, as a server that has served a little.
    for (let i = 0; i < 20; i++) {
      await timed(`${api}/api/v1/me`, users.center);
      await timed(`${api}/api/v1/statistics/dashboard?from=${periods[i][0]}&to=${periods[i][1]}`, users.center);
      await timed(`${api}/api/v1/statistics/dashboard?from=${periods[i][0]}&to=${periods[i][1]}`, users.bank);
    }
    const me = [];
    for (let i = 0; i < periods.length; i++) me.push((await timed(`${api}/api/v1/me`, users.center)).ms);
    results.baseline = summarise(me);
    for (const [key, who] of [['center', users.center], ['bank', users.bank], ['pinned', users.pinned], ['regulator', users.regulator]]) {
      const samples = [];
      let rows = 0;
      for (const [from, to] of periods) {
        const r = await timed(`${api}/api/v1/statistics/dashboard?from=${from}&to=${to}`, who);
        samples.push(r.ms);
        rows = Math.max(rows, JSON.parse(r.body).rows.length);
      }
      results[key] = { ...summarise(samples), rows };
      log(`  ${key}: p95 ${results[key].p95.toFixed(1)} ms over ${samples.length} periods (${rows} rows)`);
    }

    // Issue 15: the regulator console's trend lines and heat map over the longest range (24 months).
    const thisMonth = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const firstMonth = new Date(Date.UTC(Number(thisMonth.slice(0, 4)), Number(thisMonth.slice(5, 7)) - 24, 1)).toISOString().slice(0, 7);
    const months = `from=${firstMonth}&to=${thisMonth}`;
    for (const [key, path] of [
      ['trends', `trends?${months}`],
      ['trendsByLine', `trends?by=businessLine&${months}`],
      ['heatMap', `heat-map?${months}`],
      // The console's institution table under a business-line filter (read from the line roll-ups).
      ['institutionsByLine', `dashboard?from=${firstMonth}-01&to=${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)}&businessLine=credit_card`],
    ]) {
      const samples = [];
      for (let i = 0; i < periods.length; i++) samples.push((await timed(`${api}/api/v1/statistics/${path}`, users.regulator)).ms);
      results[key] = summarise(samples);
      log(`  regulator ${key}: p95 ${results[key].p95.toFixed(1)} ms over ${samples.length} requests (24 months)`);
    }

    // Issue 15: the regulator's monthly report (PDF with its charts, and XLSX) of the last complete month.
    results.report = await benchMonthlyReport({ api, headers: users.regulator, log });

    // Issue 15: the early-warning job as the worker runs it (its own process, the bench database).
    const [{ units, lines }] = (
      await owner.query(
        `SELECT count(DISTINCT (center_id, institution_id))::int AS units, count(*)::int AS lines FROM (
           SELECT DISTINCT center_id, institution_id, business_line FROM statistics_line_months WHERE month >= date_trunc('month', now()) - interval '13 months') u`,
      )
    ).rows;
    const job = spawnSync(process.execPath, ['scripts/bench/warnings-job.mjs'], { cwd: root, env: { ...apiEnvFor(STATISTICS.url, 0), LOG_LEVEL: 'silent' }, encoding: 'utf8' });
    if (job.status !== 0) throw new Error(`the warning job failed:\n${job.stdout}\n${job.stderr}`);
    const runs = JSON.parse(job.stdout.trim().split('\n').at(-1));
    results.warnings = { units, lines, seconds: Math.max(...runs.seconds), runs: runs.seconds.length, raised: runs.raised };
    log(`  warning job: ${results.warnings.seconds.toFixed(2)} s (worst of ${runs.seconds.length}) over ${units} institution × center units and ${lines} business lines`);

    const before = memoryMb(server.pid, 'VmHWM');
    const rssBefore = memoryMb(server.pid);
    const to = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const from = new Date(Date.parse(to) - 364 * 86_400_000).toISOString().slice(0, 10);
    // The export lists every case of the center concluded in the year (案件明细): how many that is.
    const [{ listed }] = (
      await owner.query(
        `SELECT count(*)::int AS listed FROM cases WHERE center_id = (SELECT id FROM organisations WHERE name LIKE '青岛%' AND kind = 'center' LIMIT 1)
           AND concluded_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AND concluded_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`,
        [from, to],
      )
    ).rows;
    const exports = [];
    for (let i = 0; i < 3; i++) exports.push(await timed(`${api}/api/v1/statistics/dashboard.xlsx?from=${from}&to=${to}`, users.center));
    // With the case list (案件明细, on request): every case of the center concluded in the year.
    const withCases = await timed(`${api}/api/v1/statistics/dashboard.xlsx?from=${from}&to=${to}&cases=true`, users.center);
    results.export = {
      from,
      to,
      seconds: Math.max(...exports.map((e) => e.ms)) / 1000,
      bytes: exports[0].bytes,
      listed,
      casesSeconds: withCases.ms / 1000,
      casesBytes: withCases.bytes,
      rssBeforeMb: rssBefore,
      peakBeforeMb: before,
      peakAfterMb: memoryMb(server.pid, 'VmHWM'),
    };
    log(`  export: ${results.export.seconds.toFixed(2)} s, ${results.export.bytes.toLocaleString('en')} bytes; with the ${listed.toLocaleString('en')} cases listed ${results.export.casesSeconds.toFixed(2)} s`);
    return results;
  } finally {
    if (server) await stopServer(server);
    await owner.end().catch(() => undefined);
  }
}

export function reportStatistics(r, { ms, verdictOf }) {
  if (r.skipped) {
    console.log(`\n  Statistics dashboard: skipped — ${r.skipped}`);
    return;
  }
  const g = STATISTICS.goals;
  const ratio = (p95) => `${(p95 / r.baseline.p95).toFixed(1)}×`;
  const row = (label, s, goal) =>
    `  ${label.padEnd(44)} ${ms(s.p50).padStart(9)} ${ms(s.p95).padStart(9)} ${ms(s.p99).padStart(9)} ${ratio(s.p95).padStart(8)}   ${goal ? verdictOf(s.p95 < g.dashboardP95Ms) : ''}`;
  console.log(`
  Statistics dashboard (issue 5): ${r.cases.toLocaleString('en')} cases, ${r.buckets.toLocaleString('en')} branch-day buckets, ${r.periods} random periods (1 day – 1 year), one request at a time
  ${''.padEnd(44)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'p99'.padStart(9)} ${'÷ /me'.padStart(8)}   goal p95 < ${g.dashboardP95Ms} ms
${row('GET /api/v1/me (baseline)', r.baseline, false)}
${row(`center dashboard (qd.admin, ${r.center.rows} institutions)`, r.center, true)}
${row(`institution dashboard (bank admin, ${r.bank.rows} rows)`, r.bank, true)}
${row(`pinned branch dashboard (${r.pinned.rows} rows)`, r.pinned, true)}
${row(`regulator dashboard (${r.regulator.rows} institutions)`, r.regulator, true)}
${r.trends ? `${row('regulator trends per institution (24 months)', r.trends, true)}\n${row('regulator trends per business line (24 months)', r.trendsByLine, true)}\n${row('regulator heat map (24 months)', r.heatMap, true)}\n${r.institutionsByLine ? `${row('institution table, one business line (24 months)', r.institutionsByLine, true)}\n` : ''}` : ''}  one-year XLSX export (${r.export.from} – ${r.export.to}, all institutions): ${r.export.seconds.toFixed(2)} s (worst of 3), ${r.export.bytes.toLocaleString('en')} bytes, ${(r.export.seconds * 1000 / r.baseline.p95).toFixed(0)}× /me p95   ${verdictOf(r.export.seconds < g.exportSeconds)} (goal < ${g.exportSeconds} s)
${r.report ? `  monthly report (${r.report.month}, ${r.regulator.rows} institutions): PDF ${r.report.pdf.seconds.toFixed(2)} s worst of ${MONTHLY_RUNS} (median ${r.report.pdf.median.toFixed(2)} s, first ${r.report.pdf.first.toFixed(2)} s, ${(r.report.pdf.seconds * 1000 / r.baseline.p95).toFixed(0)}× /me p95)   ${verdictOf(r.report.pdf.seconds < g.reportSeconds)} (goal < ${g.reportSeconds} s); XLSX ${r.report.xlsx.seconds.toFixed(2)} s\n` : ''}${r.warnings ? `  early-warning job (worker's detect(), weeks and months): ${r.warnings.seconds.toFixed(2)} s worst of ${r.warnings.runs} over ${r.warnings.units} institution × center units and ${r.warnings.lines} business-line units, ${(r.warnings.seconds * 1000 / r.baseline.p95).toFixed(0)}× /me p95   ${verdictOf(r.warnings.seconds < g.warningJobSeconds)} (goal < ${g.warningJobSeconds} s)\n` : ''}  API memory: RSS ${r.export.rssBeforeMb.toFixed(0)} MB before the exports, peak RSS ${r.export.peakBeforeMb.toFixed(0)} MB before → ${r.export.peakAfterMb.toFixed(0)} MB after (streamed: the workbook is never held whole)
  with the case list (案件明细, on request): ${r.export.listed.toLocaleString('en')} cases concluded in the year, ${r.export.casesSeconds.toFixed(2)} s, ${r.export.casesBytes.toLocaleString('en')} bytes (reported, no goal)`);
}
