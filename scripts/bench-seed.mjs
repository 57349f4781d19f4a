// `npm run bench:seed`: fills a database of its own (accord_bench_stats, or DATABASE_URL when
// its name contains "bench") with the demo world plus 50 banks with branch trees (head office
// → 5 provincial branches → 4 sub-branches each → 3 outlets each: 86 branches a bank), members
// of the two demo centers, and 1,000,000 cases over the last 24 months with a realistic outcome
// mix, acceptance and conclusion times and follow-up answers — all generated in SQL
// (generate_series), then rebuilds the statistics roll-ups from scratch. `npm run bench --
// --only=statistics` then measures the dashboard against it. CASES=200000 makes a smaller one.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { Client } = require('pg');

export const BENCH_STATS_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/accord_bench_stats';
const CASES = Number(process.env.CASES || 1_000_000);
const name = decodeURIComponent(new URL(BENCH_STATS_URL).pathname.slice(1));
if (!/bench/.test(name)) {
  console.error(`✖ DATABASE_URL names "${name}": bench:seed drops its database, so the name must contain "bench".`);
  process.exit(1);
}

const t0 = Date.now();
const elapsed = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
async function step(label, work) {
  const t = Date.now();
  process.stdout.write(`▸ ${label} … `);
  const result = await work();
  console.log(elapsed(t));
  return result;
}
function runNode(script) {
  const r = spawnSync(process.execPath, [script], { cwd: root, env: { ...process.env, DATABASE_URL: BENCH_STATS_URL }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${script} failed:\n${r.stdout}\n${r.stderr}`);
}

const build = spawnSync('npm', ['run', 'build:server', '--silent'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

await step(`recreating database ${name}`, async () => {
  const admin = new Client({ connectionString: BENCH_STATS_URL.replace(/\/[^/?]*(\?|$)/, '/postgres$1') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
});
await step('migrating and loading the demo world', async () => {
  runNode('scripts/migrate.mjs');
  runNode('scripts/seed.mjs');
});

const db = new Client({ connectionString: BENCH_STATS_URL });
await db.connect();
await db.query(`SET work_mem = '256MB'`);

await step('50 banks with 86 branches each, members of the two centers', async () => {
  await db.query(`CREATE TABLE bench_banks AS SELECT i, gen_random_uuid() AS id FROM generate_series(1, 50) i`);
  await db.query(`INSERT INTO organisations (id, kind, name) SELECT id, 'institution', '基准银行' || lpad(i::text, 2, '0') FROM bench_banks`);
  await db.query(`INSERT INTO memberships (center_id, institution_id, since)
    SELECT c.id, b.id, DATE '2020-01-01' FROM bench_banks b JOIN organisations c ON c.kind = 'center'
    WHERE (c.code = 'QD' AND (b.i % 2 = 0 OR b.i % 5 = 0)) OR (c.code = 'SH' AND (b.i % 2 = 1 OR b.i % 5 = 0))`);
  await db.query(`CREATE TABLE bench_branches (id uuid PRIMARY KEY, institution_id uuid, parent_id uuid, depth int, level text, name text, code text, path text, l2 uuid, l3 uuid, l4 uuid)`);
  await db.query(`INSERT INTO bench_branches SELECT gen_random_uuid(), b.id, NULL, 1, 'head_office', '总行', 'HO', NULL, NULL, NULL, NULL FROM bench_banks b`);
  await db.query(`UPDATE bench_branches SET path = '/' || id || '/'`);
  const levels = [
    [2, 'branch', 5, "'第' || k || '分行'", "'P' || k"],
    [3, 'sub_branch', 4, "p.name || '第' || k || '支行'", "p.code || '-S' || k"],
    [4, 'outlet', 3, "p.name || '第' || k || '网点'", "p.code || '-O' || k"],
  ];
  for (const [depth, level, n, label, code] of levels) {
    await db.query(`INSERT INTO bench_branches (id, institution_id, parent_id, depth, level, name, code)
      SELECT gen_random_uuid(), p.institution_id, p.id, ${depth}, '${level}', ${label}, ${code} FROM bench_branches p, generate_series(1, ${n}) k WHERE p.depth = ${depth - 1}`);
    await db.query(`UPDATE bench_branches c SET path = p.path || c.id || '/',
        l2 = CASE WHEN c.depth = 2 THEN c.id ELSE p.l2 END, l3 = CASE WHEN c.depth = 3 THEN c.id ELSE p.l3 END, l4 = CASE WHEN c.depth = 4 THEN c.id END
      FROM bench_branches p WHERE c.parent_id = p.id AND c.depth = ${depth}`);
  }
  await db.query(`INSERT INTO branches (id, institution_id, parent_id, level, name, code, path)
    SELECT id, institution_id, parent_id, level, name, code, path FROM bench_branches ORDER BY depth`);
  // Sign-in users for the bench: a bank's admin (whole tree) and one pinned to a provincial branch.
  await db.query(`INSERT INTO users (organisation_id, username, display_name, password_hash, roles, email, branch_id)
    SELECT b.id, u.username, u.display, s.password_hash, '{institution_admin}', u.username || '@demo.accord.test', u.branch
    FROM bench_banks b CROSS JOIN (SELECT password_hash FROM users WHERE username = 'icbc.admin') s
    CROSS JOIN LATERAL (VALUES ('bench.bank.admin', '基准管理员', NULL::uuid),
      ('bench.bank.branch', '基准分行管理员', (SELECT id FROM bench_branches WHERE institution_id = b.id AND depth = 2 ORDER BY code LIMIT 1))) u(username, display, branch)
    WHERE b.i = 2`);
});

await step(`${CASES.toLocaleString('en')} cases over 24 months`, async () => {
  await db.query(`CREATE TABLE bench_pick AS SELECT row_number() OVER (PARTITION BY depth ORDER BY id) - 1 AS k, * FROM bench_branches`);
  await db.query(`CREATE INDEX ON bench_pick (depth, k)`);
  await db.query(`CREATE TABLE bench_bank_centers AS SELECT institution_id, array_agg(center_id ORDER BY center_id) AS centers FROM memberships
    WHERE institution_id IN (SELECT id FROM bench_banks) GROUP BY institution_id`);
  // One pass per million-row chunk keeps memory flat; each case picks a branch (outlets most
  // often), a center the bank is a member of, and its times and outcome.
  const chunk = 250_000;
  for (let start = 0; start < CASES; start += chunk) {
    const n = Math.min(chunk, CASES - start);
    await db.query(`
      WITH raw AS (
        SELECT s AS n, random() AS r_level, random() AS r_branch, random() AS r_center, random() AS r_when, random() AS r_acc, random() AS r_acc_days,
               random() AS r_conc, random() AS r_conc_days, random() AS r_outcome, random() AS r_amount, random() AS r_settle, random() AS r_line
        FROM generate_series(${start + 1}, ${start + n}) s
      ), placed AS (
        SELECT raw.*, b.id AS branch_id, b.institution_id, b.path, b.l2, b.l3, b.l4,
               bc.centers[1 + floor(r_center * cardinality(bc.centers))::int] AS center_id,
               now() - (r_when * interval '730 days') AS submitted_at
        FROM raw
        JOIN LATERAL (SELECT CASE WHEN r_level < 0.02 THEN 1 WHEN r_level < 0.10 THEN 2 WHEN r_level < 0.30 THEN 3 ELSE 4 END AS depth) d ON true
        JOIN bench_pick b ON b.depth = d.depth AND b.k = floor(r_branch * CASE d.depth WHEN 1 THEN 50 WHEN 2 THEN 250 WHEN 3 THEN 1000 ELSE 3000 END)::int
        JOIN bench_bank_centers bc ON bc.institution_id = b.institution_id
      ), timed AS (
        SELECT p.*,
               CASE WHEN r_acc < 0.9 THEN submitted_at + (floor(r_acc_days ^ 2 * 10) * interval '1 day') + interval '3 hours' END AS accepted_raw
        FROM placed p
      ), accepted AS (
        SELECT t.*, CASE WHEN accepted_raw < now() THEN accepted_raw END AS accepted_at FROM timed t
      ), concluded AS (
        SELECT a.*,
               CASE WHEN accepted_at IS NOT NULL AND r_conc < 0.85 AND accepted_at + ((5 + floor(r_conc_days ^ 1.5 * 55)) * interval '1 day') < now()
                    THEN accepted_at + ((5 + floor(r_conc_days ^ 1.5 * 55)) * interval '1 day') END AS concluded_at,
               (10000 + floor(r_amount ^ 3 * 5000000))::bigint AS amount_fen
        FROM accepted a
      ), final AS (
        SELECT c.*,
               CASE WHEN concluded_at IS NULL THEN NULL WHEN r_outcome < 0.55 THEN 'settled' WHEN r_outcome < 0.80 THEN 'not_settled'
                    WHEN r_outcome < 0.90 THEN 'withdrawn' ELSE 'terminated' END AS outcome
        FROM concluded c
      )
      INSERT INTO cases (center_id, institution_id, branch_id, branch_path, branch_level2_id, branch_level3_id, branch_level4_id, created_by_organisation_id,
                         status, track, source, business_line, dispute_type, amount_fen, facts, claims, consent_at, consumer_sealed,
                         consumer_name_masked, consumer_phone_masked, consumer_id_masked, case_number, submitted_at, accepted_at, concluded_at, outcome, settled_amount_fen)
      SELECT center_id, institution_id, branch_id, path, l2, l3, l4, institution_id,
             CASE WHEN outcome IS NOT NULL THEN CASE WHEN r_settle < 0.7 THEN 'closed' ELSE outcome END WHEN accepted_at IS NOT NULL THEN 'accepted' ELSE 'submitted' END,
             'normal', 'branch_referral',
             (ARRAY['personal_loan','credit_card','debit_card','wealth_fund','insurance','payment','inclusive','other'])[1 + floor(r_line * 8)::int],
             (ARRAY['fee_reduction','repayment_plan','credit_report','mis_selling','fraud','service','other'])[1 + floor(r_line * 7)::int],
             amount_fen, '基准数据', '基准数据', submitted_at, '\\x00'::bytea, '张*', '138****0000', '1101**********002X',
             'B' || n, submitted_at, accepted_at, concluded_at, outcome,
             CASE WHEN outcome = 'settled' THEN floor(amount_fen * (0.2 + 0.8 * r_settle))::bigint ELSE 0 END
      FROM final`);
    process.stdout.write(`${((start + n) / 1000).toFixed(0)}k `);
  }
});

await step('follow-up answers for 40 % of the concluded cases', () =>
  db.query(`INSERT INTO follow_up_surveys (case_id, center_id, institution_id, branch_path, sent_at, answered_at, satisfaction)
    SELECT id, center_id, institution_id, branch_path, concluded_at, a, s FROM (
      SELECT c.*, concluded_at + random() * interval '7 days' AS a,
             (ARRAY[1,2,3,3,4,4,4,5,5,5])[1 + floor(random() * 10)::int] AS s
      FROM cases c WHERE concluded_at IS NOT NULL AND case_number LIKE 'B%' AND random() < 0.4) x
    WHERE a < now()`),
);
await step('ANALYZE', () => db.query('ANALYZE'));
await step('rebuilding the statistics roll-ups from scratch (statistics_rebuild_all)', () => db.query('SELECT statistics_rebuild_all()'));
await step('ANALYZE the roll-ups', () => db.query('ANALYZE statistics_branch_days, statistics_branch_months, statistics_institution_days, statistics_institution_months, statistics_line_months, statistics_line_type_months'));
const [{ cases, days, months }] = (
  await db.query(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM statistics_branch_days)::int AS days, (SELECT count(*) FROM statistics_branch_months)::int AS months`)
).rows;
await db.query('DROP TABLE bench_pick, bench_bank_centers, bench_branches, bench_banks');
await db.end();
console.log(`✔ ${name}: ${cases.toLocaleString('en')} cases, ${days.toLocaleString('en')} branch-day and ${months.toLocaleString('en')} branch-month buckets (${elapsed(t0)})`);
