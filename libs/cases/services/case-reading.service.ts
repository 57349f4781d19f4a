import { Injectable } from '@nestjs/common';
import type { CaseDetail, CaseEventView, CaseListItem, ConsumerIdentityView, Page } from '@accord/contracts';
import { assertExportable, AuditService, AuthService, describeListExport, type ListExport, Database, LIST_EXPORT_BATCH, LIST_EXPORT_MAX_ROWS, normaliseIdNumber, normalisePhone, PiiVault, placedBatches, shanghaiDate } from '@accord/core';
import { CaseNotFound, IllegalTransitionError, invalid, NotAllowed } from '../cases.errors';
import type { ListCasesQuery } from '../dto/case.dto';
import { caseListColumns } from './case-list-columns';
import { CaseDetailRow, CaseRepository } from '../repositories/case.repository';
import { allowedActions, mayRevealConsumer, toDetail, toListItem } from './case-view';

/**
 * Reading cases (DOMAIN.md "Visibility"): lists, the detail, the timeline, and the consumer's
 * identity for those who serve them. `visible` and `actionable` are the doors other libs go
 * through before they touch anything of a case: a case the caller may not see is 404.
 */
@Injectable()
export class CaseReading {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseRepository,
    private readonly vault: PiiVault,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  async list(query: ListCasesQuery): Promise<Page<CaseListItem> & { totalIsCapped: boolean }> {
    const filters = this.filters(query);
    const page = await this.cases.list(filters);
    const today = shanghaiDate(new Date());
    return { ...page, items: page.items.map((r) => toListItem(r, today)) };
  }

  /**
   * The whole list for its export: the same filters and visibility as `list`, masked the same
   * way (the rows go through the same view), in the list's order. Refused past the cap; the
   * export itself is audited with its filters (never the searched phone or ID number in clear).
   */
  async exportList(query: ListCasesQuery): Promise<ListExport<CaseListItem>> {
    const filters = this.filters(query);
    const rows = await this.cases.countUpTo(filters, LIST_EXPORT_MAX_ROWS);
    assertExportable(rows);
    const { phone, idNumber, page: _page, pageSize: _size, ...shown } = query;
    await this.audit.record({
      action: 'case.list-exported',
      subjectType: 'case',
      detail: { ...shown, searched: [...(phone ? ['phone'] : []), ...(idNumber ? ['idNumber'] : [])], rows },
    });
    const scope = this.db.scope;
    const today = shanghaiDate(new Date());
    const read = (after: { at: string; id: string } | null) =>
      this.db.run(
        scope,
        async () => {
          const batch = await this.cases.exportBatch(filters, after, LIST_EXPORT_BATCH);
          return batch.map((r) => ({ cursor: { at: r.cursorAt, id: r.id }, item: toListItem(r, today) }));
        },
        { replica: true },
      );
    const intake = query.view === 'intake';
    const { view: _view, ...filtersShown } = shown;
    return describeListExport(
      intake ? { zh: '受理队列', en: 'Intake queue', file: 'intake-queue' } : { zh: '案件', en: 'Cases', file: 'cases' },
      rows,
      { ...filtersShown, phone: phone ? '…' : undefined, idNumber: idNumber ? '…' : undefined },
      caseListColumns(scope.kind === 'institution' ? 'institution' : 'center'),
      placedBatches(read),
    );
  }

  private filters(query: ListCasesQuery) {
    // The queue is ordered by submission, the list by update: each order has its index.
    if (query.sort && query.sort.endsWith('submittedAt') !== (query.view === 'intake')) {
      throw invalid('sort', query.view === 'intake' ? 'the intake queue sorts by submittedAt or -submittedAt' : 'the case list sorts by updatedAt or -updatedAt');
    }
    return {
      ...query,
      phoneHash: query.phone ? this.vault.searchHash(normalisePhone(query.phone)) : undefined,
      idHash: query.idNumber ? this.vault.searchHash(normaliseIdNumber(query.idNumber)) : undefined,
    };
  }

  async get(id: string): Promise<CaseDetail> {
    const row = await this.visible(id);
    // Earlier referrals are looked up only when the submission flagged one.
    const candidates = this.db.scope.kind === 'regulator' || !row.possibleRepeatOf ? [] : await this.cases.repeatCandidates(row);
    return toDetail(row, shanghaiDate(new Date()), this.db.scope, candidates);
  }

  /** The case if the caller may see it; anything else is 404 (ids of others can't be probed). */
  async visible(id: string): Promise<CaseDetailRow> {
    const row = await this.cases.findVisible(id);
    if (!row) throw CaseNotFound();
    return row;
  }

  async actionable(id: string, action: string): Promise<CaseDetailRow> {
    const row = await this.visible(id);
    const allowed = allowedActions(this.db.scope, row) as string[];
    // The route's role guard already admitted the caller: what stands in the way is the state.
    if (!allowed.includes(action)) throw new IllegalTransitionError(row.status, action);
    return row;
  }

  /** The consumer's full identity: only for those who serve them, and every view is audited. */
  async revealConsumer(id: string): Promise<ConsumerIdentityView> {
    const row = await this.visible(id);
    if (!mayRevealConsumer(this.db.scope, row) || !row.consumerSealed) throw NotAllowed('view the consumer’s full identity');
    // Personal data in full: the viewer proves the second factor within the last 15 minutes.
    await this.auth.requireRecentSecondFactor();
    const identity = this.vault.open(row.consumerSealed, row.id);
    // In the viewer's own organisation's trail: each organisation answers for its staff's views.
    await this.audit.record({ action: 'case.consumer-viewed', subjectType: 'case', subjectId: id, detail: { caseNumber: row.caseNumber } });
    return {
      name: identity.name,
      idType: row.consumerIdType as ConsumerIdentityView['idType'],
      idNumber: identity.idNumber,
      phone: identity.phone,
      email: identity.email,
      needsAssistance: row.consumerNeedsAssistance,
    };
  }

  /**
   * How to reach the consumer, for the system's own messages (links, codes, reminders): the
   * caller says why in the audit trail. Never returned to a person.
   */
  async contactOf(id: string, why: string): Promise<{ phone: string; email: string | null; caseNumber: string | null }> {
    const row = await this.visible(id);
    if (!row.consumerSealed) throw CaseNotFound();
    const identity = this.vault.open(row.consumerSealed, row.id);
    // In the trail of whoever reaches out: the bank's branch for a consent link, else the center.
    const organisationId = this.db.scope.kind === 'institution' ? row.institutionId : row.centerId;
    await this.audit.record({ action: 'case.consumer-contacted', subjectType: 'case', subjectId: id, organisationId, detail: { caseNumber: row.caseNumber, why } });
    return { phone: identity.phone, email: identity.email, caseNumber: row.caseNumber };
  }

  async timeline(id: string): Promise<{ items: CaseEventView[] }> {
    await this.visible(id);
    // Regulators read cases masked and in aggregate; the conversation is not theirs.
    if (this.db.scope.kind === 'regulator') return { items: [] };
    return { items: (await this.cases.timeline(id, this.db.scope.kind === 'center')) as unknown as CaseEventView[] };
  }
}
