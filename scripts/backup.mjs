// `npm run backup [-- <directory>]`: a logical backup of the database in DATABASE_URL (the owner's
// URL, as migrations use) and of the local document store, with a manifest that `npm run restore`
// verifies the restored copy against. Default directory: var/backups/<UTC timestamp>/.
//
// Order matters. The manifest's facts are read inside the very snapshot pg_dump dumps
// (pg_export_snapshot + --snapshot), so its counts and chain heads are those of the dump, whatever
// commits meanwhile. The files are copied after that snapshot: the app stores a file's bytes before
// its row commits ("the rows first, the bytes last"), so every row in the dump has its file on disk
// by then; files of rows committed later are copied too and harmless.
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { databaseUrl, root } from './lib/dist.mjs';
import {
  DUMP,
  FILES,
  MANIFEST,
  copyHashed,
  databaseFacts,
  databaseGrants,
  firstLine,
  libpqTarget,
  rolesNamed,
  sha256File,
  storageKeys,
  storageSettings,
} from './lib/backup.mjs';

const started = Date.now();
const target = path.resolve(process.argv[2] ?? path.join(root, 'var/backups', new Date().toISOString().replace(/[:.]/g, '-')));
const storage = storageSettings();
const where = new URL(databaseUrl());
const fail = (sentence, code = 2) => {
  console.error(`✖ ${sentence}`);
  process.exit(code);
};

const existing = await readdir(target).catch(() => []);
if (existing.length) fail(`${target} is not empty: a backup never overwrites one; name a new directory.`);
await mkdir(target, { recursive: true });

let pgDumpVersion;
try {
  pgDumpVersion = execFileSync('pg_dump', ['--version'], { encoding: 'utf8' }).trim();
} catch {
  fail('pg_dump was not found: install the PostgreSQL client (Debian: postgresql-client) of the server\'s major version or later.');
}

const client = new pg.Client({ connectionString: databaseUrl() });
let manifest;
try {
  await client.connect();
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
  const { rows } = await client.query(`SELECT pg_export_snapshot() AS snapshot, current_database() AS name, current_setting('server_version') AS server,
      pg_encoding_to_char(d.encoding) AS encoding, d.datcollate AS collate, d.datctype AS ctype
    FROM pg_database d WHERE d.datname = current_database()`);
  const db = rows[0];
  const facts = await databaseFacts(client);
  manifest = {
    format: 1,
    createdAt: new Date().toISOString(),
    database: {
      name: db.name,
      server: `${where.hostname}:${where.port || 5432}`,
      serverVersion: db.server,
      encoding: db.encoding,
      collate: db.collate,
      ctype: db.ctype,
      roles: await rolesNamed(client),
      grants: await databaseGrants(client),
    },
    pgDump: pgDumpVersion,
    ...facts,
  };
  const { dbname, env } = libpqTarget(databaseUrl());
  await new Promise((resolve, reject) => {
    const dump = spawn('pg_dump', ['--format=custom', `--snapshot=${db.snapshot}`, `--file=${path.join(target, DUMP)}`, `--dbname=${dbname}`], {
      env,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    dump.stderr.on('data', (c) => (stderr += c));
    dump.on('error', reject);
    dump.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`pg_dump exited ${code}: ${stderr.trim()}`))));
  });
  await client.query('COMMIT');
} catch (error) {
  fail(`backing up ${where.host}${where.pathname} failed: ${firstLine(error)}. Nothing in ${target} is a usable backup; remove it.`);
} finally {
  await client.end().catch(() => undefined);
}

const dumpStat = await stat(path.join(target, DUMP));
manifest.dump = { file: DUMP, bytes: dumpStat.size, sha256: await sha256File(path.join(target, DUMP)) };

// S3 keeps its own copies (bucket versioning and replication, see README "Backups"): copying a
// bucket here would be slow and still not point-in-time.
if (storage.driver === 'local') {
  const files = [];
  try {
    for (const key of await storageKeys(storage.dir)) {
      files.push({ key, ...(await copyHashed(path.join(storage.dir, key), path.join(target, FILES, key))) });
    }
  } catch (error) {
    fail(`copying the document store ${storage.dir} failed: ${firstLine(error)}. Nothing in ${target} is a usable backup; remove it.`);
  }
  manifest.storage = { driver: 'local', dir: FILES, sourceDir: storage.dir, files };
} else {
  manifest.storage = { driver: storage.driver, bucket: storage.bucket ?? null, files: null };
}
manifest.durationMs = Date.now() - started;
await writeFile(path.join(target, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');

const fileBytes = (manifest.storage.files ?? []).reduce((sum, f) => sum + f.bytes, 0);
const c = manifest.counts;
console.log(
  `✔ backup of ${manifest.database.name} in ${target} (${(manifest.durationMs / 1000).toFixed(1)} s): ` +
    `dump ${dumpStat.size} bytes; ${c.cases} cases, ${c.case_attachments} evidence files and ${c.case_documents} documents recorded, ` +
    `${Number(c.audit_events) + Number(c.audit_events_archive)} audit entries; ` +
    (manifest.storage.files ? `${manifest.storage.files.length} stored files (${fileBytes} bytes) copied` : `files stay in the ${storage.driver} bucket (not copied)`) +
    `; migration head ${manifest.migrationHead}`,
);
