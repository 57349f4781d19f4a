// Generates a migration from the difference between the entities and a freshly migrated
// scratch database: `npm run migration:generate -- AddCases`. Review what it writes.
import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadDist, root, databaseUrl } from './lib/dist.mjs';

const name = process.argv[2];
if (!/^[A-Z][A-Za-z0-9]+$/.test(name ?? '')) {
  console.error('usage: npm run migration:generate -- PascalCaseName');
  process.exit(1);
}
const tools = loadDist('libs/core/database/migration-tools.js');
const { allEntities } = loadDist('libs/schema/index.js');
const scratch = new URL(databaseUrl());
scratch.pathname = '/accord_migration_scratch';
const { Client } = await import('pg');
const admin = new Client({ connectionString: databaseUrl().replace(/\/[^/?]*(\?|$)/, '/postgres$1') });
await admin.connect();
await admin.query('DROP DATABASE IF EXISTS accord_migration_scratch WITH (FORCE)');
await admin.end();
await tools.ensureDatabase(scratch.toString());
await tools.runMigrations(scratch.toString(), allEntities);
const { up, down } = await tools.pendingSchemaDiff(scratch.toString(), allEntities);
if (up.length === 0) {
  console.log('No changes: the entities match the migrations.');
  process.exit(0);
}
const stamp = Date.now();
const cls = `${name}${stamp}`;
const q = (s) => '`' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
const file = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${cls} implements MigrationInterface {
  name = '${cls}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up.map((s) => `    await queryRunner.query(${q(s)});`).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${[...down].reverse().map((s) => `    await queryRunner.query(${q(s)});`).join('\n')}
  }
}
`;
const dir = path.join(root, 'libs/core/database/migrations');
const base = `${stamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
writeFileSync(path.join(dir, `${base}.ts`), file);
const indexPath = path.join(dir, 'index.ts');
const index = readFileSync(indexPath, 'utf8');
console.log(`Wrote libs/core/database/migrations/${base}.ts — add ${cls} to ${path.relative(root, indexPath)}`);
console.log(index.includes(cls) ? '' : `(index.ts not changed)`);
