import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { appUrl, dropDatabase, ownerUrl, testRunId } from '@accord/testing';
import { SignedIn, TestWorld } from './support/test-world';
import { referralBody } from './support/stories';

/**
 * Backups that restore (README "Backups"): `npm run backup` of a world with evidence uploaded
 * through the API, `npm run restore` into a new database and directory, and what an operator
 * would check afterwards — the same cases, every evidence file hashing to its row, the audit trail
 * row for row with its chain intact, and the app serving the case and its file from the copy.
 * A restore never overwrites a database, and a file changed inside a backup is named.
 */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PDF2 = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Lang(zh-CN)>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const script = (name: string) => path.join(__dirname, '../scripts', name);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function run(name: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script(name), ...args], { env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('backup and restore', () => {
  let world: TestWorld;
  let handler: SignedIn;
  let scratch: string;
  let storageDir: string;
  let backupDir: string;
  let caseId: string;
  let caseNumber: string;
  const attachments: { id: string; body: Buffer; name: string }[] = [];
  const created: string[] = [];
  const newDatabase = () => {
    // The test databases' prefix: a run that dies leaves them to dropStaleTestDatabases().
    const name = `accord_t_${testRunId()}_restore_${randomBytes(4).toString('hex')}`;
    created.push(name);
    return name;
  };
  const env = () => ({ DATABASE_URL: world.env.DATABASE_URL, STORAGE_DIR: storageDir });
  const rows = async (url: string, sql: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'accord-backup-'));
    storageDir = path.join(scratch, 'storage');
    backupDir = path.join(scratch, 'backup');
    world = await TestWorld.start({ STORAGE_DIR: storageDir });
    handler = await world.signIn('icbc.qd.handler');
    const filed = await world.http
      .post('/api/v1/cases')
      .set(handler.auth)
      .send(referralBody(world, { amountFen: 1234500, consumer: { phone: '13812349001' } }))
      .expect(201);
    caseId = filed.body.id;
    caseNumber = filed.body.caseNumber;
    for (const [body, name] of [
      [PDF, '分期合同.pdf'],
      [PDF2, '还款计划.pdf'],
    ] as const) {
      const up = await world.http.post(`/api/v1/cases/${caseId}/attachments`).set(handler.auth).attach('file', body, name).expect(201);
      attachments.push({ id: up.body.id, body, name });
    }
    // The center reads the consumer's identity: one more audit entry, in the center's chain.
    const intake = await world.signIn('qd.intake');
    await world.http.get(`/api/v1/cases/${caseId}/consumer`).set(intake.auth).expect(200);
  });

  afterAll(async () => {
    for (const name of created) await dropDatabase(name);
    await world?.stop();
    await rm(scratch, { recursive: true, force: true });
  });

  it('backs up the database and every stored file with a manifest', async () => {
    const backup = await run('backup.mjs', [backupDir], env());
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    expect(backup.stdout).toContain('✔ backup of');

    const manifest = JSON.parse(await readFile(path.join(backupDir, 'manifest.json'), 'utf8'));
    const [counts] = await rows(world.env.DATABASE_URL, `SELECT (SELECT count(*) FROM cases)::text AS cases, (SELECT count(*) FROM audit_events)::text AS audit`);
    expect(manifest.counts).toMatchObject({ cases: counts.cases, case_attachments: '2', audit_events: counts.audit });
    expect(Number(counts.audit)).toBeGreaterThan(0);
    expect(manifest.migrationHead).toMatch(/^[A-Za-z]+\d{13}$/);
    expect(manifest.auditHeads.length).toBeGreaterThan(0);
    expect(manifest.pgDump).toMatch(/^pg_dump \(PostgreSQL\) \d+/);
    expect(manifest.storage.files.map((f: { key: string; sha256: string }) => [f.key, f.sha256]).sort()).toEqual(
      attachments.map((a) => [`cases/${caseId}/${a.id}`, sha256(a.body)]).sort(),
    );
    // A backup directory is never written over.
    const again = await run('backup.mjs', [backupDir], env());
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('is not empty: a backup never overwrites one');
  });

  it('restores into a new database and directory with every case, document hash and audit row intact, and the app serves it', async () => {
    const name = newDatabase();
    const restoredDir = path.join(scratch, 'restored');
    const restore = await run('restore.mjs', [backupDir, '--database', name, '--storage-dir', restoredDir], env());
    expect(restore).toMatchObject({ code: 0, stderr: '' });
    expect(restore.stdout).toContain(`✔ ${name} restored`);

    const source = world.env.DATABASE_URL;
    const copy = ownerUrl(name);
    const cases = `SELECT id, case_number, status, version FROM cases ORDER BY id`;
    expect(await rows(copy, cases)).toEqual(await rows(source, cases));
    expect((await rows(copy, cases)).map((c) => c.case_number)).toContain(caseNumber);

    // Each evidence row's recorded hash is the hash of its restored file and of what was uploaded.
    const restoredFiles = await rows(copy, `SELECT id, storage_key, encode(sha256, 'hex') AS sha256 FROM case_attachments ORDER BY id`);
    expect(restoredFiles).toHaveLength(attachments.length);
    for (const f of restoredFiles) {
      const bytes = await readFile(path.join(restoredDir, f.storage_key));
      expect(sha256(bytes)).toBe(f.sha256);
      expect(bytes.equals(attachments.find((a) => a.id === f.id)!.body)).toBe(true);
    }

    // The audit trail row for row (hashes and links included), and its chain verifies there.
    const audit = `SELECT * FROM audit_events ORDER BY id`;
    expect(await rows(copy, audit)).toEqual(await rows(source, audit));
    expect(await rows(copy, `SELECT * FROM audit_chain_heads ORDER BY chain_key`)).toEqual(await rows(source, `SELECT * FROM audit_chain_heads ORDER BY chain_key`));
    const verify = await run('audit-verify.mjs', [], { DATABASE_URL: copy });
    expect(verify).toMatchObject({ code: 0, stderr: '' });
    expect(verify.stdout).toMatch(/^audit chain intact: [1-9]\d* chains, [1-9]\d* entries verified/);

    // The app role came back with its grants and RLS: without a context it sees nothing, with one it reads.
    const app = new Client({ connectionString: appUrl(name) });
    await app.connect();
    try {
      expect((await app.query(`SELECT count(*)::int AS n FROM cases`)).rows[0].n).toBe(0);
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.kind', 'center', true), set_config('app.org_id', $1, true)`, [world.org('qd-center')]);
      expect((await app.query(`SELECT case_number FROM cases WHERE id = $1`, [caseId])).rows).toEqual([{ case_number: caseNumber }]);
      await app.query('ROLLBACK');
    } finally {
      await app.end();
    }

    // And the whole app on the restored copy: a center user signs in, opens the case and its evidence.
    const restored = await TestWorld.start({ STORAGE_DIR: restoredDir }, { database: { ownerUrl: copy, appUrl: appUrl(name), drop: async () => undefined } });
    try {
      const intake = await restored.signIn('qd.intake');
      const detail = await restored.http.get(`/api/v1/cases/${caseId}`).set(intake.auth).expect(200);
      expect(detail.body).toMatchObject({ id: caseId, caseNumber });
      const content = await restored.http
        .get(`/api/v1/cases/${caseId}/attachments/${attachments[0].id}/content`)
        .set(intake.auth)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(content.status).toBe(200);
      expect(Buffer.compare(content.body, attachments[0].body)).toBe(0);
    } finally {
      await restored.stop();
    }
  });

  it('refuses to restore into a database that exists and changes nothing', async () => {
    const source = world.env.DATABASE_URL;
    const existing = decodeURIComponent(new URL(source).pathname.slice(1));
    const state = `SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT max(id) FROM audit_events)::text AS audit, (SELECT count(*) FROM case_attachments)::int AS files`;
    const before = await rows(source, state);
    const target = path.join(scratch, 'not-written');
    const refused = await run('restore.mjs', [backupDir, '--database', existing, '--storage-dir', target], env());
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`database ${existing} already exists`);
    expect(refused.stderr).toContain('a restore never overwrites one');
    expect(refused.stdout).toBe('');
    expect(await rows(source, state)).toEqual(before);
    await expect(readdir(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('fails verification of a restore whose backup file was changed, naming the document', async () => {
    const tampered = path.join(scratch, 'tampered');
    await cp(backupDir, tampered, { recursive: true });
    const victim = attachments[0];
    const file = path.join(tampered, 'storage', 'cases', caseId, victim.id);
    const bytes = await readFile(file);
    bytes[10] ^= 0x01;
    await writeFile(file, bytes);

    const name = newDatabase();
    const restore = await run('restore.mjs', [tampered, '--database', name, '--storage-dir', path.join(scratch, 'restored-tampered')], env());
    expect(restore.code).toBe(1);
    expect(restore.stdout).toBe('');
    expect(restore.stderr).toContain(`evidence ${victim.id} (case ${caseNumber}, ${victim.name}): its file cases/${caseId}/${victim.id} hashes to ${sha256(bytes)}, its row records ${sha256(victim.body)}`);
    expect(restore.stderr).toContain(`${name} was restored from ${tampered} but is NOT verified`);
    // Only the changed file is named; the other one verified.
    expect(restore.stderr).not.toContain(attachments[1].id);
  });
});
