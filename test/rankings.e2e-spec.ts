import { Client } from 'pg';
import { SignedIn, TestWorld } from './support/test-world';

/**
 * 红黑榜 over the roll-ups: month buckets written for 2024 (far from the demo's own recent cases),
 * each branch's figures summed into its institution's as the worker's refresh does, then ranked
 * through the API by every kind of caller.
 */
interface Bucket {
  center: 'qd-center' | 'sh-center';
  branch: string;
  month: string;
  settled: number;
  notSettled?: number;
  terminated?: number;
  /** Every concluded case took this many days from acceptance. */
  days: number;
}

const BUCKETS: Bucket[] = [
  // March 2024: the period ranked.
  { center: 'qd-center', branch: 'icbc-qd-xgzl', month: '2024-03-01', settled: 6, days: 4 },
  { center: 'qd-center', branch: 'icbc-qd-zsl', month: '2024-03-01', settled: 3, notSettled: 3, days: 8 },
  { center: 'qd-center', branch: 'icbc-qd-ls', month: '2024-03-01', settled: 2, notSettled: 7, terminated: 1, days: 8 },
  { center: 'sh-center', branch: 'icbc-sh-ljz', month: '2024-03-01', settled: 11, days: 2 },
  { center: 'qd-center', branch: 'qdbank-sb-tdl-1', month: '2024-03-01', settled: 5, notSettled: 5, days: 20 },
  { center: 'sh-center', branch: 'cmb-sh-chj', month: '2024-03-01', settled: 8, notSettled: 2, days: 5 },
  { center: 'sh-center', branch: 'srcb-pd-zj', month: '2024-03-01', settled: 8, notSettled: 2, days: 5 },
  // February 2024: the previous period.
  { center: 'qd-center', branch: 'icbc-qd-xgzl', month: '2024-02-01', settled: 3, days: 4 },
  { center: 'qd-center', branch: 'icbc-qd-ls', month: '2024-02-01', settled: 0, notSettled: 10, days: 30 },
  { center: 'qd-center', branch: 'qdbank-sb-tdl-1', month: '2024-02-01', settled: 10, days: 10 },
  // January 2024: too few to rank, and too few to show a regulator.
  { center: 'qd-center', branch: 'qdbank-sb-tdl-1', month: '2024-01-01', settled: 3, days: 5 },
];

describe('rankings (红黑榜)', () => {
  let world: TestWorld;
  const users: Record<string, SignedIn> = {};
  const branch = (key: string) => world.ids.branches[key];
  const rankings = (u: string, q: string) => world.http.get(`/api/v1/statistics/rankings?${q}`).set(users[u].auth);
  type Entry = { id: string; name: string; rank: number; score: number; previousRank: number | null; change: number | null; concluded: number; successRate: number; medianDaysToConclude: number };
  const brief = (list: Entry[]) => list.map((e) => [e.id, e.rank, e.score]);

  beforeAll(async () => {
    world = await TestWorld.start();
    const owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    try {
      for (const b of BUCKETS) {
        const n = b.settled + (b.notSettled ?? 0) + (b.terminated ?? 0);
        const histogram = Array.from({ length: b.days + 1 }, (_, i) => (i === b.days ? n : 0));
        await owner.query(
          `INSERT INTO statistics_branch_months (center_id, branch_id, month, institution_id, branch_path, concluded, settled, not_settled, terminated, conclude_days)
           SELECT $1, id, $3, institution_id, path, $4, $5, $6, $7, $8 FROM branches WHERE id = $2`,
          [world.org(b.center), branch(b.branch), b.month, n, b.settled, b.notSettled ?? 0, b.terminated ?? 0, histogram],
        );
      }
      await owner.query(
        `INSERT INTO statistics_institution_months (center_id, month, institution_id, concluded, settled, not_settled, terminated, conclude_days)
         SELECT center_id, month, institution_id, sum(concluded), sum(settled), sum(not_settled), sum(terminated), statistics_hist_sum(conclude_days)
         FROM statistics_branch_months WHERE month < '2024-04-01' GROUP BY center_id, month, institution_id`,
      );
    } finally {
      await owner.end();
    }
    for (const u of ['qd.admin', 'sh.admin', 'qd.regulator', 'qd.supervisor', 'icbc.admin', 'icbc.qd.manager', 'cmb.admin', 'qd.mediator', 'icbc.qd.handler']) users[u] = await world.signIn(u);
  }, 60000);

  afterAll(async () => {
    await world?.stop();
  });

  it('ranks a center’s member institutions with the figures behind each and the change against the month before', async () => {
    const res = await rankings('qd.admin', 'from=2024-03&to=2024-03').expect(200);
    expect(res.body).toMatchObject({ from: '2024-03-01', to: '2024-03-31', previousFrom: '2024-02-01', previousTo: '2024-02-29', unit: 'institution', minConcluded: 10, top: 5, rankedCount: 2, suppressBelow: null, unranked: [] });
    // ICBC at QD: 11 settled of 22, median 8 days (6 took 4, 16 took 8); 青岛银行: 5 of 10, 20 days, the slowest.
    expect(res.body.red).toEqual([
      { id: world.org('icbc'), name: '中国工商银行', rank: 1, score: 63, successRate: 0.5, speed: 0.6, breachRate: 0, medianDaysToConclude: 8, concluded: 22, previousRank: 2, change: 1 },
    ]);
    expect(res.body.black).toEqual([
      { id: world.org('qdbank'), name: '青岛银行', rank: 2, score: 45, successRate: 0.5, speed: 0, breachRate: 0, medianDaysToConclude: 20, concluded: 10, previousRank: 1, change: -1 },
    ]);
    // SH center's banks never appear at QD.
    expect(JSON.stringify(res.body)).not.toContain(world.org('cmb'));
  });

  it('leaves units below the minimum unranked, with their counts', async () => {
    const res = await rankings('qd.admin', 'from=2024-03-01&to=2024-03-31&min=13').expect(200);
    expect(res.body).toMatchObject({ rankedCount: 1, red: [{ id: world.org('icbc'), rank: 1, previousRank: 1, change: 0 }], black: [] });
    expect(res.body.unranked).toEqual([{ id: world.org('qdbank'), name: '青岛银行', concluded: 10 }]);
    // A month with nothing ranked: every member listed apart, none with a rank.
    const quiet = await rankings('qd.admin', 'from=2024-01&to=2024-01').expect(200);
    expect(quiet.body).toMatchObject({ rankedCount: 0, red: [], black: [] });
    expect(quiet.body.unranked.map((u: { id: string; concluded: number }) => [u.id, u.concluded]).sort()).toEqual([[world.org('icbc'), 0], [world.org('qdbank'), 3]].sort());
  });

  it('gives equal scores the same rank, lists them by name, and never puts a unit on both lists', async () => {
    const res = await rankings('sh.admin', 'from=2024-03&to=2024-03').expect(200);
    // ICBC at SH: 11 of 11 in 2 days; 招商银行 and 上海农商银行: 8 of 10 in 5 days each.
    expect(brief(res.body.red)).toEqual([
      [world.org('icbc'), 1, 88],
      [world.org('srcb'), 2, 60],
    ]);
    expect(brief(res.body.black)).toEqual([[world.org('cmb'), 2, 60]]);
    const one = await rankings('sh.admin', 'from=2024-03&to=2024-03&top=1').expect(200);
    expect(brief(one.body.red)).toEqual([[world.org('icbc'), 1, 88]]);
    expect(brief(one.body.black)).toEqual([[world.org('cmb'), 2, 60]]);
  });

  it('limits a regulator to its jurisdiction, one of its centers at most, and withholds small counts', async () => {
    const all = await rankings('qd.regulator', 'from=2024-03&to=2024-03').expect(200);
    expect(all.body.suppressBelow).toBe(5);
    expect([...all.body.red, ...all.body.black].map((e: Entry) => e.id)).toEqual([world.org('icbc'), world.org('qdbank')]);
    expect(all.body.red[0]).toMatchObject({ score: 63, concluded: 22 });
    const one = await rankings('qd.supervisor', `from=2024-03&to=2024-03&centerId=${world.org('qd-center')}`).expect(200);
    expect(one.body.centerId).toBe(world.org('qd-center'));
    expect(brief(one.body.red)).toEqual(brief(all.body.red));
    // A center outside the jurisdiction answers as one that does not exist.
    for (const id of [world.org('sh-center'), '00000000-0000-4000-8000-000000000000']) {
      const res = await rankings('qd.regulator', `from=2024-03&to=2024-03&centerId=${id}`).expect(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('CENTER_NOT_FOUND');
    }
    const january = await rankings('qd.regulator', 'from=2024-01&to=2024-01&min=5').expect(200);
    expect(january.body.unranked).toEqual([{ id: world.org('qdbank'), name: '青岛银行', concluded: null }]);
    const low = await rankings('qd.regulator', 'from=2024-01&to=2024-01&min=4').expect(400);
    expect(low.body.errors).toEqual([expect.objectContaining({ field: 'min' })]);
  });

  it('ranks a bank’s branches at the level asked for, each counting its whole subtree', async () => {
    const byDefault = await rankings('icbc.admin', 'from=2024-03&to=2024-03').expect(200);
    expect(byDefault.body).toMatchObject({ unit: 'branch', level: 'branch', root: { id: branch('icbc-ho'), name: '中国工商银行总行' } });
    // 上海市分行: 11 of 11 in 2 days; 青岛分行: 11 of 22, median 8 (both centers count for a bank).
    expect(brief(byDefault.body.red)).toEqual([[branch('icbc-sh'), 1, 92.5]]);
    expect(brief(byDefault.body.black)).toEqual([[branch('icbc-qd'), 2, 45]]);
    const subBranches = await rankings('icbc.admin', 'from=2024-03&to=2024-03&level=sub_branch').expect(200);
    // 市南支行: its two outlets, 9 of 12, median (4 + 8) / 2; 崂山支行: 2 of 10, 8 days.
    expect(brief(subBranches.body.red)).toEqual([
      [branch('icbc-sh-pd'), 1, 92.5],
      [branch('icbc-qd-sn'), 2, 65],
    ]);
    expect(subBranches.body.red[1]).toMatchObject({ concluded: 12, medianDaysToConclude: 6, successRate: 0.75, previousRank: null, change: null });
    expect(brief(subBranches.body.black)).toEqual([[branch('icbc-qd-ls'), 3, 30]]);
    expect(subBranches.body.black[0]).toMatchObject({ previousRank: 1, change: -2 });
    const outlets = await rankings('icbc.admin', 'from=2024-03&to=2024-03&level=outlet').expect(200);
    // Alone, it is its own slowest: no speed to earn.
    expect(brief(outlets.body.red)).toEqual([[branch('icbc-sh-ljz'), 1, 70]]);
    expect(outlets.body.unranked.map((u: { id: string; concluded: number }) => [u.id, u.concluded]).sort()).toEqual([[branch('icbc-qd-xgzl'), 6], [branch('icbc-qd-zsl'), 6]].sort());
    const within = await rankings('icbc.admin', `from=2024-03&to=2024-03&level=outlet&branchId=${branch('icbc-qd')}&min=5`).expect(200);
    expect(within.body.root).toEqual({ id: branch('icbc-qd'), name: '青岛分行' });
    expect(brief(within.body.red)).toEqual([[branch('icbc-qd-xgzl'), 1, 85]]);
    expect(brief(within.body.black)).toEqual([[branch('icbc-qd-zsl'), 2, 45]]);
  });

  it('keeps a pinned user within the pinned subtree', async () => {
    const res = await rankings('icbc.qd.manager', 'from=2024-03&to=2024-03&min=5').expect(200);
    expect(res.body).toMatchObject({ level: 'outlet', root: { id: branch('icbc-qd-sn') } });
    expect(brief([...res.body.red, ...res.body.black])).toEqual([
      [branch('icbc-qd-xgzl'), 1, 85],
      [branch('icbc-qd-zsl'), 2, 45],
    ]);
    // No unit of that level below the pin: nothing ranked, nothing from elsewhere.
    const above = await rankings('icbc.qd.manager', 'from=2024-03&to=2024-03&level=branch').expect(200);
    expect(above.body).toMatchObject({ rankedCount: 0, red: [], black: [], unranked: [] });
    for (const key of ['icbc-qd', 'icbc-qd-ls', 'icbc-ho']) {
      const res404 = await rankings('icbc.qd.manager', `from=2024-03&to=2024-03&branchId=${branch(key)}`).expect(404);
      expect(res404.body.code).toBe('BRANCH_NOT_FOUND');
    }
  });

  it("answers another tenant's branch or center with 404, as an unknown one", async () => {
    for (const [u, q] of [
      ['icbc.admin', `branchId=${branch('qdbank-ho')}`],
      ['cmb.admin', `branchId=${branch('icbc-qd')}`],
      ['icbc.admin', 'branchId=00000000-0000-4000-8000-000000000000'],
      ['qd.admin', `centerId=${world.org('sh-center')}`],
      ['sh.admin', `centerId=${world.org('qd-center')}`],
    ]) {
      const res = await rankings(u, `from=2024-03&to=2024-03&${q}`).expect(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    await rankings('qd.admin', `from=2024-03&to=2024-03&centerId=${world.org('qd-center')}`).expect(200);
  });

  it('refuses bad input with problem+json and the fields at fault', async () => {
    const fields = async (u: string, q: string) => {
      const res = await rankings(u, q).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('VALIDATION_FAILED');
      return res.body.errors.map((e: { field: string }) => e.field).sort();
    };
    expect(await fields('qd.admin', 'from=2024-04&to=2024-03')).toEqual(['to']);
    expect(await fields('qd.admin', 'from=2024-01&to=2026-01')).toEqual(['to']);
    expect(await fields('qd.admin', 'from=2024-02-30&to=2024-03-31')).toEqual(['from']);
    expect(await fields('qd.admin', 'from=2024-13&to=2024-03')).toEqual(['from']);
    expect(await fields('qd.admin', 'from=march&to=2024-03')).toEqual(['from']);
    expect(await fields('icbc.admin', 'from=2024-01&to=2024-03&level=province')).toEqual(['level']);
    expect(await fields('qd.admin', 'from=2024-01&to=2024-03&min=0&top=51')).toEqual(['min', 'top']);
    expect(await fields('qd.admin', 'from=2024-01&to=2024-03&min=ten')).toEqual(['min']);
    expect(await fields('qd.admin', 'from=2024-01&to=2024-03&level=outlet')).toEqual(['level']);
    expect(await fields('icbc.admin', `from=2024-01&to=2024-03&centerId=${world.org('qd-center')}`)).toEqual(['centerId']);
    await rankings('qd.admin', 'from=2024-01&to=2025-12').expect(200);
    await rankings('qd.mediator', 'from=2024-01&to=2024-03').expect(403);
    await rankings('icbc.qd.handler', 'from=2024-01&to=2024-03').expect(403);
  });
});
