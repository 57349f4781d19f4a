import type { FaultCluster } from './cluster';

export const ROLLUP_TABLES = [
  'statistics_branch_days',
  'statistics_branch_months',
  'statistics_institution_days',
  'statistics_institution_months',
  'statistics_line_months',
  'statistics_line_type_months',
];

/**
 * Roll-up rows the worker's incremental refreshes left that a from-scratch rebuild over the
 * cases does not produce (or the other way round), per table. The rebuild runs in a
 * transaction that is rolled back: the installation keeps what the worker wrote.
 */
export async function rollupMismatches(cluster: FaultCluster): Promise<Record<string, number>> {
  const db = cluster.owner;
  const snap = async () => {
    const out: Record<string, string[]> = {};
    for (const t of ROLLUP_TABLES) out[t] = (await db.query(`SELECT * FROM ${t}`)).rows.map((r) => JSON.stringify(r)).sort();
    return out;
  };
  const incremental = await snap();
  await db.query('BEGIN');
  let rebuilt: Record<string, string[]>;
  try {
    await db.query('SELECT statistics_rebuild_all()');
    rebuilt = await snap();
  } finally {
    await db.query('ROLLBACK');
  }
  const result: Record<string, number> = {};
  for (const t of ROLLUP_TABLES) {
    const a = new Set(incremental[t]);
    const b = new Set(rebuilt[t]);
    result[t] = [...a].filter((r) => !b.has(r)).length + [...b].filter((r) => !a.has(r)).length;
  }
  return result;
}

/** Outbox events: written, relayed (published), and — for those with a job — handled (processed_jobs). */
export async function outboxCounts(cluster: FaultCluster, sinceId = 0): Promise<{ sent: number; relayed: number; withJob: number; handled: number }> {
  const { rows } = await cluster.owner.query(
    `SELECT count(*)::int AS sent, count(o.published_at)::int AS relayed, count(o.job_name)::int AS with_job,
            count(p.job_id)::int AS handled
       FROM outbox o LEFT JOIN processed_jobs p ON p.job_id = 'outbox-' || o.id
      WHERE o.id > $1`,
    [sinceId],
  );
  return { sent: rows[0].sent, relayed: rows[0].relayed, withJob: rows[0].with_job, handled: rows[0].handled };
}

/** Notifications that say the same thing to the same person twice (a side effect done twice). */
export async function doubledNotifications(cluster: FaultCluster): Promise<number> {
  return cluster.count(`SELECT count(*)::int AS n FROM (SELECT 1 FROM notifications GROUP BY user_id, kind, data HAVING count(*) > 1) d`);
}

/** Text messages sent twice: same case, channel, recipient and body. */
export async function doubledMessages(cluster: FaultCluster): Promise<number> {
  return cluster.count(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM outbound_messages GROUP BY case_id, channel, recipient_masked, subject, body HAVING count(*) > 1) d`,
  );
}
