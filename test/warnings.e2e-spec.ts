import { Client } from 'pg';
import { connectTab, sockets, Tab } from './support/sockets';
import { SignedIn, TestWorld } from './support/test-world';
import { detectWarnings, seedWarningHistory, WARNINGS_JAN } from './support/warnings';

/**
 * Early warnings (投诉风险预警) on a synthetic history in 2029–2030, judged with the job's
 * `today` = 2030-02-10, so the latest complete month is January 2030 and the demo's own cases
 * (years earlier) are only a long run of zeros:
 * - 青岛银行 at the 青岛 center: 3 referrals a month for 12 months, then 20 (roll-up rows) → fires;
 * - 工商银行 at the 青岛 center: filed cases, one in January 2029, six in January 2030, all 信用卡
 *   → fires for the institution and for its credit-card line, listing the six cases;
 * - 招商银行 at the 上海 center: 4 a month, flat → silent;
 * - 上海农商 at the 青岛 center (where it has no demo cases): first referrals in June 2029 (7 prior
 *   months), then 30 → silent.
 */
describe('early warnings: detection, visibility, acknowledgement', () => {
  let world: TestWorld;
  let owner: Client;
  const users: Record<string, SignedIn> = {};
  const as = (u: string) => users[u].auth;
  const JAN = WARNINGS_JAN;
  const spikeCases: string[] = [];
  const tabs: Record<string, Tab> = {};

  const detect = (jobId: string) => detectWarnings(world, jobId);
  const keyOf = (id: string) => ['icbc', 'qdbank', 'cmb', 'srcb'].find((k) => world.org(k) === id) ?? id;
  const warningsOfJanuary = async () =>
    (
      await owner.query(`SELECT w.institution_id, w.business_line, w.observed, w.expected, w.bound, w.center_id, w.id FROM supervision_warnings w WHERE w.period_start = $1`, [JAN])
    ).rows
      .map((r) => ({ ...r, institution: keyOf(r.institution_id) }))
      .sort((a, b) => `${a.institution}/${a.business_line}`.localeCompare(`${b.institution}/${b.business_line}`));

  beforeAll(async () => {
    world = await TestWorld.start();
    owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    await world.startWorker();
    for (const u of ['qd.regulator', 'qd.supervisor', 'sh.regulator', 'icbc.admin', 'icbc.qd.handler', 'qdbank.admin', 'cmb.admin', 'qd.admin']) users[u] = await world.signIn(u);

    spikeCases.push(...(await seedWarningHistory(world, owner, users['icbc.qd.handler'])));

    for (const u of ['qd.regulator', 'sh.regulator', 'qdbank.admin', 'cmb.admin']) tabs[u] = await connectTab(world.url, users[u].accessToken);
  }, 120000);

  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await owner?.end();
    await world?.stop();
  });

  it('fires on a spike, for the institution and its business line; a flat series and a short history stay silent', async () => {
    expect(await detect('detect-warnings-test-1')).toBe(true);
    const rows = await warningsOfJanuary();
    expect(rows.map((r) => [r.institution, r.business_line, r.observed])).toEqual([
      ['icbc', '', 6],
      ['icbc', 'credit_card', 6],
      ['qdbank', '', 20],
    ]);
    const qdbank = rows.find((r) => r.institution === 'qdbank')!;
    expect(qdbank.expected).toBe(3);
    expect(qdbank.bound).toBe(10); // qpois(0.999, 3)
    expect(rows.every((r) => r.center_id === world.org('qd-center'))).toBe(true);
  });

  it('a second run adds nothing: one warning per unit and period', async () => {
    const before = (await owner.query(`SELECT count(*)::int AS n FROM supervision_warnings`)).rows[0].n;
    const events = (await owner.query(`SELECT count(*)::int AS n FROM outbox WHERE type = 'warning.raised'`)).rows[0].n;
    expect(await detect('detect-warnings-test-2')).toBe(true);
    expect((await owner.query(`SELECT count(*)::int AS n FROM supervision_warnings`)).rows[0].n).toBe(before);
    expect((await owner.query(`SELECT count(*)::int AS n FROM outbox WHERE type = 'warning.raised'`)).rows[0].n).toBe(events);
  });

  it('pushes warning.raised live to the regulators watching the center and to the institution, to nobody else', async () => {
    const [qdbank] = (await warningsOfJanuary()).filter((r) => r.institution === 'qdbank');
    const seen = await tabs['qd.regulator'].next('warning.raised', (r) => r.data.warningId === qdbank.id);
    expect(seen.data).toMatchObject({ institutionId: world.org('qdbank'), centerId: world.org('qd-center'), periodKind: 'month', periodStart: JAN, businessLine: null });
    await tabs['qdbank.admin'].next('warning.raised', (r) => r.data.warningId === qdbank.id);
    // Both got theirs: the relay has published; the others would have theirs by now too.
    await new Promise((r) => setTimeout(r, 500));
    expect(tabs['sh.regulator'].of('warning.raised')).toEqual([]);
    expect(tabs['cmb.admin'].of('warning.raised')).toEqual([]);
    expect(tabs['qdbank.admin'].of('warning.raised').every((r) => r.data.institutionId === world.org('qdbank'))).toBe(true);
  });

  it('lists a regulator its jurisdiction’s warnings and an institution its own; others get 403', async () => {
    const qd = await world.http.get('/api/v1/warnings?periodKind=month').set(as('qd.regulator')).expect(200);
    const ofJanuary = qd.body.items.filter((w: any) => w.periodStart === JAN);
    expect(ofJanuary.map((w: any) => [w.institutionName, w.businessLine])).toEqual(
      expect.arrayContaining([
        ['中国工商银行', null],
        ['中国工商银行', 'credit_card'],
        ['青岛银行', null],
      ]),
    );
    expect(ofJanuary[0]).toMatchObject({ method: expect.stringContaining('Poisson'), status: 'open', periodEnd: '2030-01-31', priorPeriods: 12 });
    expect(qd.body.total).toBeGreaterThanOrEqual(3);

    const sh = await world.http.get('/api/v1/warnings').set(as('sh.regulator')).expect(200);
    expect(sh.body.items.filter((w: any) => w.centerId === world.org('qd-center'))).toEqual([]);

    const qdbank = await world.http.get('/api/v1/warnings').set(as('qdbank.admin')).expect(200);
    expect(qdbank.body.items.length).toBeGreaterThan(0);
    expect(qdbank.body.items.every((w: any) => w.institutionId === world.org('qdbank'))).toBe(true);
    const cmb = await world.http.get(`/api/v1/warnings?institutionId=${world.org('qdbank')}`).set(as('cmb.admin')).expect(200);
    expect(cmb.body.items).toEqual([]);

    const filtered = await world.http.get(`/api/v1/warnings?institutionId=${world.org('icbc')}&status=open&pageSize=1`).set(as('qd.regulator')).expect(200);
    expect(filtered.body.items).toHaveLength(1);
    expect(filtered.body.total).toBeGreaterThanOrEqual(2);

    await world.http.get('/api/v1/warnings').set(as('qd.admin')).expect(403);
    await world.http.get('/api/v1/warnings').set(as('icbc.qd.handler')).expect(403);
  });

  it('shows the cases behind a warning, masked; another tenant gets 404 like an unknown id', async () => {
    const line = (await warningsOfJanuary()).find((r) => r.business_line === 'credit_card')!;
    const detail = await world.http.get(`/api/v1/warnings/${line.id}`).set(as('qd.regulator')).expect(200);
    expect(detail.body.cases.map((c: any) => c.id).sort()).toEqual([...spikeCases].sort());
    for (const c of detail.body.cases) {
      expect(Object.keys(c).sort()).toEqual(['caseNumber', 'concludedOn', 'consumerNameMasked', 'id', 'status', 'submittedOn']);
      expect(c.concludedOn).toBeNull();
      expect(c.consumerNameMasked).toBe('张*三');
      expect(c.submittedOn.startsWith('2030-01-')).toBe(true);
    }
    expect(JSON.stringify(detail.body)).not.toContain('13812345678');
    expect(detail.body.events.map((e: any) => e.kind)).toEqual(['raised']);
    await world.http.get(`/api/v1/warnings/${line.id}`).set(as('icbc.admin')).expect(200);

    const unknown = await world.http.get('/api/v1/warnings/00000000-0000-4000-8000-000000000000').set(as('qd.regulator')).expect(404);
    for (const u of ['sh.regulator', 'cmb.admin', 'qdbank.admin']) {
      const res = await world.http.get(`/api/v1/warnings/${line.id}`).set(as(u)).expect(404);
      expect(res.body.code).toBe(unknown.body.code);
    }
    expect((await world.http.get('/api/v1/warnings/not-a-uuid').set(as('qd.regulator')).expect(404)).body.code).toBe(unknown.body.code);
  });

  it('a regulator acknowledges with a comment, audited, once; bad input is 400', async () => {
    const qdbank = (await warningsOfJanuary()).find((r) => r.institution === 'qdbank')!;
    const url = `/api/v1/warnings/${qdbank.id}/acknowledge`;
    expect((await world.http.post(url).set(as('qd.regulator')).send({})).status).toBe(400);
    expect((await world.http.post(url).set(as('qd.regulator')).send({ comment: 'x'.repeat(1001) })).status).toBe(400);
    expect((await world.http.get('/api/v1/warnings?status=closed').set(as('qd.regulator'))).status).toBe(400);
    expect((await world.http.get('/api/v1/warnings?periodKind=year').set(as('qd.regulator'))).status).toBe(400);
    await world.http.post(url).set(as('qdbank.admin')).send({ comment: '已核实' }).expect(403);
    await world.http.post(url).set(as('sh.regulator')).send({ comment: '已核实' }).expect(404);

    const done = await world.http.post(url).set(as('qd.supervisor')).send({ comment: '已约谈青岛银行，核实为系统故障集中投诉' }).expect(200);
    expect(done.body).toMatchObject({ status: 'acknowledged', acknowledgeComment: '已约谈青岛银行，核实为系统故障集中投诉', acknowledgedByName: expect.any(String) });
    expect(done.body.events.map((e: any) => e.kind)).toEqual(['raised', 'acknowledged']);
    const again = await world.http.post(url).set(as('qd.regulator')).send({ comment: '再次' }).expect(409);
    expect(again.body.code).toBe('WARNING_ALREADY_ACKNOWLEDGED');

    const audit = await owner.query(`SELECT organisation_id, actor_user_id, detail FROM audit_events WHERE action = 'warning.acknowledged' AND subject_id = $1`, [qdbank.id]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ organisation_id: world.org('qd-regulator'), actor_user_id: users['qd.supervisor'].user.id });

    // The bank sees it acknowledged too.
    const seen = await world.http.get(`/api/v1/warnings/${qdbank.id}`).set(as('qdbank.admin')).expect(200);
    expect(seen.body.status).toBe('acknowledged');
    const open = await world.http.get('/api/v1/warnings?status=open').set(as('qdbank.admin')).expect(200);
    expect(open.body.items.map((w: any) => w.id)).not.toContain(qdbank.id);
  });
});
