// Creates the database if needed and runs pending migrations as the owner.
import { loadDist, databaseUrl } from './lib/dist.mjs';

const tools = loadDist('libs/core/database/migration-tools.js');
const { allEntities } = loadDist('libs/schema/index.js');
await tools.ensureDatabase(databaseUrl());
const applied = await tools.runMigrations(databaseUrl(), allEntities);
console.log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'migrations: up to date');
