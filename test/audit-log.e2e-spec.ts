import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { AuditService, Database, SYSTEM_SCOPE } from '@accord/core';
import { TestWorld } from './support/test-world';

/** Binary answers (the XLSX export) as a Buffer. */
const binary = (res: { on: (e: string, f: (c?: Buffer) => void) => void }, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c!));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * The audit trail people can read: each admin sees their own organisation's trail and nobody
 * else's, with who, what, which record, from where, when and the request id, never case content;
 * filtered, exported (the export audited itself), and old entries archived, not dropped.
 */
describe('the audit trail in the product', () => {
  let world: TestWorld;
  let owner: Client;
  const qdCase = randomUUID();
  const shCase = randomUUID();

  beforeAll(async () => {
    world = await TestWorld.start();
    owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    const entry = `INSERT INTO audit_events (organisation_id, actor_user_id, action, subject_type, subject_id, detail, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`;
    // Written as earlier code did: content in `detail` (a notice text, a consumer's name) must never be shown.
    await owner.query(entry, [world.org('qd-center'), world.ids.users['qd.intake'], 'case.consumer-viewed', 'case', qdCase, { caseNumber: 'QD-1', text: '秘密的案情', name: '张三' }, '2026-11-02T10:00:00+08:00']);
    await owner.query(entry, [world.org('qd-center'), world.ids.users['qd.mediator'], 'session.booked', 'session', randomUUID(), { caseNumber: 'QD-1' }, '2026-11-20T10:00:00+08:00']);
    await owner.query(entry, [world.org('sh-center'), world.ids.users['sh.intake'], 'case.consumer-viewed', 'case', shCase, { caseNumber: 'SH-1' }, '2026-11-02T10:00:00+08:00']);
    await owner.query(entry, [world.org('icbc'), world.ids.users['icbc.admin'], 'api-key.created', 'api-key', randomUUID(), { name: '投诉系统', prefix: 'ak_x' }, '2026-11-03T10:00:00+08:00']);
    await owner.query(entry, [world.org('platform'), world.ids.users['platform.admin'], 'organisation.created', 'organisation', world.org('qd-center'), { kind: 'center' }, '2026-11-03T10:00:00+08:00']);
  });
  afterAll(async () => {
    await owner.end();
    await world.stop();
  });

  it('a center admin sees the center’s trail only, without case content', async () => {
    const admin = await world.signIn('qd.admin');
    const res = await world.http.get('/api/v1/audit-events').query({ pageSize: 100 }).set(admin.auth);
    expect(res.status).toBe(200);
    const items = res.body.items as { subjectId: string; action: string; detail: Record<string, unknown>; actorName: string | null }[];
    expect(items.map((e) => e.subjectId)).toContain(qdCase);
    expect(items.map((e) => e.subjectId)).not.toContain(shCase);
    const viewed = items.find((e) => e.subjectId === qdCase)!;
    expect(viewed).toMatchObject({ action: 'case.consumer-viewed', actorName: '王芳', detail: { caseNumber: 'QD-1', omitted: expect.arrayContaining(['text', 'name']) } });
    expect(JSON.stringify(res.body)).not.toMatch(/秘密|张三/);
    // Another center's record is not there, exactly like an unknown one.
    const other = await world.http.get('/api/v1/audit-events').query({ subjectId: shCase }).set(admin.auth);
    expect(other.body).toMatchObject({ items: [], total: 0 });
  });

  it('an institution admin sees the institution’s, a platform admin the platform’s; staff who are not admins none', async () => {
    const icbc = await world.signIn('icbc.admin');
    const icbcItems = (await world.http.get('/api/v1/audit-events').query({ pageSize: 100 }).set(icbc.auth)).body.items as { action: string; subjectId: string; detail: unknown }[];
    expect(icbcItems.map((e) => e.action)).toContain('api-key.created');
    expect(icbcItems.find((e) => e.action === 'api-key.created')!.detail).toEqual({ name: '投诉系统', prefix: 'ak_x' });
    expect(icbcItems.map((e) => e.subjectId)).not.toContain(qdCase);
    const platform = await world.signIn('platform.admin');
    const platformItems = (await world.http.get('/api/v1/audit-events').query({ pageSize: 100 }).set(platform.auth)).body.items as { action: string; subjectId: string }[];
    expect(platformItems.map((e) => e.action)).toContain('organisation.created');
    expect(platformItems.map((e) => e.subjectId)).not.toContain(qdCase);
    const mediator = await world.signIn('qd.mediator');
    expect((await world.http.get('/api/v1/audit-events').set(mediator.auth)).status).toBe(403);
    expect((await world.http.get('/api/v1/audit-events/export.xlsx').set(mediator.auth)).status).toBe(403);
  });

  it('filters by actor, action prefix, record and period (Beijing days, both included)', async () => {
    const admin = await world.signIn('qd.admin');
    const list = (query: Record<string, string>) => world.http.get('/api/v1/audit-events').query(query).set(admin.auth);
    const byMediator = (await list({ actorUserId: world.ids.users['qd.mediator'] })).body.items.map((e: { action: string }) => e.action);
    expect(byMediator).toContain('session.booked');
    expect(byMediator).not.toContain('case.consumer-viewed');
    expect((await list({ action: 'case.' })).body.items.map((e: { subjectId: string }) => e.subjectId)).toEqual([qdCase]);
    expect((await list({ subjectType: 'case', subjectId: qdCase })).body.total).toBe(1);
    expect((await list({ from: '2026-11-02', to: '2026-11-02' })).body.items.map((e: { subjectId: string }) => e.subjectId)).toEqual([qdCase]);
    expect((await list({ from: '2026-11-03', to: '2026-11-30' })).body.items.map((e: { action: string }) => e.action)).toEqual(['session.booked']);
    const bad = await list({ from: '2026-11-30', to: '2026-11-01' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await list({ actorUserId: 'nobody' })).status).toBe(400);
    const actors = (await world.http.get('/api/v1/audit-events/actors').set(admin.auth)).body as { id: string; name: string }[];
    expect(actors.map((a) => a.name)).toEqual(expect.arrayContaining(['张伟', '王芳', '刘洋']));
    expect(actors.map((a) => a.name)).not.toContain('林晓');
    const shActors = (await world.http.get('/api/v1/audit-events/actors').set((await world.signIn('sh.admin')).auth)).body as { name: string }[];
    expect(shActors.map((a) => a.name)).not.toContain('王芳');
  });

  it('exports the filtered trail as XLSX; the export is audited with who, from where and the request id', async () => {
    const admin = await world.signIn('qd.admin');
    const requestId = `audit-export-${randomUUID()}`;
    const res = await world.http
      .get('/api/v1/audit-events/export.xlsx')
      .query({ action: 'case.' })
      .set(admin.auth)
      .set('User-Agent', 'Reviewer-Browser/1.0')
      .set('X-Request-Id', requestId)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const rows = wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(2); // header + the one case entry
    expect(rows[1]).toEqual(expect.arrayContaining(['王芳', 'case.consumer-viewed', 'case', qdCase]));
    expect(JSON.stringify(rows)).not.toMatch(/秘密|张三/);

    const exported = (await world.http.get('/api/v1/audit-events').query({ action: 'audit.exported' }).set(admin.auth)).body.items;
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({
      actorName: '刘洋',
      subjectType: 'audit-log',
      detail: { filter: { action: 'case.' } },
      userAgent: 'Reviewer-Browser/1.0',
      requestId,
      ip: expect.stringMatching(/127\.0\.0\.1/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Nobody else sees that export.
    const sh = await world.signIn('sh.admin');
    expect((await world.http.get('/api/v1/audit-events').query({ action: 'audit.exported' }).set(sh.auth)).body.total).toBe(0);
  });

  it('the archive job moves entries past their year out of the live trail, keeps them and the chain', async () => {
    await owner.query(`INSERT INTO audit_events (organisation_id, action, at) VALUES ($1, 'test.ancient', now() - interval '400 days')`, [world.org('qd-center')]);
    const db = world.api.get(Database);
    const audit = world.api.get(AuditService);
    expect(await db.run(SYSTEM_SCOPE, () => audit.archiveOld())).toBe(1);
    expect(await db.run(SYSTEM_SCOPE, () => audit.archiveOld())).toBe(0);
    expect((await owner.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'test.ancient'`)).rows[0].n).toBe(0);
    expect((await owner.query(`SELECT count(*)::int AS n FROM audit_events_archive WHERE action = 'test.ancient'`)).rows[0].n).toBe(1);
    expect((await owner.query(`SELECT action, detail FROM audit_events WHERE organisation_id IS NULL AND action = 'audit.archived'`)).rows).toEqual([
      { action: 'audit.archived', detail: { rows: 1, to: expect.any(String) } },
    ]);
    expect((await owner.query(`SELECT * FROM audit_verify()`)).rows).toEqual([]);
  });
});
