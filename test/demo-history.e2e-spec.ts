import { Client } from 'pg';
import { Database, shanghaiDate, SYSTEM_SCOPE } from '@accord/core';
import { ReferralHistoryService } from '@accord/statistics';
import { HISTORY_MONTHS } from '@accord/demo';
import { eventually, SignedIn, TestWorld } from './support/test-world';

/**
 * The demo as `npm start` loads it (with its 14 months of history): the worker's first start
 * raises the early warning for 青岛银行's spike in the last complete month — the bank and its
 * credit-card line, nobody else —, the 红黑榜 ranks every institution on its default settings, and
 * the console's trend lines span the history. This is the issue's "done when": a regulator sees
 * which bank is getting worse, and why.
 */
describe('the demo history: a warning on a fresh start, rankings and trends with something to show', () => {
  let world: TestWorld;
  let owner: Client;
  const users: Record<string, SignedIn> = {};
  const today = shanghaiDate(new Date());
  const thisMonth = today.slice(0, 7);
  const monthBack = (n: number) => {
    const [y, m] = thisMonth.split('-').map(Number);
    const d = new Date(Date.UTC(y, m - 1 - n, 1));
    return d.toISOString().slice(0, 7);
  };
  const lastMonth = monthBack(1);

  beforeAll(async () => {
    world = await TestWorld.start({}, { history: true });
    owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    for (const u of ['qd.regulator', 'sh.regulator', 'qdbank.admin', 'icbc.admin']) users[u] = await world.signIn(u);
    await world.startWorker();
  }, 120000);

  afterAll(async () => {
    await owner?.end();
    await world?.stop();
  });

  it('holds 14 calendar months of concluded cases before this one, for all four banks', async () => {
    const { rows } = await owner.query<{ months: number; banks: number }>(
      `SELECT count(DISTINCT to_char(submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'))::int AS months, count(DISTINCT institution_id)::int AS banks
       FROM cases WHERE submitted_at < date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'`,
    );
    expect(rows[0]).toEqual({ months: HISTORY_MONTHS, banks: 4 });
  });

  it("raises 青岛银行's warning for the last complete month when the worker starts, and only that one", async () => {
    const monthly = await eventually(async () => {
      const { rows } = await owner.query<{ institution_id: string; business_line: string; observed: number }>(
        `SELECT institution_id, business_line, observed FROM supervision_warnings WHERE period_kind = 'month' AND period_start = $1 ORDER BY business_line`,
        [`${lastMonth}-01`],
      );
      return rows.length >= 2 ? rows : null;
    }, 30000);
    expect(monthly.map((w) => [w.institution_id, w.business_line])).toEqual([
      [world.org('qdbank'), ''],
      [world.org('qdbank'), 'credit_card'],
    ]);
    expect(monthly[0].observed).toBeGreaterThanOrEqual(26);

    // The regulator of 青岛 sees it with the rule that fired it; 上海's regulator sees nothing of it.
    const list = await world.http.get('/api/v1/warnings?periodKind=month').set(users['qd.regulator'].auth).expect(200);
    const mine = list.body.items.filter((w: { periodStart: string }) => w.periodStart === `${lastMonth}-01`);
    expect(mine.map((w: { institutionName: string; businessLine: string | null }) => [w.institutionName, w.businessLine])).toEqual(
      expect.arrayContaining([
        ['青岛银行', null],
        ['青岛银行', 'credit_card'],
      ]),
    );
    const whole = mine.find((w: { businessLine: string | null }) => w.businessLine === null);
    expect(whole.observed).toBeGreaterThan(whole.bound);
    expect(whole.priorPeriods).toBe(12);
    const shanghai = await world.http.get('/api/v1/warnings').set(users['sh.regulator'].auth).expect(200);
    expect(shanghai.body.items.filter((w: { institutionId: string }) => w.institutionId === world.org('qdbank'))).toEqual([]);
    // The bank sees its own warning; another bank does not.
    const bank = await world.http.get('/api/v1/warnings?periodKind=month').set(users['qdbank.admin'].auth).expect(200);
    expect(bank.body.items.some((w: { id: string }) => w.id === whole.id)).toBe(true);
    const other = await world.http.get('/api/v1/warnings').set(users['icbc.admin'].auth).expect(200);
    expect(other.body.items).toEqual([]);
  });

  it('judges again at every worker start, even when the same Redis ran one today (a recreated database)', async () => {
    await owner.query(`DELETE FROM supervision_warning_events`);
    await owner.query(`DELETE FROM supervision_warnings`);
    // The same Redis prefix as the first worker: a job id per day would be swallowed here.
    await world.startWorker();
    const again = await eventually(async () => {
      const { rows } = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM supervision_warnings WHERE period_kind = 'month' AND period_start = $1`, [`${lastMonth}-01`]);
      return rows[0].n >= 2 ? rows[0].n : null;
    }, 30000);
    expect(again).toBe(2);
  });

  it('reads the business lines\' history from the roll-up (months) and the window (weeks) exactly as counting the cases would', async () => {
    const worker = world.workers[0];
    const history = worker.get(ReferralHistoryService);
    const db = worker.get(Database);
    const cases = (
      await owner.query<{ center_id: string; institution_id: string; business_line: string; day: string }>(
        `SELECT center_id, institution_id, business_line, to_char(submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day FROM cases WHERE submitted_at IS NOT NULL`,
      )
    ).rows;
    const weekStart = (d: string) => {
      const x = new Date(`${d}T00:00:00Z`);
      x.setUTCDate(x.getUTCDate() - ((x.getUTCDay() + 6) % 7));
      return x.toISOString().slice(0, 10);
    };
    const windows = {
      month: { starts: Array.from({ length: 13 }, (_, i) => `${monthBack(13 - i)}-01`), end: `${thisMonth}-01`, of: (d: string) => `${d.slice(0, 7)}-01` },
      week: { starts: Array.from({ length: 13 }, (_, i) => { const x = new Date(`${weekStart(today)}T00:00:00Z`); x.setUTCDate(x.getUTCDate() - 7 * (13 - i)); return x.toISOString().slice(0, 10); }), end: weekStart(today), of: weekStart },
    };
    for (const [kind, w] of Object.entries(windows) as ['month' | 'week', (typeof windows)['month']][]) {
      const got = await db.run(SYSTEM_SCOPE, () => history.referralHistory(kind, w.starts, w.end));
      const lines = got.filter((u) => u.businessLine !== null);
      // The reference: every unit with a referral in the window, counted from the cases.
      const expected = new Map<string, { counts: number[]; first: string }>();
      for (const c of cases.filter((x) => x.day < w.end)) {
        const key = `${c.center_id}/${c.institution_id}/${c.business_line}`;
        const unit = expected.get(key) ?? { counts: w.starts.map(() => 0), first: c.day };
        const i = w.starts.indexOf(w.of(c.day));
        if (i >= 0) unit.counts[i]++;
        if (c.day < unit.first) unit.first = c.day;
        expected.set(key, unit);
      }
      const active = [...expected].filter(([, u]) => u.counts.some((n) => n > 0));
      expect(lines.length).toBeGreaterThanOrEqual(active.length);
      for (const [key, u] of active) {
        const line = lines.find((l) => `${l.centerId}/${l.institutionId}/${l.businessLine}` === key)!;
        expect([key, kind, line?.counts]).toEqual([key, kind, u.counts]);
        // Judged on the same periods: the first referral falls before the same window start.
        const since = (first: string) => w.starts.findLastIndex((s) => s <= first);
        expect([key, kind, since(line.firstDay)]).toEqual([key, kind, since(u.first)]);
      }
    }
  });

  it('ranks every institution on the 红黑榜 defaults (12 months, at least 10 concluded)', async () => {
    const qd = await world.http.get(`/api/v1/statistics/rankings?from=${monthBack(11)}&to=${thisMonth}`).set(users['qd.regulator'].auth).expect(200);
    expect(qd.body.minConcluded).toBe(10);
    expect(qd.body.unranked).toEqual([]);
    expect(qd.body.red.map((e: { name: string }) => e.name)).toEqual(['中国工商银行']);
    expect(qd.body.black.map((e: { name: string }) => e.name)).toEqual(['青岛银行']);
    expect(qd.body.red[0].successRate).toBeGreaterThan(qd.body.black[0].successRate);
    const sh = await world.http.get(`/api/v1/statistics/rankings?from=${monthBack(11)}&to=${thisMonth}`).set(users['sh.regulator'].auth).expect(200);
    expect(sh.body.rankedCount).toBe(2);
  });

  it("draws the console's trend lines over the whole history", async () => {
    const trends = await world.http.get(`/api/v1/statistics/trends?from=${monthBack(HISTORY_MONTHS)}&to=${thisMonth}`).set(users['qd.regulator'].auth).expect(200);
    const qdbank = trends.body.lines.find((l: { id: string }) => l.id === world.org('qdbank'));
    const referrals = qdbank.points.map((p: { referrals: number | null }) => p.referrals);
    expect(referrals).toHaveLength(HISTORY_MONTHS + 1);
    // The spike: last month's referrals above every earlier month's.
    const last = referrals[HISTORY_MONTHS - 1];
    expect(last).toBeGreaterThanOrEqual(26);
    // Every month shown: none is a small cell withheld from the regulator.
    // No history month is a small cell; the current month (a few days old) is, and the complementary
    // rule withholds at most two more cells of the line so it can't be worked out by subtraction.
    expect(referrals.slice(0, HISTORY_MONTHS).filter((r: number | null) => r !== null).length).toBeGreaterThanOrEqual(HISTORY_MONTHS - 2);
    expect(referrals.slice(0, HISTORY_MONTHS).every((r: number | null) => r === null || r >= 5)).toBe(true);
    expect(Math.max(...referrals.slice(0, HISTORY_MONTHS - 1).map((r: number | null) => r ?? 0))).toBeLessThan(last);
  });
});
