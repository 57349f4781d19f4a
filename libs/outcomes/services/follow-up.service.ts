import { Injectable } from '@nestjs/common';
import { rooms } from '@accord/contracts';
import type { FollowUpView, MediatorSatisfaction, Page } from '@accord/contracts';
import { assertExportable, AuditService, ConflictError, Database, describeListExport, hasRole, LIST_EXPORT_BATCH, LIST_EXPORT_MAX_ROWS, type ListExport, NotFoundError, OutboxService, placedBatches, SYSTEM_SCOPE } from '@accord/core';
import { CaseFacts, CaseReading } from '@accord/cases';
import { DirectoryService } from '@accord/organisations';
import { ConsumerLinkService } from '@accord/scheduling';
import { FollowUpRepository, SurveyRow } from '../repositories/follow-up.repository';
import { FOLLOW_UP_LIST_COLUMNS } from './follow-up-list-columns';

const SURVEY_LINK_DAYS = 30;
const SurveyNotFound = () => new NotFoundError('Follow-up', 'FOLLOW_UP_NOT_FOUND');
const SurveyAnswered = () => new ConflictError('FOLLOW_UP_ANSWERED', 'This follow-up survey has already been answered; thank you');
const NotConcluded = () => new ConflictError('CASE_NOT_CONCLUDED', 'The follow-up survey goes out once the case has its outcome');

/**
 * The follow-up (回访, DOMAIN.md "Follow-up"): once a case has its outcome the consumer gets a
 * link to a two-question survey (satisfaction 1–5, a comment), answered once. The center reads
 * the answers per case and per mediator; a mediator reads those of their own cases.
 */
@Injectable()
export class FollowUpService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseReading,
    private readonly caseFacts: CaseFacts,
    private readonly directory: DirectoryService,
    private readonly links: ConsumerLinkService,
    private readonly surveys: FollowUpRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** Sends (or, from the center, sends again) the survey link; an answered survey is not asked twice. */
  async send(caseId: string): Promise<FollowUpView> {
    const row = await this.cases.visible(caseId);
    if (this.db.scope.kind !== 'center' && this.db.scope.kind !== 'system') throw SurveyNotFound();
    if (!row.outcome) throw NotConcluded();
    const existing = await this.surveys.answeredAt(row.id);
    if (existing?.answeredAt) throw SurveyAnswered();
    await this.surveys.sent(row, row.mediatorId);
    await this.links.sendFor({
      caseId: row.id,
      centerId: row.centerId,
      purpose: 'survey',
      expiresAt: new Date(Date.now() + SURVEY_LINK_DAYS * 86400_000),
      why: 'follow-up-survey',
      sms: (url) => `【${row.centerName}】您的调解案件 ${row.caseNumber} 已办结。请花一分钟评价本次调解服务：${url}（需短信验证码）`,
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
    const mediator = this.ownMediator() ?? query.mediatorId;
    const { rows, total } = await this.surveys.page(this.db.scope.organisationId, mediator, query.pageSize, (query.page - 1) * query.pageSize);
    return { items: await this.views(rows), total, page: query.page, pageSize: query.pageSize };
  }

  /** The same list as XLSX: every answer the filters select (50,000 at most), in the list's order, audited. */
  async exportList(query: { mediatorId?: string }): Promise<ListExport<FollowUpView>> {
    const centerId = this.db.scope.organisationId;
    const mediator = this.ownMediator() ?? query.mediatorId;
    const rows = await this.surveys.countUpTo(centerId, mediator, LIST_EXPORT_MAX_ROWS);
    assertExportable(rows);
    await this.audit.record({ action: 'follow-up.list-exported', subjectType: 'case', detail: { ...(query.mediatorId ? { mediatorId: query.mediatorId } : {}), rows } });
    const scope = this.db.scope;
    const read = (after: { at: string; id: string } | null) =>
      this.db.run(scope, async () => {
        const batch = await this.surveys.exportBatch(centerId, mediator, after, LIST_EXPORT_BATCH);
        const views = new Map((await this.views(batch)).map((v) => [v.caseId, v]));
        return batch.map((r) => ({ cursor: { at: r.cursorAt, id: r.caseId }, item: views.get(r.caseId) ?? null }));
      });
    return describeListExport({ zh: '回访评价', en: 'Follow-ups', file: 'follow-ups' }, rows, { mediatorId: query.mediatorId }, FOLLOW_UP_LIST_COLUMNS, placedBatches(read));
  }

  /** Satisfaction per mediator of the center (a mediator: only their own line), by name. */
  async byMediator(): Promise<{ items: MediatorSatisfaction[] }> {
    const rows = await this.surveys.byMediator(this.db.scope.organisationId, this.ownMediator());
    const names = await this.directory.userNames(rows.flatMap((r) => (r.mediatorId ? [r.mediatorId] : [])));
    const byId = new Map(rows.map((r) => [r.mediatorId, r]));
    // The directory's order is the names' order; a mediator it cannot name has no line.
    const items = [...names].map(([mediatorId, mediatorName]): MediatorSatisfaction => {
      const r = byId.get(mediatorId)!;
      return { mediatorId, mediatorName, sent: r.sent, answered: r.answered, average: r.average, distribution: r.distribution };
    });
    return { items };
  }

  /** What the consumer sees behind the survey link. */
  async consumerView(accessToken: string) {
    return this.db.run(SYSTEM_SCOPE, async () => {
      const access = await this.links.accessFor(accessToken, 'survey');
      const f = await this.surveys.one(access.caseId);
      const c = f && (await this.caseFacts.summary(f.caseId));
      if (!f || !c) throw SurveyNotFound();
      const centerName = (await this.directory.organisationNames([c.centerId])).get(c.centerId);
      if (centerName === undefined) throw SurveyNotFound();
      return {
        caseNumber: c.caseNumber,
        centerName,
        mediatorName: c.mediatorName,
        outcome: c.outcome,
        answeredAt: f.answeredAt,
        satisfaction: f.satisfaction,
        comment: f.comment,
      } as Record<string, unknown>;
    });
  }

  /** The consumer's answer, once. */
  async answer(accessToken: string, answer: { satisfaction: number; comment?: string }) {
    await this.db.run(SYSTEM_SCOPE, async () => {
      const access = await this.links.accessFor(accessToken, 'survey');
      const done = await this.surveys.answer(access.caseId, answer.satisfaction, answer.comment?.trim() || null);
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
    const r = await this.surveys.one(caseId);
    if (!r) throw SurveyNotFound();
    const [view] = await this.views([r]);
    if (!view) throw SurveyNotFound();
    return view;
  }

  /** The rows with their case numbers and mediators' names, fetched once for the page. */
  private async views(rows: SurveyRow[]): Promise<FollowUpView[]> {
    const numbers = await this.caseFacts.caseNumbers(rows.map((r) => r.caseId));
    const names = await this.directory.userNames(rows.flatMap((r) => (r.mediatorId ? [r.mediatorId] : [])));
    return rows
      .filter((r) => numbers.has(r.caseId))
      .map((r) => ({
        caseId: r.caseId,
        caseNumber: numbers.get(r.caseId) as string,
        mediatorName: (r.mediatorId && names.get(r.mediatorId)) ?? null,
        sentAt: r.sentAt.toISOString(),
        answeredAt: r.answeredAt?.toISOString() ?? null,
        satisfaction: r.satisfaction,
        comment: r.comment,
      }));
  }

  /** A mediator without the center-wide roles reads their own answers only. */
  private ownMediator(): string | undefined {
    const s = this.db.scope;
    return hasRole(s, 'center_admin', 'intake_officer') ? undefined : (s.userId ?? undefined);
  }
}
