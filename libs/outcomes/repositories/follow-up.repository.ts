import { Injectable } from '@nestjs/common';
import { columns, Database, RowOf, SqlParams } from '@accord/core';
import { FollowUpSurveyEntity } from '../entities/outcome.entities';
import type { CaseOwners } from './outcome.repository';

const SURVEY = columns(FollowUpSurveyEntity, ['caseId', 'mediatorId', 'sentAt', 'answeredAt', 'satisfaction', 'comment'] as const);
export type SurveyRow = RowOf<typeof SURVEY>;

/** Satisfaction figures of one mediator (their name comes from the directory). */
export interface MediatorSatisfactionRow {
  mediatorId: string | null;
  sent: number;
  answered: number;
  average: number | null;
  distribution: [number, number, number, number, number];
}

/** The follow-up surveys (`follow_up_surveys`): sent once a case has its outcome, answered once. */
@Injectable()
export class FollowUpRepository {
  constructor(private readonly db: Database) {}

  async answeredAt(caseId: string): Promise<{ answeredAt: Date | null } | undefined> {
    const [row] = (await this.db.manager.query(`SELECT answered_at AS "answeredAt" FROM follow_up_surveys WHERE case_id = $1`, [caseId])) as { answeredAt: Date | null }[];
    return row;
  }

  /** A first send creates the survey; a later one only moves its sent time. */
  async sent(c: CaseOwners, mediatorId: string | null): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO follow_up_surveys (case_id, center_id, institution_id, branch_path, mediator_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (case_id) DO UPDATE SET sent_at = now()`,
      [c.id, c.centerId, c.institutionId, c.branchPath, mediatorId],
    );
  }

  async one(caseId: string): Promise<SurveyRow | undefined> {
    const [r] = (await this.db.manager.query(`SELECT ${SURVEY.select('f')} FROM follow_up_surveys f WHERE f.case_id = $1`, [caseId])) as SurveyRow[];
    return r;
  }

  /** A page of the center's surveys (one mediator's, when given), newest activity first, and the total. */
  async page(centerId: string | null, mediatorId: string | undefined, limit: number, offset: number): Promise<{ rows: SurveyRow[]; total: number }> {
    const p = new SqlParams();
    const where = [`f.center_id = ${p.add(centerId)}`];
    if (mediatorId) where.push(`f.mediator_id = ${p.add(mediatorId)}`);
    const [{ total }] = (await this.db.manager.query(`SELECT count(*)::int AS total FROM follow_up_surveys f WHERE ${where.join(' AND ')}`, p.values)) as { total: number }[];
    const rows = (await this.db.manager.query(
      `SELECT ${SURVEY.select('f')} FROM follow_up_surveys f WHERE ${where.join(' AND ')}
       ORDER BY coalesce(f.answered_at, f.sent_at) DESC, f.case_id LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`,
      p.values,
    )) as SurveyRow[];
    return { rows, total };
  }

  /** Sent and answered counts, the average and the 1–5 distribution, per mediator of the center. */
  async byMediator(centerId: string | null, mediatorId: string | undefined): Promise<MediatorSatisfactionRow[]> {
    const p = new SqlParams();
    return (await this.db.manager.query(
      `SELECT f.mediator_id AS "mediatorId", count(*)::int AS sent, count(f.satisfaction)::int AS answered,
              round(avg(f.satisfaction), 2)::float8 AS average,
              array[count(*) FILTER (WHERE f.satisfaction = 1), count(*) FILTER (WHERE f.satisfaction = 2), count(*) FILTER (WHERE f.satisfaction = 3),
                    count(*) FILTER (WHERE f.satisfaction = 4), count(*) FILTER (WHERE f.satisfaction = 5)]::int[] AS distribution
       FROM follow_up_surveys f
       WHERE f.center_id = ${p.add(centerId)} ${mediatorId ? `AND f.mediator_id = ${p.add(mediatorId)}` : ''}
       GROUP BY f.mediator_id`,
      p.values,
    )) as MediatorSatisfactionRow[];
  }

  /** The answer, once: undefined when the survey was answered already. */
  async answer(caseId: string, satisfaction: number, comment: string | null): Promise<{ centerId: string } | undefined> {
    const [done] = (await this.db.manager.query(
      // A CTE: an UPDATE's RETURNING alone comes back as [rows, count].
      `WITH u AS (UPDATE follow_up_surveys SET satisfaction = $2, comment = $3, answered_at = now() WHERE case_id = $1 AND answered_at IS NULL
                  RETURNING center_id AS "centerId")
       SELECT * FROM u`,
      [caseId, satisfaction, comment],
    )) as { centerId: string }[];
    return done;
  }
}
