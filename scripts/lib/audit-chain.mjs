// The audit chain check shared by `npm run audit:verify` and `npm run restore`: both must judge a
// chain the same way. The recomputation is the database's own audit_verify() (the same function the
// insert trigger hashes with), so a script and the writer cannot disagree on the canonical row.

/** Walks every organisation's chain (live and archived entries) on an owner's connection. */
export async function verifyAuditChains(client) {
  const { rows: totals } = await client.query(`SELECT count(*)::int AS chains, COALESCE(sum(chain_seq), 0)::bigint AS entries FROM audit_chain_heads`);
  const { rows: broken } = await client.query(`SELECT organisation_id, chain_seq, id, problem FROM audit_verify()`);
  return { chains: totals[0].chains, entries: Number(totals[0].entries), broken };
}

/** One line naming a chain's first broken link. */
export function describeBrokenLink(b) {
  return `organisation ${b.organisation_id ?? '(system)'}: first broken link at chain_seq ${b.chain_seq}${b.id ? ` (audit_events id ${b.id})` : ''}: ${b.problem}`;
}
