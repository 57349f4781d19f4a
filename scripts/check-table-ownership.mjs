// Each table has one owner: the lib whose entities/ declares it (`@Entity('name')`). Only the
// owner's code names it in SQL; another lib calls the owner's exported service. This check reads
// every SQL string in libs/ and fails on a table named outside its owner (`npm run lint` runs it).
//
// A second rule: SQL is executed (`.query(` / `.queryAndCommit(`) only in a repository — a file under
// a `repositories/` folder or named `*.repository.ts` — so services keep rules and transactions and
// every query of a table sits beside its owner's others. Exempt: the database plumbing itself
// (libs/core/database: the pool, the executor, the migration tools), migrations, the demo and test
// fixtures, specs.
//
// Both rules are strict (issue 14 emptied the baselines they started with); `--report` prints counts.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const libs = path.join(root, 'libs');
// Not domain code: the whole data model (schema), the test and demo fixtures, the migrations.
const EXEMPT = [/^libs\/(schema|testing|demo|contracts)\//, /\/migrations\//, /\.(spec|int-spec)\.ts$/];
// Where SQL may run outside a repository: the database plumbing, migrations, fixtures, specs.
const SQL_EXEMPT = [
  /^libs\/core\/database\/(database\.service|sql-executor|migration-tools)\.ts$/,
  /\/migrations\//,
  /^libs\/(demo|testing)\//,
  /\.(spec|int-spec|e2e-spec|browser-spec)\.ts$/,
];
const isRepository = (file) => /(^|\/)repositories\//.test(file) || file.endsWith('.repository.ts');
// A call of the executor's (or a pg client's) query methods, type arguments allowed: `.query<T[]>(`.
const execution = /\.(?:query|queryAndCommit)\s*(?:<[^()]*>)?\s*\(/g;

function walk(dir, out = []) {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (entry.endsWith('.ts')) out.push(full);
  }
  return out;
}

const files = walk(libs).map((f) => path.relative(root, f));
const libOf = (file) => file.split('/')[1];

const owner = new Map();
for (const file of files) {
  for (const m of readFileSync(path.join(root, file), 'utf8').matchAll(/@Entity\(\s*'([a-z_]+)'/g)) owner.set(m[1], libOf(file));
}

// SQL lives in string and template literals; a table follows FROM, JOIN, INTO, UPDATE, or TABLE.
const literal = /`(?:[^`\\]|\\.)*`|'(?:[^'\\\n]|\\.)*'/g;
const tableRef = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+(?:ONLY\s+)?"?([a-z_][a-z0-9_]*)"?/gi;

const found = [];
for (const file of files) {
  if (EXEMPT.some((re) => re.test(file))) continue;
  const lib = libOf(file);
  const text = readFileSync(path.join(root, file), 'utf8');
  const seen = new Set();
  for (const lit of text.match(literal) ?? []) {
    for (const m of lit.matchAll(tableRef)) {
      const table = m[1].toLowerCase();
      const own = owner.get(table);
      if (!own || own === lib || seen.has(table)) continue;
      seen.add(table);
      found.push(`${file} → ${table} (owned by ${own})`);
    }
  }
}
found.sort();

// Files (libs/ and apps/) that execute SQL outside a repository, with how many calls each.
const executing = new Map();
for (const file of [...files, ...walk(path.join(root, 'apps')).map((f) => path.relative(root, f))]) {
  if (isRepository(file) || SQL_EXEMPT.some((re) => re.test(file))) continue;
  const calls = readFileSync(path.join(root, file), 'utf8').match(execution)?.length ?? 0;
  if (calls) executing.set(file, calls);
}
const outside = [...executing.keys()].sort();

if (process.argv.includes('--report')) {
  const byLib = {};
  for (const f of found) byLib[libOf(f)] = (byLib[libOf(f)] ?? 0) + 1;
  console.log(`${found.length} (file, table) references outside the owning lib, in ${new Set(found.map((f) => f.split(' ')[0])).size} files:`, byLib);
  const callsByLib = {};
  for (const [f, n] of executing) callsByLib[libOf(f)] = (callsByLib[libOf(f)] ?? 0) + n;
  const calls = [...executing.values()].reduce((a, b) => a + b, 0);
  console.log(`${calls} SQL executions outside repositories, in ${outside.length} files:`, callsByLib);
  process.exit(0);
}

if (found.length) console.error(`SQL names a table another lib owns (call the owner's exported service instead):\n  ${found.join('\n  ')}`);
if (outside.length) console.error(`SQL executed outside a repository (move the query into the lib's repositories/*.repository.ts):\n  ${outside.join('\n  ')}`);
if (found.length || outside.length) process.exit(1);
console.log(`table ownership: every table is named in SQL only by its owner, and SQL runs only in repositories (${owner.size} tables)`);
