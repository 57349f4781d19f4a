import { Injectable } from '@nestjs/common';
import { AccessScope, columns, Database, RowOf, SqlParams } from '@accord/core';
import { SupervisionNoticeEntity } from '../entities/warning.entities';

const NOTICE = columns(SupervisionNoticeEntity, [
  'id', 'warningId', 'centerId', 'institutionId', 'regulatorId', 'sentByUserId', 'regulatorName', 'sentByName', 'text', 'sentAt', 'answer', 'answeredByUserId', 'answeredByName', 'answeredAt',
] as const);
/** The day as its 'YYYY-MM-DD' text (node-postgres would make a local-midnight Date of a date). */
const ANSWER_BY = (a: string) => `${a}.answer_by::text AS "answerBy"`;

export type NoticeRow = RowOf<typeof NOTICE> & { answerBy: string | null };

/** The first wall (RLS is the second): a regulator its jurisdiction's centers, an institution its own. */
function scoped(p: SqlParams, scope: AccessScope, alias = 'n'): string {
  if (scope.kind === 'regulator') return `${alias}.center_id = ANY(${p.add(scope.centerIds)}::uuid[])`;
  if (scope.kind === 'institution') return `${alias}.institution_id = ${p.add(scope.organisationId)}`;
  if (scope.kind === 'system') return 'true';
  return 'false';
}

/**
 * The notices' state of the warning aliased `w`, as WarningNoticeState: one awaiting its answer,
 * else some sent (all answered), else none.
 */
export function noticeStateSql(w: string): string {
  return `CASE WHEN EXISTS (SELECT 1 FROM supervision_notices sn WHERE sn.warning_id = ${w}.id AND sn.answered_at IS NULL) THEN 'awaiting_answer'
               WHEN EXISTS (SELECT 1 FROM supervision_notices sn WHERE sn.warning_id = ${w}.id) THEN 'answered' ELSE 'none' END`;
}

/** supervision_notices, with each step written onto the warning's timeline in the same statement. */
@Injectable()
export class NoticeRepository {
  constructor(private readonly db: Database) {}

  async ofWarning(warningId: string): Promise<NoticeRow[]> {
    const p = new SqlParams();
    return (await this.db.manager.query(
      `SELECT ${NOTICE.select('n')}, ${ANSWER_BY('n')} FROM supervision_notices n WHERE n.warning_id = ${p.add(warningId)} AND ${scoped(p, this.db.scope)} ORDER BY n.sent_at, n.id`,
      p.values,
    )) as NoticeRow[];
  }

  /** The notices of several warnings in one read, each warning's in order. */
  async ofWarnings(warningIds: readonly string[]): Promise<NoticeRow[]> {
    if (!warningIds.length) return [];
    const p = new SqlParams();
    return (await this.db.manager.query(
      `SELECT ${NOTICE.select('n')}, ${ANSWER_BY('n')} FROM supervision_notices n WHERE n.warning_id = ANY(${p.add(warningIds)}::uuid[]) AND ${scoped(p, this.db.scope)}
       ORDER BY n.warning_id, n.sent_at, n.id`,
      p.values,
    )) as NoticeRow[];
  }

  async one(id: string): Promise<NoticeRow | undefined> {
    const p = new SqlParams();
    const [row] = (await this.db.manager.query(
      `SELECT ${NOTICE.select('n')}, ${ANSWER_BY('n')} FROM supervision_notices n WHERE n.id = ${p.add(id)} AND ${scoped(p, this.db.scope)}`,
      p.values,
    )) as NoticeRow[];
    return row;
  }

  async hasOpen(warningId: string): Promise<boolean> {
    const rows = (await this.db.manager.query(`SELECT 1 FROM supervision_notices WHERE warning_id = $1 AND answered_at IS NULL`, [warningId])) as unknown[];
    return rows.length > 0;
  }

  /**
   * The notice and its 'notice_sent' step, in one statement. A second open notice on the warning
   * fails on uq_supervision_notices_one_open (the caller turns it into a conflict).
   */
  async send(
    w: { id: string; centerId: string; institutionId: string },
    by: { userId: string; organisationId: string; regulatorName: string; sentByName: string },
    text: string,
    answerBy: string | null,
  ): Promise<string> {
    const p = new SqlParams();
    const [row] = (await this.db.manager.query(
      `WITH n AS (INSERT INTO supervision_notices (warning_id, center_id, institution_id, regulator_id, sent_by_user_id, regulator_name, sent_by_name, text, answer_by)
                  VALUES (${p.add(w.id)}, ${p.add(w.centerId)}, ${p.add(w.institutionId)}, ${p.add(by.organisationId)}, ${p.add(by.userId)},
                          ${p.add(by.regulatorName)}, ${p.add(by.sentByName)}, ${p.add(text)}, ${p.add(answerBy)}::date)
                  RETURNING id, warning_id, center_id, institution_id, text),
            ev AS (INSERT INTO supervision_warning_events (warning_id, center_id, institution_id, kind, actor_user_id, actor_organisation_id, comment, notice_id)
                   SELECT warning_id, center_id, institution_id, 'notice_sent', ${p.add(by.userId)}, ${p.add(by.organisationId)}, text, id FROM n)
       SELECT id FROM n`,
      p.values,
    )) as { id: string }[];
    return row.id;
  }

  /** Unanswered → answered with its 'notice_answered' step, in one statement; false when it was answered already. */
  async answer(id: string, by: { userId: string; organisationId: string; name: string }, answer: string): Promise<boolean> {
    const p = new SqlParams();
    const rows = (await this.db.manager.query(
      `WITH u AS (UPDATE supervision_notices n SET answer = ${p.add(answer)}, answered_by_user_id = ${p.add(by.userId)}, answered_by_name = ${p.add(by.name)}, answered_at = now()
                  WHERE n.id = ${p.add(id)} AND n.answered_at IS NULL AND ${scoped(p, this.db.scope)} RETURNING n.id, n.warning_id, n.center_id, n.institution_id, n.answer)
       INSERT INTO supervision_warning_events (warning_id, center_id, institution_id, kind, actor_user_id, actor_organisation_id, comment, notice_id)
       SELECT warning_id, center_id, institution_id, 'notice_answered', ${p.add(by.userId)}, ${p.add(by.organisationId)}, answer, id FROM u RETURNING notice_id`,
      p.values,
    )) as unknown[];
    return rows.length > 0;
  }
}
