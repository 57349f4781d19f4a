// Generates a migration from the difference between the entities and a freshly migrated
// scratch database, into the lib that owns the tables it changes:
// `npm run migration:generate -- cases AddCaseTags` writes libs/cases/migrations/<stamp>-add-case-tags.ts
// and adds it to that lib's list (libs/schema merges every lib's list by timestamp). Review what it writes.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadDist, root, databaseUrl } from './lib/dist.mjs';

const [lib, name] = process.argv.slice(2);
const libs = readdirSync(path.join(root, 'libs')).filter((d) => existsSync(path.join(root, 'libs', d, 'entities')) || d === 'core');
if (!libs.includes(lib ?? '') || !/^[A-Z][A-Za-z0-9]+$/.test(name ?? '')) {
  console.error(`usage: npm run migration:generate -- <lib> PascalCaseName   (lib: the owner of the tables it changes, one of ${libs.join(', ')})`);
  process.exit(1);
}
const tools = loadDist('libs/core/database/migration-tools.js');
const { allEntities, allMigrations } = loadDist('libs/schema/index.js');
const scratch = new URL(databaseUrl());
scratch.pathname = '/accord_migration_scratch';
const { Client } = await import('pg');
const admin = new Client({ connectionString: databaseUrl().replace(/\/[^/?]*(\?|$)/, '/postgres$1') });
await admin.connect();
await admin.query('DROP DATABASE IF EXISTS accord_migration_scratch WITH (FORCE)');
await admin.end();
await tools.ensureDatabase(scratch.toString());
await tools.runMigrations(scratch.toString(), allEntities, allMigrations);
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
const dir = path.join(root, lib === 'core' ? 'libs/core/database/migrations' : `libs/${lib}/migrations`);
const base = `${stamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
const indexPath = path.join(dir, 'index.ts');
const rel = (p) => path.relative(root, p);
if (!existsSync(indexPath)) {
  // A lib's first migration: its list is new, and the lib and libs/schema must pass it on.
  mkdirSync(dir, { recursive: true });
  const list = `${lib.replace(/s$/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase())}Migrations`;
  writeFileSync(path.join(dir, `${base}.ts`), file, { flag: 'wx' });
  writeFileSync(indexPath, `import { ${cls} } from './${base}';\n\n/** The migrations of libs/${lib}, in order; libs/schema merges every lib's list into the one history. */\nexport const ${list}: Function[] = [\n  ${cls},\n];\n`);
  console.log(`Wrote ${rel(path.join(dir, `${base}.ts`))} and ${rel(indexPath)}; now export ${list} from libs/${lib}/index.ts and spread it into allMigrations in libs/schema/index.ts.`);
  process.exit(0);
}
writeFileSync(path.join(dir, `${base}.ts`), file, { flag: 'wx' });
const index = readFileSync(indexPath, 'utf8');
const imports = [...index.matchAll(/^import .*;$/gm)];
const last = imports[imports.length - 1];
const at = last.index + last[0].length;
const withImport = `${index.slice(0, at)}\nimport { ${cls} } from './${base}';${index.slice(at)}`;
const end = withImport.lastIndexOf('];');
writeFileSync(indexPath, `${withImport.slice(0, end)}  ${cls},\n${withImport.slice(end)}`);
console.log(`Wrote ${rel(path.join(dir, `${base}.ts`))} and added ${cls} to ${rel(indexPath)}.`);
