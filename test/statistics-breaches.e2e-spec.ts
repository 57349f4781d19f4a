import { Client } from 'pg';
import { cloneCases } from './support/cloned-cases';
import { eventually, SignedIn, TestWorld } from './support/test-world';

/**
 * The three figures DOMAIN.md "Statistics" names besides the success rate: time-limit breaches
 * (by conclusion day), judicial confirmations (by the court's result day) and obligations not
 * performed by their due day (by due day). Cases cloned and backdated as the owner, their clocks,
 * sessions, court results and obligations written in SQL, counted by the real worker job and
 * checked against statistics_rebuild_all; then the regulator's view of them (small counts withheld,
 * none recoverable by subtraction) and the console's institution table filters.
 */
describe('statistics: breaches, judicial confirmations, overdue obligations', () => {
  let world: TestWorld;
  let owner: Client;
  const users: Record<string, SignedIn> = {};
  const as = (u: string) => users[u].auth;
  const icbc: string[] = [];
  const qdbank: string[] = [];
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);

  const refreshesDone = async () => {
    const [row] = (
      await owner.query(`SELECT (SELECT count(*) FROM outbox WHERE job_name = 'statistics.refresh-case')::int AS queued,
                                (SELECT count(*) FROM processed_jobs WHERE job_name = 'statistics.refresh-case')::int AS done`)
    ).rows;
    return row.queued > 0 && row.queued === row.done;
  };
  const stale = (caseId: string) => owner.query(`INSERT INTO outbox (type, payload, job_name) VALUES ('statistics.stale', $1, 'statistics.refresh-case')`, [JSON.stringify({ caseId })]);
  const snapshot = async () => {
    const out: Record<string, unknown[]> = {};
    for (const t of ['statistics_branch_days', 'statistics_branch_months', 'statistics_institution_days', 'statistics_institution_months', 'statistics_case_buckets']) {
      out[t] = (await owner.query(`SELECT * FROM ${t}`)).rows
        .map((r) => JSON.stringify(r, (k, v) => (k === 'days' ? [...new Set(v as string[])].sort() : v)))
        .sort();
    }
    return out;
  };
  const dashboard = (u: string, q: string) => world.http.get(`/api/v1/statistics/dashboard?${q}`).set(as(u));
  const row = (body: { rows: { id: string }[] }, key: string) => body.rows.find((r) => r.id === world.org(key)) as Record<string, unknown> | undefined;
  let mediatorId: string;
  let sessionHour = 0;
  /** A session of the case at `day` (Asia/Shanghai), each an hour apart so the mediator is never double-booked. */
  const session = async (caseId: string, day: string, status = 'concluded') => {
    const start = `${day}T${String(8 + (sessionHour++ % 10)).padStart(2, '0')}:00:00+08:00`;
    await owner.query(
      `INSERT INTO mediation_sessions (case_id, center_id, institution_id, branch_path, mediator_id, channel, status, during, starts_at, ends_at)
       SELECT id, center_id, institution_id, branch_path, $2, 'phone', $3, tstzrange($4::timestamptz, $4::timestamptz + interval '30 minutes'), $4::timestamptz, $4::timestamptz + interval '30 minutes'
       FROM cases WHERE id = $1`,
      [caseId, mediatorId, status, start],
    );
  };
  const judicial = (caseId: string, result: string | null, resultOn: string | null) =>
    owner.query(
      `INSERT INTO judicial_confirmations (case_id, center_id, institution_id, branch_path, effective_on, window_ends_on, applying, court, applied_on, result, result_on)
       SELECT id, center_id, institution_id, branch_path, '2025-05-20', '2025-06-19', true, '青岛市市南区人民法院', '2025-05-25', $2, $3 FROM cases WHERE id = $1`,
      [caseId, result, resultOn],
    );
  const obligation = (caseId: string, position: number, dueOn: string, status: string, performedAt: string | null) =>
    owner.query(
      `INSERT INTO case_obligations (case_id, center_id, institution_id, branch_path, position, owed_by, description, amount_fen, due_on, status, performed_at)
       SELECT id, center_id, institution_id, branch_path, $2, 'institution', '退还年费', 30000, $3, $4, $5 FROM cases WHERE id = $1 RETURNING id`,
      [caseId, position, dueOn, status, performedAt],
    );

  beforeAll(async () => {
    world = await TestWorld.start();
    owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    for (const u of ['qd.admin', 'qd.regulator', 'icbc.admin']) users[u] = await world.signIn(u);
    mediatorId = (await owner.query(`SELECT id FROM users WHERE username = 'qd.mediator'`)).rows[0].id;
    // May 2025 at the QD center: 8 ICBC credit-card cases and 8 青岛银行 personal-loan ones, accepted the day they came, concluded on 20 May.
    const outcomes = ['settled', 'settled', 'settled', 'settled', 'settled', 'not_settled', 'not_settled', 'terminated'] as const;
    const may = { submittedAt: '2025-05-05T10:00:00+08:00', concludedAt: '2025-05-20T15:00:00+08:00', outcomes: [...outcomes], n: 8 };
    icbc.push(...(await cloneCases(owner, world.org('icbc'), { ...may, businessLine: 'credit_card', disputeType: 'fee_reduction', prefix: 'BRI' })));
    qdbank.push(...(await cloneCases(owner, world.org('qdbank'), { ...may, businessLine: 'personal_loan', disputeType: 'repayment_negotiation', prefix: 'BRQ' })));
    await owner.query(`UPDATE cases SET center_id = $2, intake_due_on = '2025-05-12', first_session_due_on = '2025-05-19' WHERE id = ANY($1::uuid[])`, [[...icbc, ...qdbank], world.org('qd-center')]);
    // ICBC: [0] accepted after its intake due day and its first session late too — one breach, not two;
    // [1] first session late; [2] concluded 71 days after its first session (in July);
    // [3] a session cancelled late and the held one on time — no breach; the rest no clock missed.
    await owner.query(`UPDATE cases SET intake_due_on = '2025-05-04', first_session_due_on = '2025-05-06' WHERE id = $1`, [icbc[0]]);
    await session(icbc[0], '2025-05-09');
    await session(icbc[1], '2025-05-10');
    await owner.query(`UPDATE cases SET first_session_due_on = '2025-05-09' WHERE id = $1`, [icbc[1]]);
    await session(icbc[2], '2025-05-10');
    await owner.query(`UPDATE cases SET concluded_at = '2025-07-20T10:00:00+08:00' WHERE id = $1`, [icbc[2]]);
    await session(icbc[3], '2025-05-25', 'cancelled');
    await session(icbc[3], '2025-05-15');
    // 青岛银行: six accepted after their intake due day.
    await owner.query(`UPDATE cases SET intake_due_on = '2025-05-02' WHERE id = ANY($1::uuid[])`, [qdbank.slice(0, 6)]);
    // Courts: ICBC three confirmed on 3 June, one refused, one pending; 青岛银行 five confirmed on 3 June.
    for (const c of icbc.slice(0, 3)) await judicial(c, 'confirmed', '2025-06-03');
    await judicial(icbc[3], 'refused', '2025-06-03');
    await judicial(icbc[4], 'pending', null);
    for (const c of qdbank.slice(0, 5)) await judicial(c, 'confirmed', '2025-06-03');
    // Obligations due 25 May: ICBC one flagged overdue, one performed two days late, one on time, one due 26 May still open.
    await obligation(icbc[0], 1, '2025-05-25', 'overdue', null);
    await obligation(icbc[1], 1, '2025-05-25', 'performed', '2025-05-27T10:00:00+08:00');
    await obligation(icbc[2], 1, '2025-05-25', 'performed', '2025-05-24T10:00:00+08:00');
    await obligation(icbc[3], 1, '2025-05-26', 'due', null);
    await world.startWorker();
    for (const c of [...icbc, ...qdbank]) await stale(c);
    await eventually(refreshesDone, 30000);
  }, 120000);

  afterAll(async () => {
    await owner?.end();
    await world?.stop();
  });

  it('counts each figure once, on its own day, and the worker’s refresh equals a rebuild', async () => {
    const may = (await dashboard('qd.admin', 'from=2025-05-01&to=2025-05-31').expect(200)).body;
    expect(row(may, 'icbc')).toMatchObject({ concluded: 7, breached: 2, breachRate: 2 / 7, judicialConfirmed: 0, obligationsOverdue: 2 });
    expect(row(may, 'qdbank')).toMatchObject({ concluded: 8, breached: 6, breachRate: 0.75, judicialConfirmed: 0, obligationsOverdue: 0 });
    // On the conclusion day, not the day of acceptance or of the late session.
    expect(row((await dashboard('qd.admin', 'from=2025-05-20&to=2025-05-20').expect(200)).body, 'icbc')).toMatchObject({ breached: 2 });
    expect(row((await dashboard('qd.admin', 'from=2025-05-05&to=2025-05-19').expect(200)).body, 'icbc')).toMatchObject({ breached: 0 });
    // The overdue obligations on their due day; the one performed on time and the one still open are not counted.
    expect(row((await dashboard('qd.admin', 'from=2025-05-25&to=2025-05-25').expect(200)).body, 'icbc')).toMatchObject({ obligationsOverdue: 2 });
    expect(row((await dashboard('qd.admin', 'from=2025-05-26&to=2025-05-26').expect(200)).body, 'icbc')?.obligationsOverdue ?? 0).toBe(0);
    const june = (await dashboard('qd.admin', 'from=2025-06-03&to=2025-06-03').expect(200)).body;
    expect(row(june, 'icbc')).toMatchObject({ judicialConfirmed: 3, concluded: 0, breachRate: null });
    expect(row(june, 'qdbank')).toMatchObject({ judicialConfirmed: 5 });
    const july = (await dashboard('qd.admin', 'from=2025-07-01&to=2025-07-31').expect(200)).body;
    expect(row(july, 'icbc')).toMatchObject({ concluded: 1, breached: 1, breachRate: 1 });
    expect((await dashboard('qd.admin', 'from=2025-05-01&to=2025-07-31').expect(200)).body.total).toMatchObject({ concluded: 16, breached: 9, judicialConfirmed: 8, obligationsOverdue: 2 });

    const incremental = await snapshot();
    await owner.query(`SELECT statistics_refresh_case($1)`, [icbc[0]]);
    expect(await snapshot()).toEqual(incremental);
    await owner.query(`SELECT statistics_rebuild_all()`);
    expect(await snapshot()).toEqual(incremental);
  });

  it('recounts a case when a court’s decision is recorded and when an obligation is performed late', async () => {
    const [fresh] = await cloneCases(owner, world.org('icbc'), {
      businessLine: 'credit_card',
      disputeType: 'fee_reduction',
      submittedAt: `${yesterday}T09:00:00+08:00`,
      concludedAt: `${yesterday}T17:00:00+08:00`,
      outcomes: ['settled'],
      n: 1,
      prefix: 'BRL',
    });
    await owner.query(`UPDATE cases SET center_id = $2 WHERE id = $1`, [fresh, world.org('qd-center')]);
    await owner.query(
      `INSERT INTO judicial_confirmations (case_id, center_id, institution_id, branch_path, effective_on, window_ends_on) SELECT id, center_id, institution_id, branch_path, $2::date, $2::date + 30 FROM cases WHERE id = $1`,
      [fresh, yesterday],
    );
    await owner.query(
      `INSERT INTO case_outcomes (case_id, center_id, institution_id, branch_path, outcome, recorded_by_name) SELECT id, center_id, institution_id, branch_path, 'settled', '李小四' FROM cases WHERE id = $1`,
      [fresh],
    );
    await obligation(fresh, 1, yesterday, 'overdue', null);
    // Due yesterday and not flagged yet (the overdue job runs at midnight): not counted until performed late.
    const [{ id: owed }] = (await obligation(fresh, 2, yesterday, 'due', null)).rows;
    const figures = async (day: string) => row((await dashboard('qd.admin', `from=${day}&to=${day}`).expect(200)).body, 'icbc') ?? {};
    // Nothing has asked the worker yet: the overdue flag written by hand is not counted.
    expect((await figures(yesterday)).obligationsOverdue ?? 0).toBe(0);
    await world.http
      .put(`/api/v1/cases/${fresh}/judicial-confirmation`)
      .set(as('qd.admin'))
      .send({ applying: true, court: '青岛市市南区人民法院', appliedOn: today, result: 'confirmed', resultOn: today })
      .expect(200);
    await eventually(async () => ((await figures(today)).judicialConfirmed === 1 ? true : null), 20000);
    // The refresh recounted the case's days: its late obligation is counted on its due day.
    expect((await figures(yesterday)).obligationsOverdue).toBe(1);
    const done = await world.http.post(`/api/v1/cases/${fresh}/obligations/${owed}/performed`).set(as('icbc.admin')).send({ note: '已退还年费，流水号 20250601' });
    expect([done.status, done.body.code]).toEqual([200, undefined]);
    // Performed after its due day: counted as not performed in time, once the worker has recounted.
    await eventually(async () => ((await figures(yesterday)).obligationsOverdue === 2 ? true : null), 20000);
    await eventually(refreshesDone, 20000);
    const incremental = await snapshot();
    await owner.query(`SELECT statistics_rebuild_all()`);
    expect(await snapshot()).toEqual(incremental);
  }, 60000);

  it('withholds the new counts from a regulator when small, with a complement so no subtraction gives them back', async () => {
    const body = (await dashboard('qd.regulator', 'from=2025-05-01&to=2025-05-31').expect(200)).body;
    const i = row(body, 'icbc')!;
    const q = row(body, 'qdbank')!;
    // ICBC's 2 breaches are withheld, and its breach rate (7 concluded × rate would give them back);
    // 青岛银行's 6 goes too, else 合计 8 − 6 = 2 — and with it its rate.
    expect(i).toMatchObject({ breached: null, breachRate: null, obligationsOverdue: null });
    expect(q).toMatchObject({ breached: null, breachRate: null });
    expect(i.withheld).toEqual(expect.arrayContaining(['breached', 'breachRate', 'obligationsOverdue']));
    // The jurisdiction's 2 overdue obligations are themselves a small count: withheld in the total row too.
    expect(body.total).toMatchObject({ breached: 8, breachRate: 8 / 15, obligationsOverdue: null });
    expect(q.obligationsOverdue).toBe(0);
    const june = (await dashboard('qd.regulator', 'from=2025-06-01&to=2025-06-30').expect(200)).body;
    expect(row(june, 'icbc')).toMatchObject({ judicialConfirmed: null });
    expect(row(june, 'qdbank')).toMatchObject({ judicialConfirmed: null });
    expect(june.total).toMatchObject({ judicialConfirmed: 8 });
    // No column of the new counts has a lone withheld cell, and no breach rate shows beside a withheld count.
    for (const dash of [body, june]) {
      const all = [...dash.rows, dash.total] as Record<string, number | null>[];
      for (const k of ['breached', 'judicialConfirmed', 'obligationsOverdue']) expect(all.filter((r) => r[k] === null).length).not.toBe(1);
      for (const r of all) if (r.breached === null || r.concluded === null) expect(r.breachRate).toBeNull();
    }
  });

  describe('the console’s institution table filters', () => {
    it('narrows to a center of the jurisdiction, and answers any other center as unknown', async () => {
      const all = (await dashboard('qd.regulator', 'from=2025-05-01&to=2025-05-31').expect(200)).body;
      const one = (await dashboard('qd.regulator', `from=2025-05-01&to=2025-05-31&centerId=${world.org('qd-center')}`).expect(200)).body;
      expect(one.filter).toEqual({ centerId: world.org('qd-center'), businessLine: null, disputeType: null });
      expect(one.rows).toEqual(all.rows);
      expect(one.figuresAvailable).toContain('breached');
      for (const id of [world.org('sh-center'), '00000000-0000-4000-8000-000000000000']) {
        const res = await dashboard('qd.regulator', `from=2025-05-01&to=2025-05-31&centerId=${id}`).expect(404);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.code).toBe('CENTER_NOT_FOUND');
      }
      // A center may name itself only.
      await dashboard('qd.admin', `from=2025-05-01&to=2025-05-31&centerId=${world.org('qd-center')}`).expect(200);
      expect((await dashboard('qd.admin', `from=2025-05-01&to=2025-05-31&centerId=${world.org('sh-center')}`).expect(404)).body.code).toBe('CENTER_NOT_FOUND');
    });

    it('serves the counts that exist by business line and dispute type, and says which', async () => {
      const line = (await dashboard('qd.regulator', 'from=2025-05-01&to=2025-05-31&businessLine=credit_card').expect(200)).body;
      expect(line.filter).toEqual({ centerId: null, businessLine: 'credit_card', disputeType: null });
      expect(line.figuresAvailable).toEqual(['referrals', 'accepted', 'concluded', 'settled', 'notSettled', 'withdrawn', 'terminated', 'successRate']);
      // Only ICBC's credit-card cases: 8 in, 7 concluded in May (the eighth in July).
      expect(row(line, 'qdbank')).toBeUndefined();
      expect(row(line, 'icbc')).toMatchObject({ referrals: 8, accepted: 8, concluded: 7, disputedFen: null, breached: null, medianDaysToConclude: null, judicialConfirmed: null, satisfactionAverage: null });
      // Not available is not withheld: `withheld` names privacy only.
      expect(row(line, 'icbc')!.withheld).not.toContain('breached');
      const type = (await dashboard('qd.regulator', 'from=2025-05-01&to=2025-05-31&disputeType=repayment_negotiation').expect(200)).body;
      expect(row(type, 'icbc')).toBeUndefined();
      expect(row(type, 'qdbank')).toMatchObject({ referrals: 8, concluded: 8 });
      // The filtered counts keep the small-cell rule: 青岛银行's 1 terminated is withheld, with a complement.
      expect(row(type, 'qdbank')).toMatchObject({ terminated: null });
      const both = (await dashboard('qd.regulator', 'from=2025-05-01&to=2025-05-31&businessLine=personal_loan&disputeType=fee_reduction').expect(200)).body;
      expect(both.rows).toEqual([]);
      // The current month up to today is whole as far as it goes.
      await dashboard('qd.regulator', `from=${today.slice(0, 8)}01&to=${today}&businessLine=credit_card`).expect(200);
    });

    it('refuses a bad filter with problem+json naming the field', async () => {
      const fields = async (u: string, q: string) => {
        const res = await dashboard(u, q).expect(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.code).toBe('VALIDATION_FAILED');
        return res.body.errors.map((e: { field: string }) => e.field).sort();
      };
      expect(await fields('qd.regulator', 'from=2025-05-01&to=2025-05-31&businessLine=mortgage_x')).toEqual(['businessLine']);
      expect(await fields('qd.regulator', 'from=2025-05-01&to=2025-05-31&disputeType=nope')).toEqual(['disputeType']);
      expect(await fields('qd.regulator', 'from=2025-05-01&to=2025-05-31&centerId=qd')).toEqual(['centerId']);
      // Business-line figures are monthly: a period cut inside a month is refused, not rounded.
      expect(await fields('qd.regulator', 'from=2025-05-03&to=2025-05-30&businessLine=credit_card')).toEqual(['from', 'to']);
      // A bank reads its own branches: the dashboard's center and business-line filters are not its.
      expect(await fields('icbc.admin', `from=2025-05-01&to=2025-05-31&centerId=${world.org('qd-center')}&businessLine=credit_card`)).toEqual(['businessLine', 'centerId']);
    });
  });
});
