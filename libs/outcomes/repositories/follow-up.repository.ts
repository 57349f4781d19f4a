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

/** The list's order: the latest of answer and send. */
const ACTIVITY = 'coalesce(f.answered_at, f.sent_at)';

function surveysWhere(centerId: string | null, mediatorId: string | undefined, p: SqlParams): string[] {
  const where = [`f.center_id = ${p.add(centerId)}`];
  if (mediatorId) where.push(`f.mediator_id = ${p.add(mediatorId)}`);
  return where;
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
    const where = surveysWhere(centerId, mediatorId, p);
    const [{ total }] = (await this.db.manager.query(`SELECT count(*)::int AS total FROM follow_up_surveys f WHERE ${where.join(' AND ')}`, p.values)) as { total: number }[];
    const rows = (await this.db.manager.query(
      `SELECT ${SURVEY.select('f')} FROM follow_up_surveys f WHERE ${where.join(' AND ')}
       ORDER BY ${ACTIVITY} DESC, f.case_id DESC LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`,
      p.values,
    )) as SurveyRow[];
    return { rows, total };
  }

  /** How many surveys the list holds, counted up to `limit` + 1 (an export's cap). */
  async countUpTo(centerId: string | null, mediatorId: string | undefined, limit: number): Promise<number> {
    const p = new SqlParams();
    const where = surveysWhere(centerId, mediatorId, p);
    const [{ n }] = (await this.db.manager.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM follow_up_surveys f WHERE ${where.join(' AND ')} LIMIT ${p.add(limit + 1)}) x`,
      p.values,
    )) as { n: number }[];
    return n;
  }

  /** One batch in the list's order after the survey `after` names (keyset, for the export). */
  async exportBatch(centerId: string | null, mediatorId: string | undefined, after: { at: string; id: string } | null, limit: number): Promise<(SurveyRow & { cursorAt: string })[]> {
    const p = new SqlParams();
    const where = surveysWhere(centerId, mediatorId, p);
    if (after) where.push(`(${ACTIVITY}, f.case_id) < (${p.add(after.at, 'timestamptz')}, ${p.add(after.id, 'uuid')})`);
    return (await this.db.manager.query(
      `SELECT ${SURVEY.select('f')}, ${ACTIVITY}::text AS "cursorAt" FROM follow_up_surveys f WHERE ${where.join(' AND ')}
       ORDER BY ${ACTIVITY} DESC, f.case_id DESC LIMIT ${p.add(limit)}`,
      p.values,
    )) as (SurveyRow & { cursorAt: string })[];
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
