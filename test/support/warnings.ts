import { Client } from 'pg';
import { JobRegistry, JobRunner } from '@accord/core';
import { eventually, SignedIn, TestWorld } from './test-world';

/**
 * A synthetic referral history in 2029–2030 for the early warnings (投诉风险预警), judged with the
 * job's `today` = 2030-02-10, so the latest complete month is January 2030 and the demo's own cases
 * (years earlier) are only a long run of zeros:
 * - 青岛银行 at the 青岛 center: 3 referrals a month for 12 months, then 20 (roll-up rows) → fires;
 * - 工商银行 at the 青岛 center: filed cases, one in January 2029, six in January 2030, all 信用卡
 *   → fires for the institution and for its credit-card line, listing the six cases;
 * - 招商银行 at the 上海 center: 4 a month, flat → silent;
 * - 上海农商 at the 青岛 center (where it has no demo cases): first referrals in June 2029 (7 prior
 *   months), then 30 → silent.
 * Needs a started worker; `handler` is the signed-in icbc.qd.handler who files 工商银行's cases.
 */
export const WARNINGS_TODAY = '2030-02-10';
export const WARNINGS_JAN = '2030-01-01';

export function months(from: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + i);
    return d.toISOString().slice(0, 10);
  });
}

/** Seeds the history; answers the ids of 工商银行's six January 2030 cases. */
export async function seedWarningHistory(world: TestWorld, owner: Client, handler: SignedIn): Promise<string[]> {
  const spikeCases: string[] = [];
  const rollup = async (center: string, institution: string, counts: [string, number][]) => {
    for (const [month, n] of counts) {
      await owner.query(`INSERT INTO statistics_institution_months (center_id, month, institution_id, referrals) VALUES ($1, $2, $3, $4)`, [
        world.org(center),
        month,
        world.org(institution),
        n,
      ]);
    }
  };
  // 工商银行's history through filed cases, backdated as the system and recounted into the roll-ups.
  const filed: { id: string; at: string }[] = [];
  for (const at of ['2029-01-15T10:00:00+08:00', ...[10, 11, 12, 13, 14, 15].map((d) => `2030-01-${d}T10:00:00+08:00`)]) {
    const res = await world.http
      .post('/api/v1/cases')
      .set(handler.auth)
      .send({
        centerId: world.org('qd-center'),
        businessLine: 'credit_card',
        disputeType: 'fee_reduction',
        amountFen: 10000,
        facts: '分期手续费争议',
        claims: '减免手续费',
        consumer: { name: '张小三', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345678' },
        consentGiven: true,
      });
    if (res.status !== 201) throw new Error(`filing a case: ${res.status} ${JSON.stringify(res.body)}`);
    filed.push({ id: res.body.id, at });
    if (at.startsWith('2030')) spikeCases.push(res.body.id);
  }
  for (const c of filed) await owner.query(`UPDATE cases SET submitted_at = $2 WHERE id = $1`, [c.id, c.at]);
  // The worker's own refresh of the filings may land before or after the backdating: wait for it, then recount.
  await eventually(async () => {
    const [r] = (
      await owner.query(`SELECT (SELECT count(*) FROM outbox WHERE job_name = 'statistics.refresh-case')::int AS q, (SELECT count(*) FROM processed_jobs WHERE job_name = 'statistics.refresh-case')::int AS d`)
    ).rows;
    return r.q > 0 && r.q === r.d;
  }, 30000);
  for (const c of filed) await owner.query(`SELECT statistics_refresh_case($1)`, [c.id]);

  await rollup('qd-center', 'qdbank', [...months('2029-01-01', 12).map((m): [string, number] => [m, 3]), [WARNINGS_JAN, 20]]);
  await rollup('sh-center', 'cmb', months('2029-01-01', 13).map((m): [string, number] => [m, 4]));
  await rollup('qd-center', 'srcb', [...months('2029-06-01', 7).map((m): [string, number] => [m, 1]), [WARNINGS_JAN, 30]]);
  return spikeCases;
}

/** Runs the detection job once, as the worker would, with `today` = 2030-02-10 unless told. */
export async function detectWarnings(world: TestWorld, jobId: string, today = WARNINGS_TODAY): Promise<boolean> {
  const worker = world.workers[0];
  return worker.get(JobRunner).runOnce(jobId, 'supervision.detect-warnings', worker.get(JobRegistry).get('supervision.detect-warnings'), { today });
}
