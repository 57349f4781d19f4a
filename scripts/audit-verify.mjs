// Walks every organisation's audit hash chain (live and archived entries) as the database owner
// and prints the first broken link of each; exits 1 when any chain is broken, so cron or CI can
// alert on it. The recomputation is the database's own audit_verify() (the same function the
// insert trigger hashes with), so the script and the writer cannot disagree on the canonical row.
import pg from 'pg';
import { databaseUrl } from './lib/dist.mjs';

const client = new pg.Client({ connectionString: databaseUrl() });
try {
  await client.connect();
  const { rows: chains } = await client.query(`SELECT count(*)::int AS chains, COALESCE(sum(chain_seq), 0)::bigint AS entries FROM audit_chain_heads`);
  const { rows: broken } = await client.query(`SELECT organisation_id, chain_seq, id, problem FROM audit_verify()`);
  if (!broken.length) {
    console.log(`audit chain intact: ${chains[0].chains} chains, ${chains[0].entries} entries verified`);
  } else {
    for (const b of broken) {
      console.error(`✖ organisation ${b.organisation_id ?? '(system)'}: first broken link at chain_seq ${b.chain_seq}${b.id ? ` (audit_events id ${b.id})` : ''}: ${b.problem}`);
    }
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`✖ audit verification could not run: ${error.message.split('\n')[0]}`);
  process.exitCode = 2;
} finally {
  await client.end().catch(() => undefined);
}
