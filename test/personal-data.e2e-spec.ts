import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { Database, FileStorage, SYSTEM_SCOPE } from '@accord/core';
import { PersonalDataService } from '@accord/cases';
import { MessageService } from '@accord/notifications';
import { pdfText } from '../libs/testing/pdf-text';
import { TestWorld } from './support/test-world';

const binary = (res: { on: (e: string, f: (c?: Buffer) => void) => void }, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c!));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * Personal data that expires (PIPL): a center sets how long it keeps a closed case's personal
 * data; the daily job then erases the consumer's identity, their evidence files and the case's
 * message recipients, audited, without changing a single statistic. And a consumer gets a PDF
 * copy of what the center holds about them through their case link, only their own case's.
 */
describe('personal data that expires, and the consumer’s copy', () => {
  let world: TestWorld;
  let owner: Client;
  let storageDir: string;

  beforeAll(async () => {
    storageDir = mkdtempSync(path.join(tmpdir(), 'accord-storage-'));
    // The demo's 14 months of history: cases closed months ago in both centers.
    world = await TestWorld.start({ STORAGE_DIR: storageDir }, { history: true });
    owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await world.stop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  /** A consumer link of `caseId` already verified: its access token (the code step is scheduling's own test). */
  async function verifiedLink(caseId: string): Promise<string> {
    const access = randomBytes(24).toString('base64url');
    const sha = (s: string) => createHash('sha256').update(s).digest();
    await owner.query(
      `INSERT INTO consumer_links (case_id, purpose, center_id, token_hash, access_hash, access_expires_at, expires_at)
       SELECT id, 'survey', center_id, $2, $3, now() + interval '30 minutes', now() + interval '7 days' FROM cases WHERE id = $1`,
      [caseId, sha(randomBytes(24).toString('base64url')), sha(access)],
    );
    return access;
  }
  const myData = (access: string) =>
    world.http.get('/api/v1/public/consumer/my-data/pdf').set('X-Consumer-Token', access).set('User-Agent', 'Consumer-Phone/2.0').buffer(true).parse(binary);

  it('a center admin sets the retention (6 months to 30 years); others may not; the default is 3 years', async () => {
    const admin = await world.signIn('qd.admin');
    expect((await world.http.get('/api/v1/case-settings').set(admin.auth)).body.closedRetentionMonths).toBe(36);
    const tooShort = await world.http.put('/api/v1/case-settings/retention').set(admin.auth).send({ closedRetentionMonths: 1 });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.errors[0].field).toBe('closedRetentionMonths');
    expect((await world.http.put('/api/v1/case-settings/retention').set((await world.signIn('qd.intake')).auth).send({ closedRetentionMonths: 6 })).status).toBe(403);
    const saved = await world.http.put('/api/v1/case-settings/retention').set(admin.auth).send({ closedRetentionMonths: 6 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ closedRetentionMonths: 6, intakeDays: 5 });
    // Another center's setting is its own.
    expect((await world.http.get('/api/v1/case-settings').set((await world.signIn('sh.admin')).auth)).body.closedRetentionMonths).toBe(36);
  });

  it('the consumer gets a PDF copy of what the center holds about them through their link, audited; another case’s data never', async () => {
    const [a, b] = (
      await owner.query<{ id: string; case_number: string }>(
        `SELECT id, case_number FROM cases WHERE center_id = $1 AND status NOT IN ('draft', 'closed', 'rejected') ORDER BY case_number LIMIT 2`,
        [world.org('qd-center')],
      )
    ).rows;
    const intake = await world.signIn('qd.intake');
    const nameOf = async (id: string) => (await world.http.get(`/api/v1/cases/${id}/consumer`).set(intake.auth)).body.name as string;
    const [nameA, nameB] = [await nameOf(a.id), await nameOf(b.id)];
    const access = await verifiedLink(a.id);

    const res = await myData(access);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toContain('no-store');
    const text = await pdfText(res.body as Buffer);
    expect(text).toContain('个人信息副本');
    expect(text).toContain(nameA);
    expect(text).toContain(a.case_number);
    expect(text).not.toContain(b.case_number);
    if (nameB !== nameA) expect(text).not.toContain(nameB);

    // B's link opens B's copy only; a made-up token and a staff token open nothing.
    const textB = await pdfText((await myData(await verifiedLink(b.id))).body as Buffer);
    expect(textB).toContain(b.case_number);
    expect(textB).not.toContain(a.case_number);
    const forged = await myData('x'.repeat(32));
    expect(forged.status).toBe(401);
    expect(JSON.parse((forged.body as Buffer).toString())).toMatchObject({ code: 'CONSUMER_ACCESS_INVALID' });
    expect((await world.http.get('/api/v1/public/consumer/my-data/pdf').set('X-Consumer-Token', intake.accessToken)).status).toBe(401);

    // Logged in the center's trail, with where it came from; not in another center's.
    const trail = (await world.http.get('/api/v1/audit-events').query({ action: 'case.consumer-data-copied', subjectId: a.id }).set((await world.signIn('qd.admin')).auth)).body.items;
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ actorName: null, userAgent: 'Consumer-Phone/2.0', ip: expect.stringMatching(/127\.0\.0\.1/), detail: { caseNumber: a.case_number } });
    expect((await world.http.get('/api/v1/audit-events').query({ subjectId: a.id }).set((await world.signIn('sh.admin')).auth)).body.total).toBe(0);
  });

  it('the daily job erases the identity, evidence files and message recipients of cases closed longer than the retention; the statistics stay the same', async () => {
    const qd = world.org('qd-center');
    const admin = await world.signIn('qd.admin');
    const shAdmin = await world.signIn('sh.admin');
    const period = { from: '2025-01-01', to: new Date().toISOString().slice(0, 10) };
    const dashboard = async (who: typeof admin) => (await world.http.get('/api/v1/statistics/dashboard').query(period).set(who.auth).expect(200)).body;
    const closedLongAgo = `SELECT c.id, c.case_number FROM cases c
      WHERE c.center_id = $1 AND c.status IN ('closed', 'rejected')
        AND (SELECT max(e.at) FROM case_events e WHERE e.case_id = c.id AND e.to_status = c.status) < now() - interval '6 months'`;
    const due = (await owner.query<{ id: string; case_number: string }>(closedLongAgo, [qd])).rows;
    expect(due.length).toBeGreaterThan(0);
    const victim = due[0].id;

    // One of them has an evidence file and a message sent to the consumer.
    const storage = world.api.get(FileStorage);
    const key = `cases/${victim}/evidence-1`;
    await storage.put(key, Buffer.from('%PDF-1.4 evidence'), 'application/pdf');
    await owner.query(
      `INSERT INTO case_attachments (case_id, center_id, institution_id, branch_path, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by_name)
       SELECT id, center_id, institution_id, branch_path, '张三的身份证.pdf', 'application/pdf', 17, '\\x00', $2, '王芳' FROM cases WHERE id = $1`,
      [victim, key],
    );
    const db = world.api.get(Database);
    await db.run(SYSTEM_SCOPE, () => world.api.get(MessageService).queueSms({ organisationId: qd, caseId: victim, caseNumber: due[0].case_number, phone: '13812345678', body: '张三您好，您的案件已结案。' }));

    const before = { qd: await dashboard(admin), sh: await dashboard(shAdmin) };
    const shHeld = (await owner.query(`SELECT count(*)::int AS n FROM cases WHERE center_id = $1 AND consumer_sealed IS NOT NULL`, [world.org('sh-center')])).rows[0].n;
    const victimLink = await verifiedLink(victim);

    const erased = await db.run(SYSTEM_SCOPE, () => world.api.get(PersonalDataService).eraseExpired());
    expect(erased).toBe(due.length);

    const rows = (await owner.query(
      `SELECT consumer_sealed, consumer_name_masked, consumer_phone_masked, consumer_id_masked, consumer_phone_hash, consumer_id_hash, consumer_erased_at, status, outcome, amount_fen, settled_amount_fen, concluded_at
       FROM cases WHERE id = ANY($1)`,
      [due.map((d) => d.id)],
    )).rows;
    for (const r of rows) {
      expect(r).toMatchObject({ consumer_sealed: null, consumer_name_masked: '', consumer_phone_masked: '', consumer_id_masked: '', consumer_phone_hash: null, consumer_id_hash: null, consumer_erased_at: expect.any(Date) });
      expect(r.concluded_at === null || r.concluded_at instanceof Date).toBe(true);
    }
    // The file is gone from storage; its row keeps type and size, not the name.
    await expect(storage.get(key)).rejects.toThrow();
    expect((await owner.query(`SELECT file_name, size_bytes, erased_at FROM case_attachments WHERE case_id = $1`, [victim])).rows).toEqual([{ file_name: '', size_bytes: 17, erased_at: expect.any(Date) }]);
    const messages = (await owner.query(`SELECT recipient_masked, body, octet_length(recipient_sealed) AS sealed FROM outbound_messages WHERE case_id = $1`, [victim])).rows;
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m).toEqual({ recipient_masked: '', body: '', sealed: 0 });
    // Another center, still within its 3 years, keeps everything.
    expect((await owner.query(`SELECT count(*)::int AS n FROM cases WHERE center_id = $1 AND consumer_sealed IS NOT NULL`, [world.org('sh-center')])).rows[0].n).toBe(shHeld);

    // The figures are the same, read as they are and recounted from the erased cases.
    expect(await dashboard(admin)).toEqual(before.qd);
    expect(await dashboard(shAdmin)).toEqual(before.sh);
    for (const d of due) await owner.query(`SELECT statistics_refresh_case($1)`, [d.id]);
    expect(await dashboard(admin)).toEqual(before.qd);

    // Each erasure is in the center's trail; a second run erases nothing more (idempotent).
    const trail = (await world.http.get('/api/v1/audit-events').query({ action: 'case.personal-data-erased', pageSize: 100 }).set(admin.auth)).body;
    expect(trail.total).toBe(due.length);
    expect(trail.items.find((e: { subjectId: string }) => e.subjectId === victim).detail).toMatchObject({ caseNumber: due[0].case_number, retentionMonths: 6, files: 1, messages: 1 });
    expect(await db.run(SYSTEM_SCOPE, () => world.api.get(PersonalDataService).eraseExpired())).toBe(0);

    // The consumer's copy now says their data was erased, and holds none.
    const text = await pdfText((await myData(victimLink)).body as Buffer);
    expect(text).toContain('已按本中心的个人信息保存期限删除');
    expect(text).not.toContain('张三');
    // Staff can no longer reveal the identity.
    expect((await world.http.get(`/api/v1/cases/${victim}/consumer`).set(admin.auth)).status).toBe(403);
  });
});
