import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { inSessionCase } from './support/stories';
import { eventually, SignedIn, TestWorld } from './support/test-world';

/**
 * The success-rate dashboard, from cases filed and accepted through the API, backdated and
 * concluded as the system (the API can't backdate), and counted by the real worker job.
 */
interface Fixture {
  key: string;
  who: string;
  center: 'qd-center' | 'sh-center';
  branch?: string;
  amountFen: number;
  submitted: string;
  accepted?: string;
  concluded?: string;
  outcome?: 'settled' | 'not_settled' | 'withdrawn' | 'terminated';
  settledFen?: number;
  survey?: { at: string; satisfaction: number };
}

// Times are Asia/Shanghai wall-clock times.
const CASES: Fixture[] = [
  { key: 'A1', who: 'icbc.qd.handler', center: 'qd-center', amountFen: 880000, submitted: '2025-03-03 10:00', accepted: '2025-03-05 09:00', concluded: '2025-03-20 15:00', outcome: 'settled', settledFen: 300000, survey: { at: '2025-03-25 12:00', satisfaction: 5 } },
  { key: 'A2', who: 'icbc.qd.handler', center: 'qd-center', amountFen: 120000, submitted: '2025-03-10 09:00', accepted: '2025-03-10 17:00', concluded: '2025-04-10 10:00', outcome: 'not_settled' },
  // 23:30 in Shanghai is still 31 March (15:30 UTC); 00:10 on 1 April is 31 March in UTC.
  { key: 'A3', who: 'icbc.admin', branch: 'icbc-qd-zsl', center: 'qd-center', amountFen: 50000, submitted: '2025-03-31 23:30', accepted: '2025-04-02 10:00', concluded: '2025-04-03 10:00', outcome: 'withdrawn' },
  { key: 'A4', who: 'icbc.admin', branch: 'icbc-qd-ls', center: 'qd-center', amountFen: 200000, submitted: '2025-04-01 00:10', accepted: '2025-04-08 10:00', concluded: '2025-04-28 10:00', outcome: 'terminated', survey: { at: '2025-04-29 09:00', satisfaction: 3 } },
  { key: 'A5', who: 'icbc.admin', branch: 'icbc-sh', center: 'qd-center', amountFen: 70000, submitted: '2025-04-15 10:00' },
  { key: 'A6', who: 'icbc.admin', branch: 'icbc-ho', center: 'qd-center', amountFen: 10000, submitted: '2025-02-27 10:00', accepted: '2025-03-02 10:00', concluded: '2025-03-06 10:00', outcome: 'settled', settledFen: 10000 },
  { key: 'B1', who: 'qdbank.handler', center: 'qd-center', amountFen: 60000, submitted: '2025-03-15 10:00', accepted: '2025-03-18 10:00', concluded: '2025-03-28 10:00', outcome: 'settled', settledFen: 50000, survey: { at: '2025-03-30 10:00', satisfaction: 4 } },
  { key: 'C1', who: 'cmb.sh.handler', center: 'sh-center', amountFen: 990000, submitted: '2025-03-12 10:00', accepted: '2025-03-13 10:00' },
  // June, for the drill-down only: one filed at 青岛分行 itself, one at 崂山支行 through the other center.
  { key: 'A7', who: 'icbc.admin', branch: 'icbc-qd', center: 'qd-center', amountFen: 40000, submitted: '2025-06-02 10:00', accepted: '2025-06-03 10:00', concluded: '2025-06-09 10:00', outcome: 'settled', settledFen: 40000 },
  { key: 'A8', who: 'icbc.admin', branch: 'icbc-qd-ls', center: 'sh-center', amountFen: 150000, submitted: '2025-06-10 10:00', accepted: '2025-06-12 10:00', concluded: '2025-06-30 23:50', outcome: 'not_settled' },
];
const at = (s: string) => `${s.replace(' ', 'T')}:00+08:00`;

describe('statistics: the success rate, visible', () => {
  let world: TestWorld;
  let owner: Client;
  const ids: Record<string, string> = {};
  const users: Record<string, SignedIn> = {};
  const as = (u: string) => users[u].auth;

  const refreshesDone = async () => {
    const [row] = (
      await owner.query(`SELECT (SELECT count(*) FROM outbox WHERE job_name = 'statistics.refresh-case')::int AS queued,
                                (SELECT count(*) FROM processed_jobs WHERE job_name = 'statistics.refresh-case')::int AS done`)
    ).rows;
    return row.queued > 0 && row.queued === row.done;
  };
  const snapshot = async () => {
    const out: Record<string, unknown[]> = {};
    for (const t of ['statistics_branch_days', 'statistics_branch_months', 'statistics_institution_days', 'statistics_institution_months', 'statistics_case_buckets']) {
      out[t] = (await owner.query(`SELECT * FROM ${t}`)).rows
        .map((r) => JSON.stringify(r, (k, v) => (k === 'days' ? [...new Set(v as string[])].sort() : v)))
        .sort();
    }
    return out;
  };
  const dashboard = (u: string, from = '2025-03-01', to = '2025-04-30') => world.http.get(`/api/v1/statistics/dashboard?from=${from}&to=${to}`).set(as(u));

  beforeAll(async () => {
    world = await TestWorld.start();
    owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    await world.startWorker();
    for (const u of ['icbc.qd.handler', 'icbc.admin', 'icbc.qd.manager', 'qdbank.handler', 'cmb.sh.handler', 'cmb.admin', 'qd.intake', 'sh.intake', 'qd.admin', 'sh.admin', 'qd.regulator', 'qd.mediator', 'qdbank.admin', 'icbc.viewer']) {
      users[u] = await world.signIn(u);
    }
    for (const c of CASES) {
      const filed = await world.http
        .post('/api/v1/cases')
        .set(as(c.who))
        .send({
          centerId: world.org(c.center),
          ...(c.branch ? { branchId: world.ids.branches[c.branch] } : {}),
          businessLine: 'credit_card',
          disputeType: 'fee_reduction',
          amountFen: c.amountFen,
          facts: '分期手续费争议',
          claims: '减免手续费',
          consumer: { name: '张小三', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345678' },
          consentGiven: true,
        });
      expect(filed.status).toBe(201);
      ids[c.key] = filed.body.id;
      if (c.accepted) {
        await world.http.post(`/api/v1/cases/${filed.body.id}/accept`).set(as(c.center === 'qd-center' ? 'qd.intake' : 'sh.intake')).send({}).expect(200);
      }
    }
    // Backdate and conclude as the system, then ask the worker to recount, as CaseLifecycle does.
    for (const c of CASES) {
      await owner.query(
        `UPDATE cases SET submitted_at = $2, accepted_at = $3, concluded_at = $4, outcome = $5::varchar, settled_amount_fen = $6,
                status = CASE WHEN $5::varchar IS NULL THEN status WHEN $5::varchar = 'settled' THEN 'closed' ELSE $5::varchar END
         WHERE id = $1`,
        [ids[c.key], at(c.submitted), c.accepted ? at(c.accepted) : null, c.concluded ? at(c.concluded) : null, c.outcome ?? null, c.settledFen ?? 0],
      );
      if (c.survey) {
        await owner.query(
          `INSERT INTO follow_up_surveys (case_id, center_id, institution_id, branch_path, answered_at, satisfaction)
           SELECT id, center_id, institution_id, branch_path, $2, $3 FROM cases WHERE id = $1`,
          [ids[c.key], at(c.survey.at), c.survey.satisfaction],
        );
      }
      await owner.query(`INSERT INTO outbox (type, payload, job_name) VALUES ('statistics.stale', $1, 'statistics.refresh-case')`, [JSON.stringify({ caseId: ids[c.key] })]);
    }
    await eventually(refreshesDone, 30000);
  }, 120000);

  afterAll(async () => {
    await owner?.end();
    await world?.stop();
  });

  // Filing and acceptance counted every case today first; the backdating then moved them to 2025,
  // so the worker had to take them out of today's buckets (statistics_case_buckets) as well.
  it('keeps incremental roll-ups equal to a from-scratch rebuild over the cases', async () => {
    const incremental = await snapshot();
    // A duplicate delivery (a retried job) recounts and changes nothing.
    await owner.query(`SELECT statistics_refresh_case($1)`, [ids.A1]);
    expect(await snapshot()).toEqual(incremental);
    await owner.query(`SELECT statistics_rebuild_all()`);
    expect(await snapshot()).toEqual(incremental);
  });

  it('counts exactly when refreshes race: many connections recounting the same and neighbouring cases at once', async () => {
    const truth = await snapshot();
    const racers = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const c = new Client({ connectionString: world.env.DATABASE_URL });
        await c.connect();
        return c;
      }),
    );
    try {
      // Each connection refreshes every case, in its own order, in one transaction per case.
      await Promise.all(
        racers.map((c, i) =>
          (async () => {
            const order = [...CASES.keys()].sort((a, b) => ((a * (i + 3)) % CASES.length) - ((b * (i + 3)) % CASES.length));
            for (const k of order) await c.query(`SELECT statistics_refresh_case($1)`, [ids[CASES[k].key]]);
          })(),
        ),
      );
    } finally {
      await Promise.all(racers.map((c) => c.end()));
    }
    expect(await snapshot()).toEqual(truth);
  });

  it('lets a full rebuild wait for a recount in flight, instead of failing on the row the recount adds', async () => {
    const truth = await snapshot();
    // A5 moves to a day no bucket holds yet, so its recount inserts a row the rebuild does not see.
    await owner.query(`UPDATE cases SET submitted_at = $2 WHERE id = $1`, [ids.A5, at('2025-05-20 10:00')]);
    const recount = new Client({ connectionString: world.env.DATABASE_URL });
    const rebuild = new Client({ connectionString: world.env.DATABASE_URL });
    await recount.connect();
    await rebuild.connect();
    try {
      await recount.query('BEGIN');
      await recount.query(`SELECT statistics_refresh_case($1)`, [ids.A5]);
      const rebuilt = rebuild.query(`SELECT statistics_rebuild_all()`).then(
        () => 'rebuilt',
        (error: Error) => error.message,
      );
      // The rebuild is under way (waiting, or past its DELETE) before the recount commits.
      await eventually(async () => (await owner.query(`SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT statistics_rebuild_all()%' AND wait_event_type = 'Lock'`)).rowCount === 1, 10000);
      await recount.query('COMMIT');
      expect(await rebuilt).toBe('rebuilt');
      const moved = await snapshot();
      await owner.query(`SELECT statistics_rebuild_all()`);
      expect(moved).toEqual(await snapshot());
    } finally {
      await owner.query(`UPDATE cases SET submitted_at = $2 WHERE id = $1`, [ids.A5, at('2025-04-15 10:00')]);
      await owner.query(`SELECT statistics_refresh_case($1)`, [ids.A5]);
      await Promise.all([recount.end(), rebuild.end()]);
    }
    expect(await snapshot()).toEqual(truth);
  });

  it('gives the center every figure per institution, exactly', async () => {
    const res = await dashboard('qd.admin').expect(200);
    expect(res.body.grouping).toBe('institution');
    const icbc = res.body.rows.find((r: { id: string }) => r.id === world.org('icbc'));
    expect(icbc).toEqual({
      id: world.org('icbc'),
      name: '中国工商银行',
      referrals: 5,
      accepted: 5,
      concluded: 5,
      settled: 2,
      notSettled: 1,
      withdrawn: 1,
      terminated: 1,
      successRate: 0.5,
      disputedFen: '1320000',
      settledFen: '310000',
      medianDaysToAccept: 2,
      medianDaysToConclude: 15,
      satisfactionAverage: 4,
      satisfactionCount: 2,
      breached: 0,
      breachRate: 0,
      judicialConfirmed: 0,
      obligationsOverdue: 0,
    });
    const qdbank = res.body.rows.find((r: { id: string }) => r.id === world.org('qdbank'));
    expect(qdbank).toMatchObject({ referrals: 1, accepted: 1, concluded: 1, settled: 1, successRate: 1, disputedFen: '60000', settledFen: '50000', medianDaysToAccept: 3, medianDaysToConclude: 10, satisfactionAverage: 4, satisfactionCount: 1 });
    expect(res.body.total).toEqual({
      referrals: 6,
      accepted: 6,
      concluded: 6,
      settled: 3,
      notSettled: 1,
      withdrawn: 1,
      terminated: 1,
      successRate: 0.6,
      disputedFen: '1380000',
      settledFen: '360000',
      medianDaysToAccept: 2.5,
      medianDaysToConclude: 12.5,
      satisfactionAverage: 4,
      satisfactionCount: 3,
      breached: 0,
      breachRate: 0,
      judicialConfirmed: 0,
      obligationsOverdue: 0,
    });
    // The SH center's bank never appears at QD.
    expect(res.body.rows.map((r: { id: string }) => r.id)).not.toContain(world.org('cmb'));
  });

  it('reads edge days from the day buckets and whole months from the month buckets alike', async () => {
    // 5 March – 10 April: A1 submitted 3 March is out but its acceptance on 5 March is in; A6 accepted 2 March and A4 terminated 28 April are out.
    const res = await dashboard('qd.admin', '2025-03-05', '2025-04-10').expect(200);
    const icbc = res.body.rows.find((r: { id: string }) => r.id === world.org('icbc'));
    expect(icbc).toMatchObject({ referrals: 3, accepted: 4, concluded: 4, settled: 2, notSettled: 1, withdrawn: 1, terminated: 0, successRate: 2 / 3, disputedFen: '370000', settledFen: '310000', medianDaysToAccept: 2, satisfactionCount: 1 });
    // Accept days 2, 0, 2, 7 → 2; conclusion days 15, 31, 1, 4 → (4 + 15) / 2.
    expect(icbc.medianDaysToAccept).toBe(2);
    expect(icbc.medianDaysToConclude).toBe(9.5);
    const one = await dashboard('qd.admin', '2025-03-31', '2025-03-31').expect(200);
    expect(one.body.rows.find((r: { id: string }) => r.id === world.org('icbc')).referrals).toBe(1);
    const none = await dashboard('qd.admin', '2025-04-16', '2025-04-27').expect(200);
    expect(none.body.total).toMatchObject({ referrals: 0, successRate: null, medianDaysToAccept: null, satisfactionAverage: null });
  });

  it('gives an institution its branches one level below the root, the root’s own cases apart', async () => {
    const res = await dashboard('icbc.admin').expect(200);
    expect(res.body.grouping).toBe('branch');
    expect(res.body.root.id).toBe(world.ids.branches['icbc-ho']);
    const byId = Object.fromEntries(res.body.rows.map((r: { id: string }) => [r.id, r]));
    expect(byId[world.ids.branches['icbc-ho']]).toMatchObject({ own: true, referrals: 0, accepted: 1, concluded: 1, settled: 1, settledFen: '10000', successRate: 1 });
    expect(byId[world.ids.branches['icbc-qd']]).toMatchObject({ referrals: 4, accepted: 4, concluded: 4, settled: 1, notSettled: 1, withdrawn: 1, terminated: 1, successRate: 1 / 3, disputedFen: '1250000', medianDaysToAccept: 2, medianDaysToConclude: 17.5, satisfactionCount: 2 });
    expect(byId[world.ids.branches['icbc-sh']]).toMatchObject({ referrals: 1, accepted: 0, disputedFen: '70000', successRate: null });
    expect(res.body.total).toMatchObject({ referrals: 5, settled: 2, successRate: 0.5, disputedFen: '1320000' });
  });

  it('limits a pinned user to the subtree of the branch', async () => {
    const res = await dashboard('icbc.qd.manager').expect(200);
    expect(res.body.root.id).toBe(world.ids.branches['icbc-qd-sn']);
    const byId = Object.fromEntries(res.body.rows.map((r: { id: string }) => [r.id, r]));
    expect(Object.keys(byId).sort()).toEqual([world.ids.branches['icbc-qd-sn'], world.ids.branches['icbc-qd-xgzl'], world.ids.branches['icbc-qd-zsl']].sort());
    expect(byId[world.ids.branches['icbc-qd-xgzl']]).toMatchObject({ referrals: 2, settled: 1, notSettled: 1, successRate: 0.5, disputedFen: '1000000', satisfactionAverage: 5 });
    expect(byId[world.ids.branches['icbc-qd-zsl']]).toMatchObject({ referrals: 1, withdrawn: 1, successRate: null });
    // A4 was filed at 崂山支行, outside the subtree.
    expect(res.body.total).toMatchObject({ referrals: 3, terminated: 0, disputedFen: '1050000' });
  });

  describe('drilling down the branch tree', () => {
    const branch = (key: string) => world.ids.branches[key];
    const drill = (u: string, branchId: string, from = '2025-03-01', to = '2025-06-30') =>
      world.http.get(`/api/v1/statistics/dashboard?from=${from}&to=${to}&branchId=${branchId}`).set(as(u));
    const refused = async (u: string, branchId: string) => {
      const res = await drill(u, branchId).expect(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 404, code: 'BRANCH_NOT_FOUND' });
    };
    const none = { satisfactionAverage: null, satisfactionCount: 0 };
    // None of these cases missed a clock, went to court or owes anything.
    const zero = { breached: 0, breachRate: 0, judicialConfirmed: 0, obligationsOverdue: 0 };

    it('gives the children of a second-level branch and its own cases, every figure exactly', async () => {
      const res = await drill('icbc.admin', branch('icbc-qd')).expect(200);
      expect(res.body.grouping).toBe('branch');
      expect(res.body.root).toEqual({ id: branch('icbc-qd'), name: '青岛分行' });
      expect(res.body.trail).toEqual([
        { id: branch('icbc-ho'), name: '中国工商银行总行' },
        { id: branch('icbc-qd'), name: '青岛分行' },
      ]);
      expect(res.body.rows).toEqual([
        // A7, filed at 青岛分行 itself.
        { id: branch('icbc-qd'), name: '青岛分行', own: true, referrals: 1, accepted: 1, concluded: 1, settled: 1, notSettled: 0, withdrawn: 0, terminated: 0, successRate: 1, disputedFen: '40000', settledFen: '40000', medianDaysToAccept: 1, medianDaysToConclude: 6, ...none, ...zero },
        // A4 and A8 (filed at the other center: a bank's figures cover every center it deals with).
        { id: branch('icbc-qd-ls'), name: '青岛崂山支行', hasChildren: false, referrals: 2, accepted: 2, concluded: 2, settled: 0, notSettled: 1, withdrawn: 0, terminated: 1, successRate: 0, disputedFen: '350000', settledFen: '0', medianDaysToAccept: 4.5, medianDaysToConclude: 19, satisfactionAverage: 3, satisfactionCount: 1, ...zero },
        // A1, A2 (香港中路网点) and A3 (中山路网点): the outlets below count for their sub-branch.
        { id: branch('icbc-qd-sn'), name: '青岛市南支行', hasChildren: true, referrals: 3, accepted: 3, concluded: 3, settled: 1, notSettled: 1, withdrawn: 1, terminated: 0, successRate: 0.5, disputedFen: '1050000', settledFen: '300000', medianDaysToAccept: 2, medianDaysToConclude: 15, satisfactionAverage: 5, satisfactionCount: 1, ...zero },
      ]);
      // Accept days 1, 7, 2, 2, 0, 2 → 2; conclusion days 6, 20, 18, 15, 31, 1 → (15 + 18) / 2.
      expect(res.body.total).toEqual({ referrals: 6, accepted: 6, concluded: 6, settled: 2, notSettled: 2, withdrawn: 1, terminated: 1, successRate: 0.4, disputedFen: '1440000', settledFen: '340000', medianDaysToAccept: 2, medianDaysToConclude: 16.5, satisfactionAverage: 4, satisfactionCount: 2, ...zero });
    });

    it('reads the edge days of a level from the day buckets, and a level adds up to its row one level up', async () => {
      // 5 March – 9 June: A1's submission (3 March) and all of A8 (from 10 June) are out.
      const res = await drill('icbc.admin', branch('icbc-qd'), '2025-03-05', '2025-06-09').expect(200);
      const byId = Object.fromEntries(res.body.rows.map((r: { id: string }) => [r.id, r]));
      expect(byId[branch('icbc-qd')]).toMatchObject({ referrals: 1, accepted: 1, concluded: 1, settled: 1 });
      expect(byId[branch('icbc-qd-sn')]).toMatchObject({ referrals: 2, accepted: 3, concluded: 3, disputedFen: '170000', satisfactionCount: 1 });
      expect(byId[branch('icbc-qd-ls')]).toMatchObject({ referrals: 1, accepted: 1, concluded: 1, terminated: 1, notSettled: 0, successRate: 0, disputedFen: '200000', medianDaysToAccept: 7 });
      expect(res.body.total).toMatchObject({ referrals: 4, accepted: 5, concluded: 5, settled: 2, successRate: 0.5 });
      for (const [from, to] of [['2025-03-05', '2025-06-09'], ['2025-03-01', '2025-06-30']]) {
        const up = await world.http.get(`/api/v1/statistics/dashboard?from=${from}&to=${to}`).set(as('icbc.admin')).expect(200);
        const down = await drill('icbc.admin', branch('icbc-qd'), from, to).expect(200);
        const { id: _id, name: _name, hasChildren, ...figures } = up.body.rows.find((r: { id: string }) => r.id === branch('icbc-qd'));
        expect(hasChildren).toBe(true);
        expect(down.body.total).toEqual(figures);
      }
    });

    it('goes down to the outlets, and an outlet is a row of its own cases only', async () => {
      const sn = await drill('icbc.admin', branch('icbc-qd-sn')).expect(200);
      expect(sn.body.trail.map((b: { id: string }) => b.id)).toEqual([branch('icbc-ho'), branch('icbc-qd'), branch('icbc-qd-sn')]);
      expect(sn.body.rows.map((r: { name: string; own?: boolean; hasChildren?: boolean; referrals: number }) => [r.name, r.own ?? r.hasChildren, r.referrals])).toEqual([
        ['青岛市南支行', true, 0],
        ['香港中路网点', false, 2],
        ['中山路网点', false, 1],
      ]);
      const outlet = await drill('icbc.admin', branch('icbc-qd-xgzl')).expect(200);
      expect(outlet.body.rows).toHaveLength(1);
      expect(outlet.body.rows[0]).toMatchObject({ id: branch('icbc-qd-xgzl'), own: true, referrals: 2, settled: 1, notSettled: 1 });
      expect(outlet.body.total).toMatchObject({ referrals: 2, disputedFen: '1000000' });
    });

    it('lets a pinned user go at or below the pin only', async () => {
      const atPin = await drill('icbc.qd.manager', branch('icbc-qd-sn')).expect(200);
      expect(atPin.body.trail).toEqual([{ id: branch('icbc-qd-sn'), name: '青岛市南支行' }]);
      expect(atPin.body.total).toMatchObject({ referrals: 3 });
      const below = await drill('icbc.qd.manager', branch('icbc-qd-zsl')).expect(200);
      expect(below.body.trail.map((b: { id: string }) => b.id)).toEqual([branch('icbc-qd-sn'), branch('icbc-qd-zsl')]);
      expect(below.body.total).toMatchObject({ referrals: 1, withdrawn: 1 });
      // Above the pin, beside it, and the head office: not there for this user.
      await refused('icbc.qd.manager', branch('icbc-qd'));
      await refused('icbc.qd.manager', branch('icbc-qd-ls'));
      await refused('icbc.qd.manager', branch('icbc-ho'));
      // A handler pinned to an outlet has nothing below it, and not its sub-branch.
      await drill('icbc.qd.handler', branch('icbc-qd-xgzl')).expect(200);
      await refused('icbc.qd.handler', branch('icbc-qd-sn'));
    });

    it("refuses another bank's branch and a made-up one with 404, and a branch to centers with 400", async () => {
      await refused('icbc.admin', branch('qdbank-ho'));
      await refused('icbc.admin', branch('cmb-sh'));
      await refused('cmb.admin', branch('icbc-qd'));
      await refused('icbc.admin', '00000000-0000-4000-8000-000000000000');
      const bad = await drill('icbc.admin', 'qd').expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'branchId' })]);
      const center = await drill('qd.admin', branch('icbc-qd')).expect(400);
      expect(center.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'branchId' })] });
      await drill('qd.regulator', branch('icbc-qd')).expect(400);
    });

    it('exports the level with the same figures, its way down, and only its subtree’s cases', async () => {
      const load = async (u: string, q: string, status = 200) => {
        const res = await world.http
          .get(`/api/v1/statistics/dashboard.xlsx?from=2025-03-01&to=2025-06-30&${q}`)
          .set(as(u))
          .buffer(true)
          .parse((r, cb) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => cb(null, Buffer.concat(chunks)));
          })
          .expect(status);
        if (status !== 200) return { res, wb: null };
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(res.body as unknown as ArrayBuffer);
        return { res, wb };
      };
      const { wb } = await load('icbc.admin', `branchId=${branch('icbc-qd')}&cases=true`);
      const values: unknown[][] = [];
      wb!.worksheets[0].eachRow((row) => values.push((row.values as unknown[]).slice(1)));
      expect(values[1][0]).toBe('按网点 By branch（中国工商银行总行 / 青岛分行）');
      const json = (await drill('icbc.admin', branch('icbc-qd')).expect(200)).body;
      const yuan = (fen: string) => Number(fen) / 100;
      const line = (f: Record<string, unknown>) => [f.referrals, f.accepted, f.concluded, f.settled, f.notSettled, f.withdrawn, f.terminated, f.successRate ?? '—', yuan(f.disputedFen as string), yuan(f.settledFen as string), f.medianDaysToAccept ?? '—', f.medianDaysToConclude ?? '—', f.satisfactionAverage ?? '—', f.satisfactionCount, f.breached, f.breachRate ?? '—', f.judicialConfirmed, f.obligationsOverdue];
      expect(values.slice(3)).toEqual([
        ['青岛分行（本级 own cases）', ...line(json.rows[0])],
        ['青岛崂山支行', ...line(json.rows[1])],
        ['青岛市南支行', ...line(json.rows[2])],
        ['合计 Total', ...line(json.total)],
      ]);
      expect(values.at(-1)).toEqual(['合计 Total', 6, 6, 6, 2, 2, 1, 1, 0.4, 14400, 3400, 2, 16.5, 4, 2, 0, 0, 0, 0]);
      const lines: unknown[][] = [];
      wb!.worksheets[2].eachRow((row, n) => n > 1 && lines.push((row.values as unknown[]).slice(1)));
      // A1–A4, A7, A8 concluded in the period under 青岛分行; A6 (the head office's own) is not in it.
      expect(lines.map((l) => l[2]).sort()).toEqual(['中山路网点', '青岛分行', '青岛崂山支行', '青岛崂山支行', '香港中路网点', '香港中路网点'].sort());
      const { res } = await load('icbc.qd.manager', `branchId=${branch('icbc-qd')}`, 404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    });
  });

  it('gives a bank only itself', async () => {
    const cmb = await dashboard('cmb.admin').expect(200);
    expect(cmb.body.total).toMatchObject({ referrals: 1, accepted: 1, disputedFen: '990000' });
    const qdbank = await dashboard('qdbank.admin').expect(200);
    expect(qdbank.body.total).toMatchObject({ referrals: 1, settled: 1, disputedFen: '60000' });
    const sh = await dashboard('sh.admin').expect(200);
    expect(sh.body.total).toMatchObject({ referrals: 1, disputedFen: '990000' });
    expect(sh.body.rows.find((r: { id: string }) => r.id === world.org('icbc'))?.referrals ?? 0).toBe(0);
    await dashboard('qd.mediator').expect(403);
  });

  it('holds the same lines in the database: RLS on the roll-ups fails closed and keeps a bank to itself', async () => {
    const app = new Client({ connectionString: world.env.APP_DATABASE_URL });
    await app.connect();
    const seen = async (settings: Record<string, string>, table: string) => {
      await app.query('BEGIN');
      try {
        for (const [k, v] of Object.entries(settings)) await app.query(`SELECT set_config($1, $2, true)`, [k, v]);
        return (await app.query(`SELECT DISTINCT institution_id FROM ${table}`)).rows.map((r) => r.institution_id as string);
      } finally {
        await app.query('ROLLBACK');
      }
    };
    try {
      for (const t of ['statistics_branch_days', 'statistics_branch_months', 'statistics_institution_days', 'statistics_institution_months', 'statistics_case_buckets']) {
        expect(await seen({}, t)).toEqual([]);
      }
      expect(await seen({ 'app.kind': 'institution', 'app.org_id': world.org('cmb'), 'app.branch_path': '' }, 'statistics_branch_days')).toEqual([world.org('cmb')]);
      expect(await seen({ 'app.kind': 'institution', 'app.org_id': world.org('cmb'), 'app.branch_path': '' }, 'statistics_case_buckets')).toEqual([]);
      const centerSees = await seen({ 'app.kind': 'center', 'app.org_id': world.org('sh-center') }, 'statistics_institution_months');
      expect(centerSees).toContain(world.org('cmb'));
      expect(centerSees).not.toContain(world.org('qdbank'));
    } finally {
      await app.end();
    }
  });

  it('gives the regulator its jurisdiction with small counts withheld, and none recoverable as the total minus the rest', async () => {
    const res = await dashboard('qd.regulator').expect(200);
    expect(res.body.suppressBelow).toBe(5);
    const icbc = res.body.rows.find((r: { id: string }) => r.id === world.org('icbc'));
    const qdbank = res.body.rows.find((r: { id: string }) => r.id === world.org('qdbank'));
    expect(res.body.rows.map((r: { id: string }) => r.id)).not.toContain(world.org('cmb'));
    // 青岛银行 has one case: everything of it is withheld. 合计 6 − 工商银行 5 would give it back, so
    // 工商银行's 5 goes too; its outcomes (2, 1, 1, 1) and their rate (4 cases behind it) are small.
    expect(qdbank).toMatchObject({ referrals: null, concluded: null, settled: null, successRate: null, disputedFen: null, settledFen: null, medianDaysToConclude: null, satisfactionAverage: null });
    expect(icbc).toMatchObject({ referrals: null, accepted: null, concluded: null, settled: null, notSettled: null, withdrawn: null, terminated: null, successRate: null, disputedFen: null, settledFen: null });
    expect(icbc.withheld).toEqual(expect.arrayContaining(['referrals', 'concluded', 'settled', 'successRate', 'disputedFen']));
    // Its medians rest on 5 cases each: shown.
    expect(icbc).toMatchObject({ medianDaysToAccept: 2, medianDaysToConclude: 15 });
    // The jurisdiction's headline figures stay: 3 settled of 5 is 60%.
    expect(res.body.total).toMatchObject({ referrals: 6, accepted: 6, concluded: 6, successRate: 0.6, disputedFen: '1380000', medianDaysToAccept: 2.5, settled: null, settledFen: null });
    expect(subtractable(res.body)).toEqual([]);
    expect(JSON.stringify(res.body)).not.toContain('张小三');

    // February to June: 工商银行 has 5 cases behind its rate (3 settled, 1 not, 1 terminated), so its rate shows; its counts stay withheld.
    const wider = (await dashboard('qd.regulator', '2025-02-01', '2025-06-30').expect(200)).body;
    const icbcWider = wider.rows.find((r: { id: string }) => r.id === world.org('icbc'));
    expect(icbcWider).toMatchObject({ successRate: 0.6, referrals: null, settled: null });
    expect(wider.rows.find((r: { id: string }) => r.id === world.org('qdbank'))).toMatchObject({ successRate: null, settled: null });
    expect(wider.total).toMatchObject({ referrals: 8, successRate: 4 / 6 });
    expect(subtractable(wider)).toEqual([]);

    // A center sees its own figures whole: nothing is withheld and no row says so.
    const center = (await dashboard('qd.admin').expect(200)).body;
    expect(center.suppressBelow).toBeNull();
    expect(center.rows.every((r: { withheld?: string[] }) => r.withheld === undefined)).toBe(true);
  });

  it('exports the same rows and figures as XLSX, with the definitions, and on request the cases behind them', async () => {
    const plain = await world.http
      .get('/api/v1/statistics/dashboard.xlsx?from=2025-03-01&to=2025-04-30')
      .set(as('qd.admin'))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const figuresOnly = new ExcelJS.Workbook();
    await figuresOnly.xlsx.load(plain.body as unknown as ArrayBuffer);
    expect(figuresOnly.worksheets.map((w) => w.name)).toEqual(['统计 Statistics', '口径 Definitions']);
    const bad = await world.http.get('/api/v1/statistics/dashboard.xlsx?from=2025-03-01&to=2025-04-30&cases=maybe').set(as('qd.admin'));
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'cases' })]);

    const res = await world.http
      .get('/api/v1/statistics/dashboard.xlsx?from=2025-03-01&to=2025-04-30&cases=true')
      .set(as('qd.admin'))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(String(values[0][0])).toContain('2025-03-01');
    const icbc = values.find((v) => v[0] === '中国工商银行')!;
    expect(icbc.slice(1)).toEqual([5, 5, 5, 2, 1, 1, 1, 0.5, 13200, 3100, 2, 15, 4, 2, 0, 0, 0, 0]);
    const total = values.find((v) => v[0] === '合计 Total')!;
    expect(total.slice(1)).toEqual([6, 6, 6, 3, 1, 1, 1, 0.6, 13800, 3600, 2.5, 12.5, 4, 3, 0, 0, 0, 0]);
    const defs: string[] = [];
    wb.worksheets[1].eachRow((row) => defs.push(String(row.getCell(2).value)));
    expect(defs.join('\n')).toContain('调解成功率 = 调解成功 ÷（调解成功 + 未成功 + 终止）');
    // The privacy rule is the regulator's: a center's figures are whole.
    expect(defs.join('\n')).not.toContain('监管机构视图');

    // The case list behind the figures: one line per concluded case, each outcome counted as above.
    const lines: unknown[][] = [];
    wb.worksheets[2].eachRow((row, n) => n > 1 && lines.push((row.values as unknown[]).slice(1)));
    expect(wb.worksheets[2].name).toBe('案件明细 Cases');
    expect(lines).toHaveLength(6);
    const count = (outcome: string) => lines.filter((l) => l[8] === outcome).length;
    expect([count('调解成功'), count('调解不成功'), count('撤回调解'), count('终止调解')]).toEqual([3, 1, 1, 1]);
    expect(lines.reduce((sum, l) => sum + Number(l[10] ?? 0), 0)).toBeCloseTo(3600, 2);
    expect(lines.filter((l) => l[1] === '中国工商银行')).toHaveLength(5);
    expect(lines.every((l) => String(l[7]) >= '2025-03-01' && String(l[7]) <= '2025-04-30')).toBe(true);
  });

  it("gives a bank's export its own cases only, and a regulator's none (its figures withhold small counts)", async () => {
    const load = async (u: string) => {
      const res = await world.http
        .get('/api/v1/statistics/dashboard.xlsx?from=2025-03-01&to=2025-04-30&cases=true')
        .set(as(u))
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      return wb;
    };
    const bank = await load('qdbank.admin');
    const lines: unknown[][] = [];
    bank.worksheets[2].eachRow((row, n) => n > 1 && lines.push((row.values as unknown[]).slice(1)));
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines.map((l) => l[1]))).toEqual(new Set(['青岛银行']));
    // The consumer's follow-up answer is the center's: a bank's list leaves it out.
    expect(lines.every((l) => l[14] === undefined || l[14] === null)).toBe(true);
    const regulator = await load('qd.regulator');
    expect(regulator.worksheets).toHaveLength(2);

    // The regulator's sheet withholds what its screen withholds: "—" (never "<5", which in an
    // amount column reads as under ¥5), no total minus parts giving a cell back, and a note saying why.
    const values: unknown[][] = [];
    regulator.worksheets[0].eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    const icbc = values.find((v) => v[0] === '中国工商银行')!;
    const qdbank = values.find((v) => v[0] === '青岛银行')!;
    const total = values.find((v) => v[0] === '合计 Total')!;
    expect(qdbank.slice(1)).toEqual(['—', '—', '—', '—', 0, 0, 0, '—', '—', '—', '—', '—', '—', '—', 0, '—', 0, 0]);
    expect(icbc.slice(1, 11)).toEqual(['—', '—', '—', '—', '—', '—', '—', '—', '—', '—']);
    expect(icbc.slice(11, 13)).toEqual([2, 15]);
    expect(total.slice(1)).toEqual([6, 6, 6, '—', '—', '—', '—', 0.6, 13800, '—', 2.5, 12.5, '—', '—', 0, 0, 0, 0]);
    expect(values.flat().some((v) => String(v).includes('<5'))).toBe(false);
    expect(String(values.at(-1)![0])).toContain('少于5件，为保护个人信息不予显示');
    expect(String(values.at(-1)![0])).toContain('withheld to protect privacy');
    const defs: string[] = [];
    regulator.worksheets[1].eachRow((row) => defs.push(String(row.getCell(2).value)));
    expect(defs.join('\n')).toContain('监管机构视图：为保护个人信息，1–4 件的计数不予显示');
    // Cell for cell what the API answers.
    const api = (await dashboard('qd.regulator').expect(200)).body;
    const keys = ['referrals', 'accepted', 'concluded', 'settled', 'notSettled', 'withdrawn', 'terminated', 'successRate', 'disputedFen', 'settledFen'];
    for (const [sheetRow, apiRow] of [
      [icbc, api.rows.find((r: { id: string }) => r.id === world.org('icbc'))],
      [total, api.total],
    ]) {
      keys.forEach((k, i) => expect(sheetRow[i + 1] === '—').toBe(apiRow[k] === null));
    }
  });

  it('follows the live path: an outcome recorded and a survey answered reach the figures through the worker', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const icbcToday = async () => (await dashboard('qd.admin', today, today).expect(200)).body.rows.find((r: { id: string }) => r.id === world.org('icbc'));
    const before = await icbcToday();
    // A referral filed straight away (no draft) counts as soon as the worker has it.
    await world.http
      .post('/api/v1/cases')
      .set(as('icbc.qd.handler'))
      .send({ centerId: world.org('qd-center'), businessLine: 'credit_card', disputeType: 'fee_reduction', amountFen: 12300, facts: '年费争议', claims: '退年费', consumer: { name: '王小五', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345670' }, consentGiven: true })
      .expect(201);
    await eventually(async () => ((await icbcToday()).referrals === before.referrals + 1 ? true : null), 20000);
    expect((await icbcToday()).disputedFen).toBe(String(BigInt(before.disputedFen) + 12300n));
    const { caseId } = await inSessionCase(world, { handler: users['icbc.qd.handler'], intake: users['qd.intake'], mediator: users['qd.mediator'] }, 'qd.mediator', '李小四');
    await world.http.post(`/api/v1/cases/${caseId}/outcome`).set(as('qd.mediator')).send({ outcome: 'not_settled', notSettledReason: '未达成一致', otherRoutes: ['litigation'] }).expect(201);
    const after = await eventually(async () => {
      const now = await icbcToday();
      return now.concluded === before.concluded + 1 && now.referrals === before.referrals + 2 ? now : null;
    }, 20000);
    expect(after).toMatchObject({ accepted: before.accepted + 1, notSettled: before.notSettled + 1, settled: before.settled });

    // The consumer answers the follow-up from the SMS link.
    type Message = { caseId: string | null; body: string; status: string };
    const messages = async () => (await world.http.get('/api/v1/messages?pageSize=100').set(as('qd.intake'))).body.items as Message[];
    const link = await eventually(async () => (await messages()).find((m) => m.caseId === caseId && /请花一分钟评价/.test(m.body) && m.status === 'sent'), 20000);
    const token = /\/c\/([A-Za-z0-9_-]+)/.exec(link.body)![1];
    const seen = new Set((await messages()).filter((m) => /验证码/.test(m.body)).map((m) => m.body));
    await world.http.post(`/api/v1/public/consumer-links/${token}/code`).expect(200);
    const code = await eventually(async () => (await messages()).find((m) => m.caseId === caseId && /验证码 \d{6}/.test(m.body) && !seen.has(m.body)), 20000);
    const ok = await world.http.post(`/api/v1/public/consumer-links/${token}/verify`).send({ code: /验证码 (\d{6})/.exec(code.body)![1] }).expect(200);
    await world.http.post('/api/v1/public/consumer/survey').set('x-consumer-token', ok.body.accessToken).send({ satisfaction: 2 }).expect(200);
    const answered = await eventually(async () => {
      const now = await icbcToday();
      return now.satisfactionCount === (before.satisfactionCount ?? 0) + 1 ? now : null;
    }, 20000);
    expect(answered.satisfactionCount).toBe(before.satisfactionCount + 1);
    await eventually(refreshesDone, 20000);
    const incremental = await snapshot();
    await owner.query(`SELECT statistics_rebuild_all()`);
    expect(await snapshot()).toEqual(incremental);
  }, 90000);

  it('refuses a bad period with problem+json', async () => {
    const fields = async (q: string) => {
      const res = await world.http.get(`/api/v1/statistics/dashboard?${q}`).set(as('qd.admin')).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      return res.body.errors.map((e: { field: string }) => e.field);
    };
    expect(await fields('from=2025-04-01&to=2025-03-01')).toEqual(['to']);
    expect(await fields('from=2025-02-30&to=2025-03-01')).toEqual(['from']);
    expect(await fields('from=2022-01-01&to=2025-01-01')).toEqual(['to']);
    expect(await fields('from=2025-1-1&to=2025-03-01')).toContain('from');
    expect(await fields('to=2025-03-01')).toContain('from');
    await dashboard('qd.admin', '2022-01-01', '2024-12-31').expect(200);
  });
});

type Figures = Record<string, number | string | null>;
/**
 * The withheld cells a reader of a regulator's answer could work out by one subtraction: a
 * column's total minus its shown rows, a row's concluded minus its shown outcomes, or what a shown
 * success rate r says of its row (not settled + terminated = settled × (1 − r) ÷ r, concluded =
 * withdrawn + settled ÷ r).
 */
function subtractable(dash: { rows: Figures[]; total: Figures }): string[] {
  const found: string[] = [];
  const lone = (what: string, cells: (number | string | null)[]) => cells.filter((v) => v === null).length === 1 && found.push(what);
  const all = [...dash.rows, dash.total];
  for (const k of ['referrals', 'accepted', 'concluded', 'settled', 'notSettled', 'withdrawn', 'terminated', 'disputedFen', 'settledFen', 'satisfactionCount']) {
    lone(`column ${k}`, all.map((r) => r[k]));
  }
  all.forEach((r, i) => {
    lone(`row ${i}`, [r.concluded, r.settled, r.notSettled, r.withdrawn, r.terminated]);
    const rate = r.successRate as number | null;
    if (rate !== null && rate > 0 && rate < 1) {
      lone(`rate ${i}`, [r.settled, r.notSettled, r.terminated]);
      lone(`rate base ${i}`, [r.concluded, r.settled, r.withdrawn]);
    }
  });
  return found;
}
