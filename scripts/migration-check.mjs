// CI: migrations on an empty database must leave no pending schema difference.
import { loadDist, databaseUrl } from './lib/dist.mjs';

const tools = loadDist('libs/core/database/migration-tools.js');
const { allEntities, allMigrations } = loadDist('libs/schema/index.js');
const { Client } = await import('pg');
const url = new URL(databaseUrl());
url.pathname = '/accord_migration_check';
const admin = new Client({ connectionString: databaseUrl().replace(/\/[^/?]*(\?|$)/, '/postgres$1') });
await admin.connect();
await admin.query('DROP DATABASE IF EXISTS accord_migration_check WITH (FORCE)');
await admin.end();
await tools.ensureDatabase(url.toString());
const applied = await tools.runMigrations(url.toString(), allEntities, allMigrations);
const { up } = await tools.pendingSchemaDiff(url.toString(), allEntities);
if (up.length) {
  console.error(`Pending schema difference after ${applied.length} migrations:\n${up.join(';\n')}`);
  process.exit(1);
}
console.log(`migrations: ${applied.length} applied on an empty database, no pending schema difference`);
