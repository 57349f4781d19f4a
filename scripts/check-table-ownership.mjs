// Each table has one owner: the lib whose entities/ declares it (`@Entity('name')`). Only the
// owner's code names it in SQL; another lib calls the owner's exported service. This check reads
// every SQL string in libs/ and fails on a table named outside its owner (`npm run lint` runs it).
//
// The references that were there when the check came in are listed in
// scripts/table-ownership.baseline.json: they may go (then the entry must be removed too, so the
// list only shrinks) but none may be added. `--write-baseline` rewrites it; `--report` prints counts.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const libs = path.join(root, 'libs');
const baselineFile = path.join(root, 'scripts/table-ownership.baseline.json');
// Not domain code: the whole data model (schema), the test and demo fixtures, the migrations.
const EXEMPT = [/^libs\/(schema|testing|demo|contracts)\//, /\/migrations\//, /\.(spec|int-spec)\.ts$/];

function walk(dir, out = []) {
  for (const entry of readdirSync(dir)) {
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

if (process.argv.includes('--write-baseline')) {
  writeFileSync(baselineFile, `${JSON.stringify(found, null, 2)}\n`);
  console.log(`table ownership: baseline written (${found.length} references outside their owner)`);
  process.exit(0);
}
if (process.argv.includes('--report')) {
  const byLib = {};
  for (const f of found) byLib[libOf(f)] = (byLib[libOf(f)] ?? 0) + 1;
  console.log(`${found.length} (file, table) references outside the owning lib, in ${new Set(found.map((f) => f.split(' ')[0])).size} files:`, byLib);
  process.exit(0);
}

const baseline = new Set(JSON.parse(readFileSync(baselineFile, 'utf8')));
const added = found.filter((f) => !baseline.has(f));
const gone = [...baseline].filter((f) => !found.includes(f));
if (added.length) {
  console.error(`SQL names a table another lib owns (call the owner's exported service instead):\n  ${added.join('\n  ')}`);
}
if (gone.length) {
  console.error(`fixed, so remove from scripts/table-ownership.baseline.json (the list only shrinks):\n  ${gone.join('\n  ')}`);
}
if (added.length || gone.length) process.exit(1);
console.log(`table ownership: no new references outside the owning lib (${found.length} known, listed in the baseline, to go)`);
