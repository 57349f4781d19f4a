// `npm run restore -- <backup directory> --database <new name> [--storage-dir <empty directory>]`:
// restores a backup made by `npm run backup` into a NEW database on the server of DATABASE_URL
// (connect as the owner or a superuser, as migrations do) and its files into an empty directory
// (default STORAGE_DIR), then verifies the copy: the manifest's row counts, migration head and
// audit chain heads, every audit chain walked by audit_verify(), every stored file against the
// manifest and every evidence file and signed document against the SHA-256 its row records.
// A restore never overwrites: an existing database or a non-empty directory is refused before
// anything is written. Exit 0 verified; 1 restored but NOT verified (left for inspection);
// 2 refused or failed.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { databaseUrl } from './lib/dist.mjs';
import { describeBrokenLink, verifyAuditChains } from './lib/audit-chain.mjs';
import {
  COUNTED_TABLES,
  DUMP,
  MANIFEST,
  copyHashed,
  databaseFacts,
  firstLine,
  hashedDocuments,
  libpqTarget,
  sha256File,
  storageSettings,
} from './lib/backup.mjs';

const fail = (sentence) => {
  console.error(`✖ ${sentence}`);
  process.exit(2);
};
const quoteIdent = (name) => `"${name.replace(/"/g, '""')}"`;

let args;
try {
  args = parseArgs({ allowPositionals: true, options: { database: { type: 'string' }, 'storage-dir': { type: 'string' } } });
} catch (error) {
  fail(`${firstLine(error)}. Usage: npm run restore -- <backup directory> --database <new name> [--storage-dir <empty directory>]`);
}
const [from] = args.positionals;
const name = args.values.database;
if (!from || !name) fail('name the backup directory and the new database: npm run restore -- var/backups/<time> --database accord_restored [--storage-dir <empty directory>]');
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) fail(`"${name}" is not a database name this restore creates: lower-case letters, digits and _, at most 63.`);
const backupDir = path.resolve(from);

let manifest;
try {
  manifest = JSON.parse(await readFile(path.join(backupDir, MANIFEST), 'utf8'));
} catch (error) {
  fail(`${backupDir} holds no readable ${MANIFEST} (${firstLine(error)}): is it a directory written by npm run backup?`);
}
// A damaged dump cannot be verified row by row afterwards: refuse it before it touches the server.
const dumpFile = path.join(backupDir, DUMP);
const dumpHash = await sha256File(dumpFile).catch((error) => fail(`${dumpFile} cannot be read: ${firstLine(error)}.`));
if (dumpHash !== manifest.dump.sha256) fail(`${dumpFile} does not hash to the manifest's ${manifest.dump.sha256} (it hashes to ${dumpHash}): the backup is damaged; use another one.`);

const localFiles = manifest.storage.driver === 'local';
const storageDir = path.resolve(args.values['storage-dir'] ?? storageSettings().dir);
if (localFiles && (await readdir(storageDir).catch(() => [])).length) {
  fail(`${storageDir} is not empty: a restore never overwrites files; pass --storage-dir <an empty or new directory>.`);
}

const serverUrl = new URL(databaseUrl());
const targetUrl = new URL(databaseUrl());
targetUrl.pathname = `/${name}`;
serverUrl.pathname = '/postgres';
const admin = new pg.Client({ connectionString: serverUrl.toString() });
try {
  await admin.connect();
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (rowCount) fail(`database ${name} already exists on ${serverUrl.host}: a restore never overwrites one; name a new database (or drop ${name} yourself first).`);
  // Roles belong to the server, not to a database's dump. The dump keeps owners and grants, so the
  // roles it names must exist before it is restored (a new server: create them first).
  const { rows } = await admin.query('SELECT rolname FROM pg_roles WHERE rolname = ANY($1)', [manifest.database.roles]);
  const missing = manifest.database.roles.filter((r) => !rows.some((x) => x.rolname === r));
  if (missing.length) {
    fail(
      `role${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing on ${serverUrl.host}: the backup's objects are owned by or granted to ${missing.length > 1 ? 'them' : 'it'}; ` +
        `create ${missing.length > 1 ? 'them' : 'it'} first (the app role as libs/core/database/migrations/1795450700000-isolation.ts does: LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT), then restore again.`,
    );
  }
  // template0 with the source's encoding and collation: template1 may carry objects of its own,
  // and another collation would order the indexes differently.
  await admin.query(
    `CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0 ENCODING '${manifest.database.encoding}' LC_COLLATE '${manifest.database.collate}' LC_CTYPE '${manifest.database.ctype}'`,
  );
  for (const g of manifest.database.grants) {
    await admin.query(`GRANT ${g.privilege} ON DATABASE ${quoteIdent(name)} TO ${g.grantee === 'PUBLIC' ? 'PUBLIC' : quoteIdent(g.grantee)}`);
  }
} catch (error) {
  if (error?.code === '42P04') fail(`database ${name} already exists on ${serverUrl.host}: a restore never overwrites one; name a new database.`);
  fail(`creating database ${name} on ${serverUrl.host} failed: ${firstLine(error)}.`);
} finally {
  await admin.end().catch(() => undefined);
}

// Owners are kept (no --no-owner): the audit chain trigger, audit_archive() and the sign-in
// look-ups are SECURITY DEFINER functions that act with their owner's rights, so they must be
// owned by the same role as on the source. --no-owner would hand every object to whoever runs the
// restore (and --no-privileges would drop the app role's grants). Grants, RLS and policies come
// with the dump; the app role itself is checked above.
// One transaction: a restore that fails leaves an empty database, never half of one.
const started = Date.now();
const { dbname, env } = libpqTarget(targetUrl.toString());
try {
  await new Promise((resolve, reject) => {
    const restore = spawn('pg_restore', ['--exit-on-error', '--single-transaction', `--dbname=${dbname}`, dumpFile], { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    restore.stderr.on('data', (c) => (stderr += c));
    restore.on('error', reject);
    restore.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`pg_restore exited ${code}: ${stderr.trim()}`))));
  });
} catch (error) {
  fail(`restoring ${dumpFile} into ${name} failed: ${firstLine(error)}. The database ${name} was created and is empty: drop it before trying again.`);
}

const problems = [];
if (localFiles) {
  for (const f of manifest.storage.files) {
    try {
      const copied = await copyHashed(path.join(backupDir, manifest.storage.dir, f.key), path.join(storageDir, f.key));
      if (copied.sha256 !== f.sha256) problems.push(`stored file ${f.key}: its bytes hash to ${copied.sha256}, the manifest recorded ${f.sha256}`);
    } catch (error) {
      problems.push(`stored file ${f.key}: not restored (${firstLine(error)})`);
    }
  }
}

const client = new pg.Client({ connectionString: targetUrl.toString() });
let audit;
let documents = [];
try {
  await client.connect();
  const facts = await databaseFacts(client);
  for (const table of COUNTED_TABLES) {
    if (facts.counts[table] !== manifest.counts[table]) problems.push(`${table}: ${facts.counts[table]} rows, the backup had ${manifest.counts[table]}`);
  }
  if (facts.migrationHead !== manifest.migrationHead) problems.push(`migration head ${facts.migrationHead}, the backup had ${manifest.migrationHead}`);
  if (JSON.stringify(facts.auditHeads) !== JSON.stringify(manifest.auditHeads)) problems.push('audit chain heads differ from the backup\'s');
  audit = await verifyAuditChains(client);
  for (const b of audit.broken) problems.push(`audit chain of ${describeBrokenLink(b)}`);
  if (localFiles) {
    documents = await hashedDocuments(client);
    for (const d of documents) {
      const label = `${d.kind} ${d.id} (case ${d.caseNumber}, ${d.name})`;
      const actual = await sha256File(path.join(storageDir, d.key)).catch(() => null);
      if (!actual) problems.push(`${label}: its file ${d.key} is missing`);
      else if (actual !== d.sha256) problems.push(`${label}: its file ${d.key} hashes to ${actual}, its row records ${d.sha256}`);
    }
  }
} catch (error) {
  problems.push(`verification could not finish: ${firstLine(error)}`);
} finally {
  await client.end().catch(() => undefined);
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (problems.length) {
  for (const p of problems) console.error(`✖ ${p}`);
  console.error(
    `✖ ${name} was restored from ${backupDir} but is NOT verified (${problems.length} problem${problems.length > 1 ? 's' : ''} above); ` +
      `it is left for inspection: do not point the app at it. Drop it (DROP DATABASE ${name}) and ${storageDir} before restoring again.`,
  );
  process.exit(1);
}
const c = manifest.counts;
console.log(
  `✔ ${name} restored from ${backupDir} and verified in ${seconds} s: ${c.cases} cases, ` +
    `${Number(c.audit_events) + Number(c.audit_events_archive)} audit entries in ${audit.chains} intact chains, migration head ${manifest.migrationHead}; ` +
    (localFiles
      ? `${manifest.storage.files.length} files in ${storageDir}, ${documents.length} evidence files and signed documents hash to their rows`
      : `files stay in the ${manifest.storage.driver} bucket (not checked: see README "Backups")`),
);
