// Walks every organisation's audit hash chain (live and archived entries) as the database owner
// and prints the first broken link of each; exits 1 when any chain is broken, so cron or CI can
// alert on it. The check itself is scripts/lib/audit-chain.mjs (restore runs the same one).
import pg from 'pg';
import { databaseUrl } from './lib/dist.mjs';
import { describeBrokenLink, verifyAuditChains } from './lib/audit-chain.mjs';

const client = new pg.Client({ connectionString: databaseUrl() });
try {
  await client.connect();
  const { chains, entries, broken } = await verifyAuditChains(client);
  if (!broken.length) {
    console.log(`audit chain intact: ${chains} chains, ${entries} entries verified`);
  } else {
    for (const b of broken) console.error(`✖ ${describeBrokenLink(b)}`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`✖ audit verification could not run: ${error.message.split('\n')[0]}`);
  process.exitCode = 2;
} finally {
  await client.end().catch(() => undefined);
}
