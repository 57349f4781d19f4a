#!/usr/bin/env node
// The Citus path (README → "More than one machine"): which tables would be distributed by
// center_id, which would be reference tables, and which repository statements on a distributed
// table do not name center_id (so Citus would fan them out to every shard instead of routing
// them to one). Reads the entities and the repositories' SQL; prints the lists; exit 0 always
// (a report, not a gate: `--strict` exits 1 when any statement lacks the center).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const walk = (dir) => readdirSync(dir).flatMap((n) => {
  const p = path.join(dir, n);
  return statSync(p).isDirectory() ? (n === 'node_modules' ? [] : walk(p)) : [p];
});
const files = walk(path.join(root, 'libs')).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));

// Tables and whether their entity has a centerId column.
const tables = new Map();
for (const f of files.filter((f) => f.includes('/entities/'))) {
  const text = readFileSync(f, 'utf8');
  const parts = text.split(/@Entity\(/).slice(1);
  for (const part of parts) {
    const name = /^\s*'([a-z_0-9]+)'/.exec(part)?.[1];
    if (!name) continue;
    const body = part.split(/\n}\n/)[0];
    tables.set(name, { center: /\bcenterId\b/.test(body), child: /\b(caseId|sessionId)\b/.test(body), lib: path.relative(root, f).split('/').slice(0, 2).join('/') });
  }
}
const distributed = [...tables].filter(([, t]) => t.center).map(([n]) => n).sort();
// Rows of a case or session without the center: co-located only once they carry center_id.
const children = [...tables].filter(([, t]) => !t.center && t.child).map(([n]) => n).sort();
const reference = [...tables].filter(([, t]) => !t.center && !t.child).map(([n]) => n).sort();

// SQL literals in repositories (and the SQL fragments other libs compose).
const findings = [];
let statements = 0;
for (const f of files.filter((f) => f.includes('/repositories/') || f.endsWith('-sql.ts'))) {
  const text = readFileSync(f, 'utf8');
  for (const m of text.matchAll(/`([^`]*)`/gs)) {
    const sql = m[1];
    if (!/\b(SELECT|INSERT|UPDATE|DELETE)\b/.test(sql)) continue;
    const named = new Set([...sql.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE)\s+([a-z_0-9]+)/gi)].map((x) => x[1]));
    const hit = [...named].filter((n) => distributed.includes(n));
    if (!hit.length) continue;
    statements++;
    if (!/center_id|centerId|\bcenter\b/.test(sql)) {
      const line = text.slice(0, m.index).split('\n').length;
      findings.push({ where: `${path.relative(root, f)}:${line}`, tables: hit.join(', '), head: sql.replace(/\s+/g, ' ').trim().slice(0, 100) });
    }
  }
}

console.log(`distributed by center_id (${distributed.length}): ${distributed.join(', ')}`);
console.log(`case/session rows to gain center_id and be distributed with them (${children.length}): ${children.join(', ')}`);
console.log(`reference tables (${reference.length}): ${reference.join(', ')}`);
console.log(`statements on distributed tables: ${statements}; without center_id: ${findings.length}`);
for (const x of findings) console.log(`  ${x.where}  [${x.tables}]  ${x.head}`);
if (process.argv.includes('--strict') && findings.length) process.exit(1);
