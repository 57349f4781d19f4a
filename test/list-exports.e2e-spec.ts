import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { SignedIn, TestWorld } from './support/test-world';

/**
 * The case list and the intake queue as XLSX (GET /cases.xlsx): the same rows, in the same order,
 * as the list for the same filters; the consumer masked as on screen; a bank never sees another
 * bank's cases in it; bad filters answer 400; past 50,000 rows 422; every export is audited.
 */
describe('list exports: cases and the intake queue', () => {
  let world: TestWorld;
  let owner: Client;
  const users: Record<string, SignedIn> = {};
  const as = (u: string) => users[u].auth;

  let seq = 0;
  const file = (who: string, centerId: string, overrides: Record<string, unknown> = {}) => {
    seq++;
    return world.http
      .post('/api/v1/cases')
      .set(as(who))
      .send({
        centerId,
        businessLine: 'credit_card',
        disputeType: 'fee_reduction',
        amountFen: 1234500 + seq,
        facts: '信用卡分期手续费争议',
        claims: '减免违约金',
        complaintReceivedOn: '2026-11-02',
        preferredChannel: 'phone',
        consumer: { name: '张小三', idType: 'resident_id', idNumber: '11010519491231002X', phone: `1381234${String(6000 + seq).padStart(4, '0')}` },
        consentGiven: true,
        ...overrides,
      })
      .expect(201);
  };

  const xlsx = async (who: string, query: string, status = 200) => {
    const res = await world.http
      .get(`/api/v1/cases.xlsx?${query}`)
      .set(as(who))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    if (res.status !== 200) res.body = JSON.parse((res.body as Buffer).toString('utf8'));
    expect({ status: res.status, body: res.status === status ? null : res.body }).toEqual({ status, body: null });
    if (status !== 200) return { res, rows: [] as unknown[][], header: [] as unknown[], caption: '' };
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const all: unknown[][] = [];
    wb.worksheets[0].eachRow((row) => all.push((row.values as unknown[]).slice(1)));
    return { res, caption: String(all[0][0]), header: all[1], rows: all.slice(2) };
  };
  const list = async (who: string, query: string) => (await world.http.get(`/api/v1/cases?pageSize=100&${query}`).set(as(who)).expect(200)).body;

  beforeAll(async () => {
    world = await TestWorld.start();
    owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    for (const u of ['icbc.qd.handler', 'qdbank.handler', 'qd.intake', 'qd.admin', 'cmb.sh.handler']) users[u] = await world.signIn(u);
    const qd = world.org('qd-center');
    const accepted = await file('icbc.qd.handler', qd);
    await file('icbc.qd.handler', qd, { businessLine: 'personal_loan' });
    await file('icbc.qd.handler', qd);
    await file('qdbank.handler', qd);
    await file('cmb.sh.handler', world.org('sh-center'));
    await world.http.post(`/api/v1/cases/${accepted.body.id}/accept`).set(as('qd.intake')).send({}).expect(200);
  });
  afterAll(async () => {
    await owner.end();
    await world.stop();
  });

  it('exports the same rows as the list, in its order, for the same filters, masked as on screen', async () => {
    for (const query of ['view=all', 'view=intake', 'view=all&businessLine=personal_loan', 'view=intake&status=submitted', 'view=all&status=accepted,submitted', 'view=all&sort=updatedAt', 'view=intake&sort=-submittedAt']) {
      const page = await list('qd.intake', query);
      const { rows, header, caption } = await xlsx('qd.intake', query);
      expect(page.items.length).toBeGreaterThan(0);
      expect(rows.map((r) => r[0])).toEqual(page.items.map((c: { caseNumber: string }) => c.caseNumber));
      expect(header[0]).toBe('案件编号 Case number');
      expect(caption).toContain(`${page.items.length} 件`);
    }
    const { rows, header } = await xlsx('qd.intake', 'view=all');
    const consumer = header.indexOf('当事人 Consumer');
    const phone = header.indexOf('手机 Phone');
    // Masked exactly as the list masks them: never the name or number in clear.
    const all = await list('qd.intake', 'view=all');
    expect(rows.map((r) => [r[consumer], r[phone]])).toEqual(all.items.map((c: { consumerName: string; consumerPhone: string }) => [c.consumerName, c.consumerPhone]));
    for (const r of rows) expect(String(r[consumer])).toContain('*');
    for (const r of rows) expect(String(r[phone])).toMatch(/^1\d\d\*{4}\d{4}$/);
    const amount = header.indexOf('争议金额（元） Amount (yuan)');
    expect(typeof rows[0][amount]).toBe('number');
    expect(rows.flat().join(' ')).not.toContain('张小三');
    // A phone search reads the same rows and the audit keeps no phone number in clear.
    const searched = await xlsx('qd.intake', 'view=all&phone=13812346001');
    expect(searched.rows).toHaveLength(1);
    const audit = await owner.query(`SELECT detail FROM audit_events WHERE action = 'case.list-exported' ORDER BY id`);
    expect(audit.rows.length).toBeGreaterThanOrEqual(7);
    expect(JSON.stringify(audit.rows)).not.toContain('13812346001');
    expect(audit.rows.at(-1).detail).toMatchObject({ view: 'all', searched: ['phone'], rows: 1 });
  });

  it('sorts server-side: the reverse order is the same rows reversed, in the list and the export', async () => {
    const down = await list('qd.intake', 'view=all');
    const up = await list('qd.intake', 'view=all&sort=updatedAt');
    expect(up.items.map((c: { id: string }) => c.id)).toEqual(down.items.map((c: { id: string }) => c.id).reverse());
    const queue = (await xlsx('qd.intake', 'view=intake')).rows.map((r) => r[0]);
    expect((await xlsx('qd.intake', 'view=intake&sort=-submittedAt')).rows.map((r) => r[0])).toEqual([...queue].reverse());
  });

  it('a bank exports its own cases only; a center never a bank draft or another center’s case', async () => {
    const icbc = await xlsx('icbc.qd.handler', 'view=all');
    const icbcList = await list('icbc.qd.handler', 'view=all');
    expect(icbc.rows.map((r) => r[0])).toEqual(icbcList.items.map((c: { caseNumber: string }) => c.caseNumber));
    expect(icbc.rows.length).toBe(icbcList.items.length);
    // The bank's columns: branch and center, no mediator.
    expect(icbc.header).toContain('调解中心 Center');
    expect(icbc.header).not.toContain('调解员 Mediator');
    const qdbank = await xlsx('qdbank.handler', 'view=all');
    expect(qdbank.rows.map((r) => r[0])).toEqual((await list('qdbank.handler', 'view=all')).items.map((c: { caseNumber: string }) => c.caseNumber));
    expect(qdbank.rows.map((r) => r[0])).not.toEqual(expect.arrayContaining(icbc.rows.map((r) => r[0])));
    // Asking for another bank's institution id answers nothing of it, as the list does.
    const probe = await xlsx('qdbank.handler', `view=all&institutionId=${world.org('icbc')}`);
    expect(probe.rows).toHaveLength(0);
    const cmb = await xlsx('cmb.sh.handler', 'view=all');
    expect(cmb.rows.every((r) => String(r[0]).startsWith('SH-'))).toBe(true);
    const center = await xlsx('qd.admin', 'view=all');
    expect(center.rows.every((r) => String(r[0]).startsWith('QD-'))).toBe(true);
    expect(center.rows.map((r) => r[0])).toEqual(expect.arrayContaining([...icbc.rows, ...qdbank.rows].map((r) => r[0])));
  });

  it('bad filters answer 400 problem+json naming the field; no token answers 401', async () => {
    const bad = await xlsx('qd.intake', 'view=all&status=nonsense', 400);
    expect(bad.res.headers['content-type']).toContain('application/problem+json');
    expect(bad.res.body.errors).toEqual([expect.objectContaining({ field: 'status' })]);
    expect((await xlsx('qd.intake', 'view=everything', 400)).res.body.errors).toEqual([expect.objectContaining({ field: 'view' })]);
    // Only the orders an index serves: a column outside the whitelist, or the other view's order, is refused.
    expect((await xlsx('qd.intake', 'view=all&sort=amountFen', 400)).res.body.errors).toEqual([expect.objectContaining({ field: 'sort' })]);
    expect((await xlsx('qd.intake', 'view=all&sort=submittedAt', 400)).res.body.errors).toEqual([expect.objectContaining({ field: 'sort' })]);
    expect((await world.http.get('/api/v1/cases?view=intake&sort=-updatedAt').set(as('qd.intake'))).status).toBe(400);
    expect((await world.http.get('/api/v1/cases.xlsx')).status).toBe(401);
  });

  it('refuses a list past 50,000 rows with 422 EXPORT_TOO_LARGE, and exports it once narrowed', async () => {
    const { id, caseNumber } = (await list('qdbank.handler', 'view=all')).items[0];
    // 50,001 copies of qdbank's case, written as the owner (the API files one at a time).
    await owner.query(
      `INSERT INTO cases SELECT (jsonb_populate_record(c, jsonb_build_object('id', gen_random_uuid(), 'case_number', c.case_number || '-' || g, 'idempotency_key', NULL))).*
       FROM cases c, generate_series(1, 50001) g WHERE c.id = $1`,
      [id],
    );
    const big = await xlsx('qdbank.handler', 'view=all', 422);
    expect(big.res.headers['content-type']).toContain('application/problem+json');
    expect(big.res.body).toMatchObject({ code: 'EXPORT_TOO_LARGE', maxRows: 50000 });
    // Another bank's export does not count them.
    expect((await xlsx('icbc.qd.handler', 'view=all')).rows.length).toBe((await list('icbc.qd.handler', 'view=all')).items.length);
    const narrowed = await xlsx('qdbank.handler', `view=all&q=${encodeURIComponent(`${caseNumber}-1000`)}`);
    // -1000 and -10000 … -10009: a case-number prefix, as the list's search reads it.
    expect(narrowed.rows.map((r) => r[0]).sort()).toEqual([`${caseNumber}-1000`, ...Array.from({ length: 10 }, (_, i) => `${caseNumber}-1000${i}`)].sort());
    // Past one read batch (1,000): -1, -1x, -1xx, -1xxx, -1xxxx, each once, in the list's order.
    const many = await xlsx('qdbank.handler', `view=all&q=${encodeURIComponent(`${caseNumber}-1`)}`);
    expect(many.rows).toHaveLength(11111);
    expect(new Set(many.rows.map((r) => r[0])).size).toBe(11111);
  }, 120_000);
});
