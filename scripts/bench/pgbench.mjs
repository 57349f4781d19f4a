// The database's own ceiling for filing, for `npm run bench`: pgbench inserting one row per
// transaction into a copy of the `cases` table (same columns, defaults, CHECKs and indexes;
// no foreign keys, no RLS, no triggers), as the owner, with prepared statements.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sampleCpu } from './measure.mjs';

export const PGBENCH_TABLE = 'bench_pgbench_cases';

/** pgbench on PATH, or in Debian's versioned directory; null when absent. */
export function findPgbench() {
  const which = spawnSync('sh', ['-c', 'command -v pgbench'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  for (const version of readdirSync(base).sort((a, b) => Number(b) - Number(a))) {
    const candidate = path.join(base, version, 'bin', 'pgbench');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * Creates the pgbench table as a shape-copy of `cases` (so it follows the migrations) holding
 * the same rows as `cases` now (the API files into a table of that size), and returns its
 * column, index and row counts, for the report.
 */
export async function preparePgbenchTable(client) {
  await client.query(`DROP TABLE IF EXISTS ${PGBENCH_TABLE}`);
  await client.query(`CREATE TABLE ${PGBENCH_TABLE} (LIKE cases INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
  await client.query(`CREATE SEQUENCE IF NOT EXISTS ${PGBENCH_TABLE}_number`);
  const { rowCount } = await client.query(`INSERT INTO ${PGBENCH_TABLE} SELECT * FROM cases`);
  await client.query(`VACUUM (ANALYZE) ${PGBENCH_TABLE}`);
  const { rows } = await client.query(
    `SELECT (SELECT count(*)::int FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped) AS columns,
            (SELECT count(*)::int FROM pg_index WHERE indrelid = $1::regclass) AS indexes`,
    [PGBENCH_TABLE],
  );
  return { ...rows[0], rows: rowCount };
}

/**
 * One row per transaction with what a filing writes: ids, masked names, sealed bytes, hashes,
 * a unique idempotency key and a unique case number. Values that differ per row are drawn by
 * pgbench (\set) or by the server (gen_random_uuid, nextval).
 */
function script({ centerId, institutionId, branchId, branchPath }) {
  const q = (v) => `'${String(v).replace(/'/g, "''")}'`;
  return `\\set amount random(0, 100000000)
\\set phone random(13000000000, 13999999999)
\\set id random(1, 999999999)
INSERT INTO ${PGBENCH_TABLE} (center_id, institution_id, branch_id, branch_path, created_by_organisation_id, idempotency_key,
  idempotency_hash, case_number, status, track, source, business_line, dispute_type, amount_fen, facts, claims, complaint_received_on,
  preferred_channel, consent_at, consent_note, consumer_id_type, consumer_sealed, consumer_name_masked, consumer_phone_masked,
  consumer_id_masked, consumer_phone_hash, consumer_id_hash, submitted_at, intake_due_on)
VALUES (${q(centerId)}, ${q(institutionId)}, ${q(branchId)}, ${q(branchPath)}, ${q(institutionId)}, gen_random_uuid()::text,
  sha256(:id::text::bytea), 'PGB-' || nextval('${PGBENCH_TABLE}_number'), 'submitted', 'normal', 'branch_referral', 'credit_card',
  'fee_reduction', :amount, '持卡人称分期手续费未充分告知，要求减免。', '减免手续费及违约金。', '2026-11-02', 'phone', now(), '书面同意',
  'resident_id', sha256(:amount::text::bytea) || sha256(:phone::text::bytea) || sha256(:id::text::bytea), '张*三', '138****5678',
  '1101**********002X', sha256(:phone::text::bytea), sha256(:id::text::bytea), now(), current_date + 7);
`;
}

/**
 * Runs pgbench for `seconds` with `clients` connections and returns
 * { rps, p50, p99, failures, clients } (latencies in ms, from its per-transaction log).
 */
export async function runPgbench({ binary, databaseUrl, clients, threads = 2, seconds, row, text, cpu }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'accord-pgbench-'));
  const sampler = cpu ? sampleCpu(cpu) : null;
  try {
    const file = path.join(dir, 'insert.sql');
    writeFileSync(file, text ?? script(row));
    const args = ['-n', '-M', 'prepared', '-c', String(clients), '-j', String(threads), '-T', String(seconds), '-f', file,
      '-l', '--log-prefix', path.join(dir, 'tx'), databaseUrl];
    const { code, stdout, stderr } = await run(binary, args);
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
    if (code !== 0 || !Number.isFinite(tps)) throw new Error(`pgbench failed (exit ${code}):\n${stdout}${stderr}`);
    const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
    // Per-transaction log lines: client_id transaction_no time_us script_no epoch epoch_us.
    const latencies = [];
    for (const name of readdirSync(dir).filter((f) => f.startsWith('tx'))) {
      for (const line of readFileSync(path.join(dir, name), 'utf8').split('\n')) {
        const us = Number(line.split(' ')[2]);
        if (line && Number.isFinite(us)) latencies.push(us / 1000);
      }
    }
    latencies.sort((a, b) => a - b);
    const used = await sampler?.stop();
    const done = Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1]) || tps * seconds;
    return { rps: tps, ...(used ? { cpu: { nodeMs: NaN, postgresMs: used.postgresMs / Math.max(1, done) } } : {}), p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), failures: failed, clients };
  } finally {
    await sampler?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function run(binary, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
