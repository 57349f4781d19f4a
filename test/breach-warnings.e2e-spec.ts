import { Client } from 'pg';
import { eventually, SignedIn, TestWorld } from './support/test-world';
import { detectWarnings, months } from './support/warnings';

/**
 * Early warnings on rising time-limit breach rates (超时限率), on a synthetic history of month
 * roll-ups in 2031–2032, judged with the job's `today` = 2032-02-10, so the latest complete month
 * is January 2032 and the demo's own cases (years earlier) are far behind the 12 prior months:
 * - 青岛银行 at the 青岛 center: 1 of 10 concluded cases breached a time limit each month of 2031,
 *   then 8 of 12 → fires (expected 1.2, bound qbinom(0.999, 12, 0.1) = 5); its referrals 3 a month,
 *   then 20 → the referral warning for the same unit and month fires beside it;
 * - 招商银行 at the 上海 center: 1 of 10 throughout → silent (a flat rate);
 * - 工商银行 at the 青岛 center: 10 of 100, then 30 of 300 → silent (many breaches, but its
 *   concluded cases explain them: bound qbinom(0.999, 300, 0.1) = 47);
 * - 上海农商 at the 青岛 center: first concluded cases in June 2031 (7 prior months), then 8 of 12
 *   → silent (too little history).
 * One of 青岛银行's demo cases is moved to a January 2032 conclusion (its roll-ups untouched) so the
 * warning's detail has a case to list.
 */
describe('early warnings on rising breach rates', () => {
  let world: TestWorld;
  let owner: Client;
  const users: Record<string, SignedIn> = {};
  const as = (u: string) => users[u].auth;
  const TODAY = '2032-02-10';
  const JAN = '2032-01-01';
  let concludedCase: string;
  let breachWarning: string;

  const detect = (jobId: string) => detectWarnings(world, jobId, TODAY);
  const keyOf = (id: string) => ['icbc', 'qdbank', 'cmb', 'srcb'].find((k) => world.org(k) === id) ?? id;
  const warningsOfJanuary = async () =>
    (
      await owner.query(
        `SELECT id, institution_id, center_id, business_line, metric, observed, concluded, expected, bound, prior_periods, method FROM supervision_warnings WHERE period_start = $1 AND period_kind = 'month'`,
        [JAN],
      )
    ).rows
      .map((r) => ({ ...r, institution: keyOf(r.institution_id) }))
      .sort((a, b) => `${a.institution}/${a.metric}`.localeCompare(`${b.institution}/${b.metric}`));

  /** Month buckets as the roll-up holds them: [month, referrals, breached, concluded]. */
  const rollup = async (center: string, institution: string, rows: [string, number, number, number][]) => {
    for (const [month, referrals, breached, concluded] of rows) {
      await owner.query(`INSERT INTO statistics_institution_months (center_id, month, institution_id, referrals, breached, concluded) VALUES ($1, $2, $3, $4, $5, $6)`, [
        world.org(center),
        month,
        world.org(institution),
        referrals,
        breached,
        concluded,
      ]);
    }
  };
  const year2031 = (from = '2031-01-01', n = 12) => months(from, n);

  beforeAll(async () => {
    world = await TestWorld.start();
    owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    await world.startWorker();
    for (const u of ['qd.regulator', 'sh.regulator', 'qdbank.admin', 'cmb.admin', 'icbc.admin']) users[u] = await world.signIn(u);

    await rollup('qd-center', 'qdbank', [...year2031().map((m): [string, number, number, number] => [m, 3, 1, 10]), [JAN, 20, 8, 12]]);
    await rollup('sh-center', 'cmb', [...year2031().map((m): [string, number, number, number] => [m, 4, 1, 10]), [JAN, 4, 1, 10]]);
    await rollup('qd-center', 'icbc', [...year2031().map((m): [string, number, number, number] => [m, 0, 10, 100]), [JAN, 0, 30, 300]]);
    await rollup('qd-center', 'srcb', [...year2031('2031-06-01', 7).map((m): [string, number, number, number] => [m, 0, 1, 10]), [JAN, 0, 8, 12]]);

    const [c] = (
      await owner.query(`SELECT id FROM cases WHERE center_id = $1 AND institution_id = $2 AND concluded_at IS NOT NULL ORDER BY id LIMIT 1`, [world.org('qd-center'), world.org('qdbank')])
    ).rows;
    if (!c) throw new Error('the demo has no concluded case of 青岛银行 at the 青岛 center');
    concludedCase = c.id;
    await owner.query(`UPDATE cases SET concluded_at = '2032-01-15T10:00:00+08:00' WHERE id = $1`, [concludedCase]);
  }, 120000);

  afterAll(async () => {
    await owner?.end();
    await world?.stop();
  });

  it('fires on a rising rate beside the referral warning of the same unit and month; a flat rate, a volume its concluded cases explain and a short history stay silent', async () => {
    expect(await detect('detect-breaches-1')).toBe(true);
    const rows = await warningsOfJanuary();
    expect(rows.map((r) => [r.institution, r.metric, r.observed, r.concluded])).toEqual([
      ['qdbank', 'breaches', 8, 12],
      ['qdbank', 'referrals', 20, null],
    ]);
    const breaches = rows[0];
    breachWarning = breaches.id;
    expect(breaches.expected).toBeCloseTo(1.2, 10); // 12 concluded × the prior 12 ÷ 120
    expect(breaches.bound).toBe(5); // qbinom(0.999, 12, 0.1)
    expect(breaches).toMatchObject({ center_id: world.org('qd-center'), business_line: '', prior_periods: 12, method: expect.stringContaining('Binomial') });
    // Breaches are judged by month only.
    expect((await owner.query(`SELECT count(*)::int AS n FROM supervision_warnings WHERE metric = 'breaches' AND period_kind = 'week'`)).rows[0].n).toBe(0);
  });

  it('a second run adds nothing: one warning per unit, period and metric', async () => {
    const count = async () => (await owner.query(`SELECT (SELECT count(*) FROM supervision_warnings)::int AS w, (SELECT count(*) FROM outbox WHERE type = 'warning.raised')::int AS o`)).rows[0];
    const before = await count();
    expect(await detect('detect-breaches-2')).toBe(true);
    expect(await count()).toEqual(before);
  });

  it('the database holds the metric and its denominator together', async () => {
    const insert = (metric: string, concluded: number | null) =>
      owner.query(
        `INSERT INTO supervision_warnings (center_id, institution_id, period_kind, period_start, period_end, metric, observed, concluded, expected, bound, prior_periods, method)
         VALUES ($1, $2, 'month', '2031-06-01', '2031-06-30', $3, 6, $4, 1, 4, 12, 'x')`,
        [world.org('qd-center'), world.org('cmb'), metric, concluded],
      );
    await expect(insert('referrals', 10)).rejects.toMatchObject({ constraint: 'chk_supervision_warnings_concluded' });
    await expect(insert('breaches', null)).rejects.toMatchObject({ constraint: 'chk_supervision_warnings_concluded' });
    await expect(insert('breaches', 5)).rejects.toMatchObject({ constraint: 'chk_supervision_warnings_concluded' }); // more breaches than concluded
    await expect(insert('other', 10)).rejects.toMatchObject({ constraint: 'chk_supervision_warnings_metric' });
  });

  it('tells the bank and the regulator in words about 超时限, not 调解申请', async () => {
    const ofUser = async (u: string) =>
      (await owner.query(`SELECT title, body FROM notifications WHERE user_id = $1 AND kind = 'warning.raised' AND data->>'warningId' = $2`, [users[u].user.id, breachWarning])).rows;
    await eventually(async () => (await ofUser('qdbank.admin')).length > 0 && (await ofUser('qd.regulator')).length > 0, 30000);
    for (const u of ['qdbank.admin', 'qd.regulator']) {
      const [n] = await ofUser(u);
      expect(n.title).toBe('投诉风险预警（超时限率）：青岛银行');
      expect(n.body).toContain('2032-01 月办结的 12 件中超时限 8 件（66.7%）');
      expect(n.body).not.toContain('调解申请');
    }
    for (const u of ['sh.regulator', 'cmb.admin', 'icbc.admin']) expect(await ofUser(u)).toEqual([]);
  });

  it('lists by metric; junk is 400 naming the field', async () => {
    const breaches = await world.http.get('/api/v1/warnings?metric=breaches').set(as('qd.regulator')).expect(200);
    expect(breaches.body.items.map((w: any) => [w.institutionName, w.metric, w.observed, w.concluded, w.periodStart])).toEqual([['青岛银行', 'breaches', 8, 12, JAN]]);
    expect(breaches.body.items[0]).toMatchObject({ expected: 1.2, bound: 5, periodKind: 'month', businessLine: null, method: expect.stringContaining('Binomial') });
    expect(breaches.body.total).toBe(1);

    const referrals = await world.http.get('/api/v1/warnings?metric=referrals&periodKind=month').set(as('qd.regulator')).expect(200);
    expect(referrals.body.items.every((w: any) => w.metric === 'referrals' && w.concluded === null)).toBe(true);
    expect(referrals.body.items.some((w: any) => w.periodStart === JAN && w.institutionId === world.org('qdbank'))).toBe(true);

    const all = await world.http.get('/api/v1/warnings').set(as('qd.regulator')).expect(200);
    expect(all.body.total).toBe(breaches.body.total + (await world.http.get('/api/v1/warnings?metric=referrals').set(as('qd.regulator')).expect(200)).body.total);

    for (const junk of ['junk', 'Breaches', '']) {
      const res = await world.http.get(`/api/v1/warnings?metric=${junk}`).set(as('qd.regulator')).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('metric');
    }
  });

  it('shows the bank its own and the jurisdiction’s regulator; another jurisdiction and another bank see nothing and get 404', async () => {
    const mine = await world.http.get('/api/v1/warnings?metric=breaches').set(as('qdbank.admin')).expect(200);
    expect(mine.body.items.map((w: any) => w.id)).toEqual([breachWarning]);
    await world.http.get(`/api/v1/warnings/${breachWarning}`).set(as('qdbank.admin')).expect(200);

    const unknown = await world.http.get('/api/v1/warnings/00000000-0000-4000-8000-000000000000').set(as('qd.regulator')).expect(404);
    for (const u of ['sh.regulator', 'cmb.admin', 'icbc.admin']) {
      expect((await world.http.get('/api/v1/warnings?metric=breaches').set(as(u)).expect(200)).body.items).toEqual([]);
      const res = await world.http.get(`/api/v1/warnings/${breachWarning}`).set(as(u)).expect(404);
      expect(res.body.code).toBe(unknown.body.code);
    }
  });

  it('lists the month’s concluded cases behind a breach warning, masked', async () => {
    const detail = await world.http.get(`/api/v1/warnings/${breachWarning}`).set(as('qd.regulator')).expect(200);
    expect(detail.body).toMatchObject({ metric: 'breaches', observed: 8, concluded: 12 });
    expect(detail.body.cases.map((c: any) => [c.id, c.concludedOn])).toEqual([[concludedCase, '2032-01-15']]);
    const [c] = detail.body.cases;
    expect(Object.keys(c).sort()).toEqual(['caseNumber', 'concludedOn', 'consumerNameMasked', 'id', 'status', 'submittedOn']);
    expect(c.consumerNameMasked).toContain('*');
    expect(detail.body.events.map((e: any) => e.kind)).toEqual(['raised']);
    // The referral warning of the same unit and month lists the month's referrals (none were submitted then).
    const referral = (await warningsOfJanuary()).find((r) => r.metric === 'referrals')!;
    expect((await world.http.get(`/api/v1/warnings/${referral.id}`).set(as('qd.regulator')).expect(200)).body.cases).toEqual([]);
  });
});
