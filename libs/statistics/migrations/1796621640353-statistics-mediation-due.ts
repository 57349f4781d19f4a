import { MigrationInterface, QueryRunner } from 'typeorm';
import { BREACHED, functions } from './1796608250764-statistics-breaches';

/**
 * The mediation clock is now kept on the case (issue 20): 30 days from the first session on the
 * center's next working day, plus the one extension both parties agreed to. A concluded case
 * breached it when it concluded after `mediation_due_on`; cases from before the clock was kept
 * (no due day) keep the outer limit, 60 days from the first session. The roll-up functions are
 * replaced with that rule and the buckets rebuilt once.
 */
const MEDIATION_DUE = (c: string) => `(coalesce(statistics_day(${c}.accepted_at) > ${c}.intake_due_on, false)
  OR coalesce(fs.day > ${c}.first_session_due_on, false)
  OR coalesce(statistics_day(${c}.concluded_at) > coalesce(${c}.mediation_due_on, fs.day + 60), false))`;

export class StatisticsMediationDue1796621640353 implements MigrationInterface {
  name = 'StatisticsMediationDue1796621640353';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of functions(true, MEDIATION_DUE)) await q.query(sql);
    await q.query(`SELECT statistics_rebuild_all()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of functions(true, BREACHED)) await q.query(sql);
    await q.query(`SELECT statistics_rebuild_all()`);
  }
}
