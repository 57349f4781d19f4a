// What `npm run backup` records and `npm run restore` checks against: one definition of each fact,
// so a backup and its restore cannot count or hash differently.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

export const MANIFEST = 'manifest.json';
export const DUMP = 'database.dump';
export const FILES = 'storage';

// The tables whose rows a restore must bring back one for one: the cases, the two tables that hold
// a stored file's hash (evidence and signed documents), the audit trail (live and archived) and its
// chain heads.
export const COUNTED_TABLES = ['cases', 'case_attachments', 'case_documents', 'audit_events', 'audit_events_archive', 'audit_chain_heads'];

/** The facts a restored database must show again. Run inside the snapshot the dump was taken from. */
export async function databaseFacts(client) {
  const counts = {};
  for (const table of COUNTED_TABLES) counts[table] = (await client.query(`SELECT count(*)::bigint AS n FROM ${table}`)).rows[0].n;
  const { rows: head } = await client.query(`SELECT name FROM typeorm_migrations ORDER BY timestamp DESC, id DESC LIMIT 1`);
  const { rows: auditHeads } = await client.query(`SELECT chain_key AS "chainKey", chain_seq AS "chainSeq", hash FROM audit_chain_heads ORDER BY chain_key`);
  return { migrationHead: head[0]?.name ?? null, counts, auditHeads };
}

/**
 * The roles the dump names (owners of the schema's objects, grantees of their privileges). Roles
 * live in the server, not in a database's dump, so a restore checks they exist before it starts.
 */
export async function rolesNamed(client) {
  const { rows } = await client.query(`
    WITH objects AS (
      SELECT c.relowner AS owner, c.relacl AS acl FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
      UNION ALL SELECT p.proowner, p.proacl FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
      UNION ALL SELECT n.nspowner, n.nspacl FROM pg_namespace n WHERE n.nspname = 'public'
    ), oids AS (
      SELECT owner AS oid FROM objects UNION SELECT (aclexplode(acl)).grantee FROM objects WHERE acl IS NOT NULL
    )
    SELECT r.rolname FROM oids JOIN pg_roles r ON r.oid = oids.oid
    WHERE r.rolname <> 'pg_database_owner' ORDER BY r.rolname`);
  return rows.map((r) => r.rolname);
}

/**
 * Privileges on the database itself (the migrations GRANT CONNECT to the app role). pg_dump keeps
 * them only with --create, which restores under the old name, so restore grants them again.
 */
export async function databaseGrants(client) {
  const { rows } = await client.query(`
    SELECT a.privilege_type AS privilege, COALESCE(r.rolname, 'PUBLIC') AS grantee
    FROM pg_database d, aclexplode(d.datacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
    WHERE d.datname = current_database() AND a.grantee <> d.datdba ORDER BY 2, 1`);
  return rows;
}

/**
 * The stored files whose bytes a row records the SHA-256 of: evidence (erased evidence keeps its
 * row, not its file) and signed documents. Named so that a failure says which document it is.
 */
export async function hashedDocuments(client) {
  const { rows } = await client.query(`
    SELECT 'evidence' AS kind, a.id, c.case_number AS "caseNumber", a.file_name AS name, a.storage_key AS key, encode(a.sha256, 'hex') AS sha256
    FROM case_attachments a JOIN cases c ON c.id = a.case_id WHERE a.erased_at IS NULL
    UNION ALL
    SELECT 'signed ' || d.kind, d.id, c.case_number, d.kind || ' v' || d.version, d.signed_file_key, encode(d.sha256, 'hex')
    FROM case_documents d JOIN cases c ON c.id = d.case_id WHERE d.signed_file_key IS NOT NULL
    ORDER BY 3, 2`);
  return rows;
}

/** Every file under a storage directory, as storage keys (forward slashes), sorted. */
export async function storageKeys(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** Copies a file and hashes the bytes as they pass: the hash is of exactly what was written. */
export async function copyHashed(from, to) {
  await mkdir(path.dirname(to), { recursive: true });
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  // 'wx': a copy never overwrites a file that is already there.
  await pipeline(createReadStream(from), tap, createWriteStream(to, { flags: 'wx' }));
  return { bytes, sha256: hash.digest('hex') };
}

export async function sha256File(file) {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** The storage settings the app runs with (libs/core/config: STORAGE_DRIVER, STORAGE_DIR). */
export function storageSettings() {
  return {
    driver: process.env.STORAGE_DRIVER || 'local',
    dir: path.resolve(process.env.STORAGE_DIR || 'var/storage'),
    bucket: process.env.S3_BUCKET,
  };
}

/** A connection string with its password moved to PGPASSWORD, so it never shows in `ps`. */
export function libpqTarget(url) {
  const u = new URL(url);
  const env = { ...process.env };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env };
}

/** The first line of an error, for the one sentence a script prints. */
export const firstLine = (error) => String(error?.message ?? error).split('\n')[0];
