import { Client } from 'pg';
import { cloneCases } from './support/cloned-cases';
import { eventually, SignedIn, TestWorld } from './support/test-world';

/**
 * The regulator's trend lines and heat map (监管驾驶舱), on cases cloned from the demo's (as the
 * system: the API can't backdate) into months the demo leaves empty, counted by the real worker.
 */
interface Group {
  institution: 'icbc' | 'qdbank' | 'cmb';
  line: string;
  type: string;
  submitted: string;
  /** Outcomes of the group's cases, concluded on `concluded`; the rest stay submitted. */
  outcomes?: ('settled' | 'not_settled' | 'withdrawn' | 'terminated')[];
  concluded?: string;
  n: number;
}

const GROUPS: Group[] = [
  // March 2025: 6 referrals, concluded the same month; success rate 4 ÷ (4 + 1) = 0.8.
  { institution: 'icbc', line: 'credit_card', type: 'fee_reduction', submitted: '2025-03-10 10:00', concluded: '2025-03-20 10:00', outcomes: ['settled', 'settled', 'settled', 'settled', 'not_settled', 'withdrawn'], n: 6 },
  // February 2026: 5 referrals, still open.
  { institution: 'icbc', line: 'personal_loan', type: 'mis_selling', submitted: '2026-02-10 10:00', n: 5 },
  // March 2026: 8 + 2 referrals; success rate 3 ÷ (3 + 2 + 1) = 0.5.
  { institution: 'icbc', line: 'credit_card', type: 'fee_reduction', submitted: '2026-03-05 10:00', concluded: '2026-03-15 10:00', outcomes: ['settled', 'settled', 'settled', 'not_settled', 'not_settled', 'terminated', 'withdrawn', 'withdrawn'], n: 8 },
  { institution: 'icbc', line: 'wealth_fund', type: 'mis_selling', submitted: '2026-03-08 10:00', n: 2 },
  // 23:30 on 31 March in Shanghai is still March (15:30 UTC).
  { institution: 'qdbank', line: 'credit_card', type: 'fee_reduction', submitted: '2026-03-31 23:30', n: 3 },
  // Another center's bank: outside the QD regulator's jurisdiction.
  { institution: 'cmb', line: 'credit_card', type: 'fee_reduction', submitted: '2026-03-12 10:00', n: 6 },
];
const at = (s: string) => `${s.replace(' ', 'T')}:00+08:00`;

describe('regulator console: trends and heat map', () => {
  let world: TestWorld;
  let owner: Client;
  const users: Record<string, SignedIn> = {};
  const as = (u: string) => users[u].auth;
  const created: string[] = [];

  const get = (u: string, path: string) => world.http.get(`/api/v1/statistics/${path}`).set(as(u));
  const line = (body: { lines: { id: string; points: { month: string }[] }[] }, id: string) => body.lines.find((l) => l.id === id);
  const point = (body: { lines: { id: string; points: { month: string }[] }[] }, id: string, month: string) =>
    line(body, id)?.points.find((p) => p.month === month) as Record<string, number | null> | undefined;
  const snapshot = async () => {
    const out: Record<string, string[]> = {};
    for (const t of ['statistics_line_months', 'statistics_line_type_months', 'statistics_case_lines']) out[t] = (await owner.query(`SELECT * FROM ${t}`)).rows.map((r) => JSON.stringify(r)).sort();
    return out;
  };

  beforeAll(async () => {
    world = await TestWorld.start();
    owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    await world.startWorker();
    for (const u of ['qd.regulator', 'qd.supervisor', 'sh.regulator', 'qd.admin', 'icbc.admin']) users[u] = await world.signIn(u);
    for (const [i, g] of GROUPS.entries()) {
      created.push(
        ...(await cloneCases(owner, world.org(g.institution), {
          businessLine: g.line,
          disputeType: g.type,
          submittedAt: at(g.submitted),
          concludedAt: g.concluded ? at(g.concluded) : undefined,
          outcomes: g.outcomes,
          n: g.n,
          prefix: `TR${i}`,
        })),
      );
    }
    for (const id of created) {
      await owner.query(`INSERT INTO outbox (type, payload, job_name) VALUES ('statistics.stale', $1, 'statistics.refresh-case')`, [JSON.stringify({ caseId: id })]);
    }
    await eventually(async () => {
      const [row] = (await owner.query(`SELECT count(*)::int AS n FROM statistics_case_lines WHERE case_id = ANY ($1::uuid[])`, [created])).rows;
      return row.n === created.length;
    }, 30000);
  }, 120000);

  afterAll(async () => {
    await owner?.end();
    await world?.stop();
  });

  it('keeps the line buckets equal to a rebuild from the cases, and a second refresh changes nothing', async () => {
    const incremental = await snapshot();
    await owner.query(`SELECT statistics_refresh_case($1)`, [created[0]]);
    expect(await snapshot()).toEqual(incremental);
    // A case moved to another business line and month leaves its old bucket.
    await owner.query(`UPDATE cases SET business_line = 'insurance', submitted_at = $2 WHERE id = $1`, [created[6], at('2026-01-10 10:00')]);
    await owner.query(`SELECT statistics_refresh_case($1)`, [created[6]]);
    const moved = await snapshot();
    await owner.query(`SELECT statistics_rebuild_all()`);
    expect(await snapshot()).toEqual(moved);
    await owner.query(`UPDATE cases SET business_line = 'personal_loan', submitted_at = $2 WHERE id = $1`, [created[6], at('2026-02-10 10:00')]);
    await owner.query(`SELECT statistics_refresh_case($1)`, [created[6]]);
    expect(await snapshot()).toEqual(incremental);
  });

  it("gives each institution's months the dashboard's figures for the same month, with changes month over month and year over year", async () => {
    const res = await get('qd.regulator', 'trends?from=2025-03&to=2026-03').expect(200);
    expect(res.body).toMatchObject({ from: '2025-03', to: '2026-03', by: 'institution', suppressBelow: 5 });
    expect(res.body.months).toHaveLength(13);
    const icbc = world.org('icbc');
    for (const [month, from, to] of [
      ['2025-03', '2025-03-01', '2025-03-31'],
      ['2026-03', '2026-03-01', '2026-03-31'],
    ]) {
      // The regulator's dashboard for the same month shows what the trend shows, withheld cells alike.
      const dash = await get('qd.regulator', `dashboard?from=${from}&to=${to}`).expect(200);
      const row = dash.body.rows.find((r: { id: string }) => r.id === icbc);
      expect(point(res.body, icbc, month)).toMatchObject({ referrals: row.referrals, concluded: row.concluded, successRate: row.successRate });
    }
    expect(point(res.body, icbc, '2025-03')).toMatchObject({ referrals: 6, concluded: 6, successRate: 0.8, referralsMoM: null, referralsYoY: null });
    // February's 5 go with March's 10: 工商银行's months are parts of its total over any period.
    expect(point(res.body, icbc, '2026-02')).toMatchObject({ referrals: null, concluded: 0, successRate: null });
    // March: 青岛银行's 3 referrals are withheld, so 工商银行's 10 are too (the month's total minus
    // them would give the 3 away), and so are the changes computed from them.
    const march = point(res.body, icbc, '2026-03')!;
    expect(march).toMatchObject({ referrals: null, concluded: 8, successRate: 0.5, referralsMoM: null, referralsYoY: null, concludedMoM: null, concludedYoY: (8 - 6) / 6 });
    expect(march.successRateYoY).toBeCloseTo(0.5 - 0.8);
    // The center, which sees its members' cases, gets the figures unwithheld for the same month.
    const center = await get('qd.admin', 'dashboard?from=2026-03-01&to=2026-03-31').expect(200);
    expect(center.body.rows.find((r: { id: string }) => r.id === icbc).referrals).toBe(10);
  });

  it('withholds counts of 1–4 and rates over fewer than 5 cases', async () => {
    const res = await get('qd.regulator', 'trends?from=2026-01&to=2026-03').expect(200);
    // 青岛银行's 3 referrals at 23:30 on 31 March (Shanghai) are March's, and withheld.
    expect(point(res.body, world.org('qdbank'), '2026-03')).toMatchObject({ referrals: null, concluded: 0, successRate: null, referralsMoM: null });
    const lines = await get('qd.regulator', 'trends?by=businessLine&from=2026-03&to=2026-03').expect(200);
    expect(point(lines.body, 'wealth_fund', '2026-03')).toMatchObject({ referrals: null });
    // 信用卡's 11 keep the withheld 理财/基金 company (the month's total minus 11 would give it away).
    expect(point(lines.body, 'credit_card', '2026-03')).toMatchObject({ referrals: null, concluded: 8, successRate: 0.5 });
    expect(line(lines.body, 'credit_card')).toMatchObject({ name: '信用卡' });
  });

  it('filters by business line, dispute type and a center of the jurisdiction', async () => {
    const icbc = world.org('icbc');
    const card = await get('qd.regulator', 'trends?from=2026-02&to=2026-03&businessLine=credit_card').expect(200);
    // 信用卡 only: February's 5 (personal loans) are not counted; March's 8
    // keep 青岛银行's withheld 3 company, while the concluded cases and the rate show.
    expect(point(card.body, icbc, '2026-02')).toMatchObject({ referrals: 0 });
    expect(point(card.body, icbc, '2026-03')).toMatchObject({ referrals: null, concluded: 8, successRate: 0.5 });
    const misSelling = await get('qd.regulator', 'trends?from=2026-02&to=2026-03&disputeType=mis_selling').expect(200);
    // Only 工商银行 has mis-selling referrals; its 5 in February go with March's withheld few.
    expect(misSelling.body.lines.map((l: { id: string }) => l.id)).toEqual([icbc]);
    expect(point(misSelling.body, icbc, '2026-02')).toMatchObject({ referrals: null, concluded: 0 });
    expect(point(misSelling.body, icbc, '2026-03')).toMatchObject({ referrals: null, concluded: 0 });
    const center = await get('qd.regulator', `trends?from=2026-03&to=2026-03&centerId=${world.org('qd-center')}`).expect(200);
    expect(center.body.lines.map((l: { id: string }) => l.id).sort()).toEqual([icbc, world.org('qdbank')].sort());
    expect(point(center.body, icbc, '2026-03')).toMatchObject({ referrals: null, concluded: 8, successRate: 0.5 });
  });

  it('gives the heat map per institution and business line, withholding a second cell where one alone would be recovered', async () => {
    const res = await get('qd.regulator', 'heat-map?from=2026-03&to=2026-03').expect(200);
    expect(res.body.institutions.map((i: { id: string }) => i.id)).toEqual([world.org('icbc'), world.org('qdbank')]);
    expect(res.body.businessLines).toEqual(['credit_card', 'wealth_fund']);
    const cell = (inst: string, l: string) => res.body.cells.find((c: { institutionId: string; businessLine: string }) => c.institutionId === world.org(inst) && c.businessLine === l);
    expect(cell('icbc', 'wealth_fund')).toMatchObject({ referrals: null, successRate: null });
    // 工商银行's March total (10, on the dashboard) minus its credit cards would give the 2 away: they are withheld too.
    expect(cell('icbc', 'credit_card')).toMatchObject({ referrals: null, successRate: 0.5 });
    expect(cell('qdbank', 'credit_card')).toMatchObject({ referrals: null });
    const wide = await get('qd.regulator', 'heat-map?from=2025-03&to=2026-02').expect(200);
    expect(wide.body.cells).toEqual([
      { institutionId: world.org('icbc'), businessLine: 'personal_loan', referrals: 5, successRate: null },
      { institutionId: world.org('icbc'), businessLine: 'credit_card', referrals: 6, successRate: 0.8 },
    ].sort((a, b) => (a.businessLine === 'personal_loan' ? -1 : 1) - (b.businessLine === 'personal_loan' ? -1 : 1)));
  });

  it("never shows another center's institutions; another center's id answers 404 as an unknown one", async () => {
    const res = await get('qd.regulator', 'trends?from=2026-03&to=2026-03').expect(200);
    expect(line(res.body, world.org('cmb'))).toBeUndefined();
    const map = await get('qd.supervisor', 'heat-map?from=2026-03&to=2026-03').expect(200);
    expect(map.body.institutions.map((i: { id: string }) => i.id)).not.toContain(world.org('cmb'));
    for (const centerId of [world.org('sh-center'), '00000000-0000-4000-8000-000000000000']) {
      for (const path of [`trends?centerId=${centerId}`, `heat-map?centerId=${centerId}`]) {
        const refused = await get('qd.regulator', path).expect(404);
        expect(refused.headers['content-type']).toContain('application/problem+json');
        expect(refused.body).toMatchObject({ status: 404, code: 'CENTER_NOT_FOUND' });
      }
    }
    // The SH regulator sees 招商银行 and nothing of QD.
    const sh = await get('sh.regulator', 'trends?from=2026-03&to=2026-03').expect(200);
    expect(point(sh.body, world.org('cmb'), '2026-03')).toMatchObject({ referrals: 6 });
    expect(line(sh.body, world.org('icbc'))).toBeUndefined();
  });

  it('answers bad input with 400 and the fields, and other roles with 403', async () => {
    const bad = async (path: string, field: string) => {
      const res = await get('qd.regulator', path).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
    };
    await bad('trends?from=2024-01&to=2026-03', 'to');
    await bad('trends?from=2026-03&to=2026-01', 'to');
    await bad('trends?from=2026-13', 'from');
    await bad('trends?businessLine=boats', 'businessLine');
    await bad('trends?by=branch', 'by');
    await bad('heat-map?disputeType=weather', 'disputeType');
    await bad('heat-map?centerId=nope', 'centerId');
    await get('qd.regulator', 'trends?from=2024-04&to=2026-03').expect(200);
    for (const u of ['qd.admin', 'icbc.admin']) {
      await get(u, 'trends').expect(403);
      await get(u, 'heat-map').expect(403);
    }
  });

  it('defaults to the last 12 complete months and the current one', async () => {
    const res = await get('qd.regulator', 'trends').expect(200);
    const now = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    expect(res.body.months).toHaveLength(13);
    expect(res.body.to).toBe(now);
    expect(res.body.months.at(-1)).toBe(now);
  });
});
