import Module from 'node:module';
import path from 'node:path';
import { dropStaleTestDatabases, ownerUrl, recreateDatabase, templateName } from './databases';

// globalSetup runs outside Jest's module registry, so moduleNameMapper does not apply here.
const resolve = (Module as unknown as { _resolveFilename: (r: string, ...rest: unknown[]) => string })._resolveFilename;
(Module as unknown as { _resolveFilename: typeof resolve })._resolveFilename = function (request: string, ...rest: unknown[]) {
  if (request.startsWith('@accord/')) {
    const [, lib, ...sub] = request.split('/');
    request = path.join(__dirname, '..', lib, sub.length ? sub.join('/') : 'index');
  }
  return resolve.call(this, request, ...rest);
};

/** Migrates this run's template database once; each suite clones it in milliseconds. */
export default async function globalSetup(): Promise<void> {
  const { runMigrations } = require('@accord/core/database/migration-tools') as typeof import('../core/database/migration-tools');
  const { allEntities, allMigrations } = require('@accord/schema') as typeof import('../schema');
  // Jest's workers start after this and inherit the variable.
  process.env.ACCORD_TEST_RUN = String(process.pid);
  await dropStaleTestDatabases();
  await recreateDatabase(templateName());
  await runMigrations(ownerUrl(templateName()), allEntities, allMigrations);
}
