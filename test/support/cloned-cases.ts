import type { Client } from 'pg';

export type Outcome = 'settled' | 'not_settled' | 'withdrawn' | 'terminated';

/**
 * Copies of one of an institution's cases, submitted (and accepted) at `submittedAt`, each
 * concluded with its outcome at `concludedAt` when `outcomes` names one: many cases in months
 * the API can't backdate to, written as the owner. The statistics still have to be refreshed.
 */
export async function cloneCases(
  owner: Client,
  institutionId: string,
  c: { businessLine: string; disputeType: string; submittedAt: string; concludedAt?: string; outcomes?: Outcome[]; n: number; prefix: string },
): Promise<string[]> {
  const columns = (
    await owner.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'cases' AND column_name <> ALL ($1) ORDER BY ordinal_position`, [
      ['id', 'case_number', 'idempotency_key', 'idempotency_hash', 'status', 'business_line', 'dispute_type', 'submitted_at', 'accepted_at', 'concluded_at', 'outcome', 'settled_amount_fen', 'mediator_id', 'mediator_name'],
    ])
  ).rows.map((r: { column_name: string }) => r.column_name);
  const template = (await owner.query(`SELECT id FROM cases WHERE institution_id = $1 AND status <> 'draft' LIMIT 1`, [institutionId])).rows[0].id;
  const ids: string[] = [];
  for (let i = 0; i < c.n; i++) {
    const outcome = c.outcomes?.[i] ?? null;
    const { rows } = await owner.query(
      `INSERT INTO cases (${columns.join(', ')}, case_number, status, business_line, dispute_type, submitted_at, accepted_at, concluded_at, outcome, settled_amount_fen)
       SELECT ${columns.join(', ')}, $2, $3, $4, $5, $6, $7, $8, $9, 0 FROM cases WHERE id = $1 RETURNING id`,
      [
        template,
        `${c.prefix}-${i + 1}`,
        outcome === null ? 'submitted' : outcome === 'settled' ? 'closed' : outcome,
        c.businessLine,
        c.disputeType,
        c.submittedAt,
        outcome ? c.submittedAt : null,
        outcome ? c.concludedAt! : null,
        outcome,
      ],
    );
    ids.push(rows[0].id);
  }
  return ids;
}
