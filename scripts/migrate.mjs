// Creates the database if needed and runs pending migrations as the owner. Each migration runs
// in its own transaction: one that fails leaves the ones before it applied and nothing of itself.
import { loadDist, databaseUrl } from './lib/dist.mjs';

const tools = loadDist('libs/core/database/migration-tools.js');
const { allEntities, allMigrations } = loadDist('libs/schema/index.js');
try {
  await tools.ensureDatabase(databaseUrl());
  const applied = await tools.runMigrations(databaseUrl(), allEntities, allMigrations);
  console.log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'migrations: up to date');
} catch (error) {
  const where = new URL(databaseUrl());
  console.error(
    `✖ migrating ${where.host}${where.pathname} failed: ${error.message.split('\n')[0]}. ` +
      'Migrations applied before it stay applied and the failed one left nothing; fix the cause and run `npm start` again.',
  );
  process.exit(2); // said in one line: npm start adds nothing
}
