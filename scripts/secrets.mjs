// Generates this installation's secrets (token signing, personal-data keys) at its first start,
// into var/secrets.env (or ACCORD_SECRETS_FILE), mode 0600, never in git. Later starts keep them.
// A database that already holds cases (an installation from before this file) keeps the keys its
// data was sealed and hashed with, for reading and search; new data is sealed with a new key.
import { createRequire } from 'node:module';
import { loadDist, databaseUrl, root } from './lib/dist.mjs';

const { ensureInstallationSecrets, secretsFilePath, PUBLIC_PII_KEY } = loadDist('libs/core/config/installation-secrets.js');
const file = secretsFilePath();

async function sealedWith() {
  const { Client } = createRequire(`${root}/package.json`)('pg');
  const client = new Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT to_regclass('cases') IS NOT NULL AS migrated`);
    if (!rows[0].migrated) return undefined;
    const data = await client.query('SELECT EXISTS (SELECT 1 FROM cases) AS any');
    if (!data.rows[0].any) return undefined;
  } finally {
    await client.end();
  }
  return {
    PII_KEYS: process.env.PII_KEYS || PUBLIC_PII_KEY,
    PII_SEARCH_KEY: process.env.PII_SEARCH_KEY || 'development-only-search-key-change-me-0123456789',
  };
}

const existing = (await import('node:fs')).existsSync(file);
const carried = existing ? undefined : await sealedWith();
if (ensureInstallationSecrets(file, carried)) {
  console.log(
    `secrets: generated for this installation in ${file} (mode 0600; back it up — it holds the keys to the personal data)` +
      (carried ? '; the keys the existing cases were sealed and hashed with are kept in it' : ''),
  );
} else {
  console.log(`secrets: ${file}`);
}
