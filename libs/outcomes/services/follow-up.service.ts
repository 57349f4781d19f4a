import { Injectable } from '@nestjs/common';
import { rooms } from '@accord/contracts';
import type { FollowUpView, MediatorSatisfaction, Page } from '@accord/contracts';
import { AuditService, ConflictError, Database, hasRole, NotFoundError, OutboxService, SqlParams, SYSTEM_SCOPE } from '@accord/core';
import { CaseService } from '@accord/cases';
import { ConsumerLinkService } from '@accord/scheduling';

const SURVEY_LINK_DAYS = 30;
const SurveyNotFound = () => new NotFoundError('Follow-up', 'FOLLOW_UP_NOT_FOUND');
const SurveyAnswered = () => new ConflictError('FOLLOW_UP_ANSWERED', 'This follow-up survey has already been answered; thank you');
const NotConcluded = () => new ConflictError('CASE_NOT_CONCLUDED', 'The follow-up survey goes out once the case has its outcome');

interface SurveyRow {
  caseId: string;
  caseNumber: string;
  mediatorName: string | null;
  sentAt: Date;
  answeredAt: Date | null;
  satisfaction: number | null;
  comment: string | null;
}

const VIEW_COLUMNS = `f.case_id AS "caseId", c.case_number AS "caseNumber", u.display_name AS "mediatorName", f.sent_at AS "sentAt",
  f.answered_at AS "answeredAt", f.satisfaction, f.comment`;
const VIEW_FROM = `follow_up_surveys f JOIN cases c ON c.id = f.case_id LEFT JOIN users u ON u.id = f.mediator_id`;

const toView = (r: SurveyRow): FollowUpView => ({
  ...r,
  sentAt: r.sentAt.toISOString(),
  answeredAt: r.answeredAt?.toISOString() ?? null,
});

/**
 * The follow-up (回访, DOMAIN.md "Follow-up"): once a case has its outcome the consumer gets a
 * link to a two-question survey (satisfaction 1–5, a comment), answered once. The center reads
 * the answers per case and per mediator; a mediator reads those of their own cases.
 */
@Injectable()
export class FollowUpService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseService,
    private readonly links: ConsumerLinkService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** Sends (or, from the center, sends again) the survey link; an answered survey is not asked twice. */
  async send(caseId: string): Promise<FollowUpView> {
    const row = await this.cases.visible(caseId);
    if (this.db.scope.kind !== 'center' && this.db.scope.kind !== 'system') throw SurveyNotFound();
    const [c] = (await this.db.manager.query(
      `SELECT c.outcome, c.mediator_id AS "mediatorId", o.name AS "centerName" FROM cases c JOIN organisations o ON o.id = c.center_id WHERE c.id = $1`,
      [row.id],
    )) as { outcome: string | null; mediatorId: string | null; centerName: string }[];
    if (!c.outcome) throw NotConcluded();
    const [existing] = (await this.db.manager.query(`SELECT answered_at AS "answeredAt" FROM follow_up_surveys WHERE case_id = $1`, [row.id])) as { answeredAt: Date | null }[];
    if (existing?.answeredAt) throw SurveyAnswered();
    await this.db.manager.query(
      `INSERT INTO follow_up_surveys (case_id, center_id, institution_id, branch_path, mediator_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (case_id) DO UPDATE SET sent_at = now()`,
      [row.id, row.centerId, row.institutionId, row.branchPath, c.mediatorId],
    );
    await this.links.sendFor({
      caseId: row.id,
      centerId: row.centerId,
      purpose: 'survey',
      expiresAt: new Date(Date.now() + SURVEY_LINK_DAYS * 86400_000),
      why: 'follow-up-survey',
      sms: (url) => `【${c.centerName}】您的调解案件 ${row.caseNumber} 已办结。请花一分钟评价本次调解服务：${url}（需短信验证码）`,
    });
    await this.audit.record({ action: 'case.follow-up-sent', subjectType: 'case', subjectId: row.id, organisationId: row.centerId, detail: { caseNumber: row.caseNumber } });
    return this.one(row.id);
  }

  /** The center's view of one case's follow-up. */
  async forCase(caseId: string): Promise<FollowUpView> {
    const row = await this.cases.visible(caseId);
    if (this.db.scope.kind !== 'center') throw SurveyNotFound();
    return this.one(row.id);
  }

  /** Answers of the center (a mediator: of their cases), newest first, a page at a time. */
  async list(query: { mediatorId?: string; page: number; pageSize: number }): Promise<Page<FollowUpView>> {
    const p = new SqlParams();
    const where = [`f.center_id = ${p.add(this.db.scope.organisationId)}`];
    const mediator = this.ownMediator() ?? query.mediatorId;
    if (mediator) where.push(`f.mediator_id = ${p.add(mediator)}`);
    const [{ total }] = (await this.db.manager.query(`SELECT count(*)::int AS total FROM follow_up_surveys f WHERE ${where.join(' AND ')}`, p.values)) as { total: number }[];
    const rows = (await this.db.manager.query(
      `SELECT ${VIEW_COLUMNS} FROM ${VIEW_FROM} WHERE ${where.join(' AND ')}
       ORDER BY coalesce(f.answered_at, f.sent_at) DESC, f.case_id LIMIT ${p.add(query.pageSize)} OFFSET ${p.add((query.page - 1) * query.pageSize)}`,
      p.values,
    )) as SurveyRow[];
    return { items: rows.map(toView), total, page: query.page, pageSize: query.pageSize };
  }

  /** Satisfaction per mediator of the center (a mediator: only their own line). */
  async byMediator(): Promise<{ items: MediatorSatisfaction[] }> {
    const p = new SqlParams();
    const own = this.ownMediator();
    const rows = (await this.db.manager.query(
      `SELECT f.mediator_id AS "mediatorId", u.display_name AS "mediatorName", count(*)::int AS sent, count(f.satisfaction)::int AS answered,
              round(avg(f.satisfaction), 2)::float8 AS average,
              array[count(*) FILTER (WHERE f.satisfaction = 1), count(*) FILTER (WHERE f.satisfaction = 2), count(*) FILTER (WHERE f.satisfaction = 3),
                    count(*) FILTER (WHERE f.satisfaction = 4), count(*) FILTER (WHERE f.satisfaction = 5)]::int[] AS distribution
       FROM follow_up_surveys f JOIN users u ON u.id = f.mediator_id
       WHERE f.center_id = ${p.add(this.db.scope.organisationId)} ${own ? `AND f.mediator_id = ${p.add(own)}` : ''}
       GROUP BY f.mediator_id, u.display_name ORDER BY u.display_name`,
      p.values,
    )) as MediatorSatisfaction[];
    return { items: rows };
  }

  /** What the consumer sees behind the survey link. */
  async consumerView(accessToken: string) {
    return this.db.run(SYSTEM_SCOPE, async () => {
      const access = await this.links.accessFor(accessToken, 'survey');
      const [row] = (await this.db.manager.query(
        `SELECT c.case_number AS "caseNumber", o.name AS "centerName", c.mediator_name AS "mediatorName", c.outcome,
                f.answered_at AS "answeredAt", f.satisfaction, f.comment
         FROM follow_up_surveys f JOIN cases c ON c.id = f.case_id JOIN organisations o ON o.id = c.center_id WHERE f.case_id = $1`,
        [access.caseId],
      )) as Record<string, unknown>[];
      if (!row) throw SurveyNotFound();
      return row;
    });
  }

  /** The consumer's answer, once. */
  async answer(accessToken: string, answer: { satisfaction: number; comment?: string }) {
    await this.db.run(SYSTEM_SCOPE, async () => {
      const access = await this.links.accessFor(accessToken, 'survey');
      const [done] = (await this.db.manager.query(
        // A CTE: an UPDATE's RETURNING alone comes back as [rows, count].
        `WITH u AS (UPDATE follow_up_surveys SET satisfaction = $2, comment = $3, answered_at = now() WHERE case_id = $1 AND answered_at IS NULL
                    RETURNING center_id AS "centerId")
         SELECT * FROM u`,
        [access.caseId, answer.satisfaction, answer.comment?.trim() || null],
      )) as { centerId: string }[];
      if (!done) throw SurveyAnswered();
      await this.outbox.add({
        type: 'case.updated',
        organisationId: done.centerId,
        rooms: [rooms.organisation(done.centerId)],
        payload: { caseId: access.caseId, centerId: done.centerId, change: 'follow_up_answered' },
        job: 'outcomes.close-when-done',
      });
      // The answer counts in the satisfaction figures: the worker recounts the case's buckets.
      await this.outbox.add({ type: 'statistics.stale', organisationId: done.centerId, payload: { caseId: access.caseId }, job: 'statistics.refresh-case' });
      await this.audit.record({ action: 'case.follow-up-answered', subjectType: 'case', subjectId: access.caseId, organisationId: done.centerId, detail: { satisfaction: answer.satisfaction } });
    });
    return this.consumerView(accessToken);
  }

  private async one(caseId: string): Promise<FollowUpView> {
    const [r] = (await this.db.manager.query(`SELECT ${VIEW_COLUMNS} FROM ${VIEW_FROM} WHERE f.case_id = $1`, [caseId])) as SurveyRow[];
    if (!r) throw SurveyNotFound();
    return toView(r);
  }

  /** A mediator without the center-wide roles reads their own answers only. */
  private ownMediator(): string | undefined {
    const s = this.db.scope;
    return hasRole(s, 'center_admin', 'intake_officer') ? undefined : (s.userId ?? undefined);
  }
}
