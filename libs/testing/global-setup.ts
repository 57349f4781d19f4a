import Module from 'node:module';
import path from 'node:path';
import { Client } from 'pg';
import { ownerUrl, recreateDatabase, TEMPLATE_DB } from './databases';

// globalSetup runs outside Jest's module registry, so moduleNameMapper does not apply here.
const resolve = (Module as unknown as { _resolveFilename: (r: string, ...rest: unknown[]) => string })._resolveFilename;
(Module as unknown as { _resolveFilename: typeof resolve })._resolveFilename = function (request: string, ...rest: unknown[]) {
  if (request.startsWith('@accord/')) {
    const [, lib, ...sub] = request.split('/');
    request = path.join(__dirname, '..', lib, sub.length ? sub.join('/') : 'index');
  }
  return resolve.call(this, request, ...rest);
};

/** Migrates a template database once; each suite clones it in milliseconds. */
export default async function globalSetup(): Promise<void> {
  const { runMigrations } = require('@accord/core/database/migration-tools') as typeof import('../core/database/migration-tools');
  const { allEntities } = require('@accord/schema') as typeof import('../schema');
  await recreateDatabase(TEMPLATE_DB);
  await runMigrations(ownerUrl(TEMPLATE_DB), allEntities);
  // Drop what earlier, interrupted runs left behind.
  const client = new Client({ connectionString: ownerUrl() });
  await client.connect();
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'accord\\_test\\_%' AND datname <> $1`,
    [TEMPLATE_DB],
  );
  for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
  await client.end();
}
