import { Injectable } from '@nestjs/common';
import { caseRooms, timelineMessage } from '@accord/contracts';
import type { ObligationDueItem, ObligationView, Page } from '@accord/contracts';
import { AuditService, ConflictError, Database, FieldError, hasRole, OutboxService, ValidationFailedError } from '@accord/core';
import { CaseFacts, CaseLifecycle, CaseReading } from '@accord/cases';
import { ObligationNotFound } from '../outcomes.errors';
import { ObligationRepository } from '../repositories/obligation.repository';
import { OutcomeService } from './outcome.service';

const AlreadyPerformed = () => new ConflictError('OBLIGATION_PERFORMED', 'This obligation is already marked performed');
const NotYours = () => new ConflictError('OBLIGATION_NOT_YOURS', 'Only the center marks what the consumer owes as performed');

/**
 * Performance (履行, DOMAIN.md "Performance"): each obligation of a settlement is marked
 * performed with its evidence — by the owing bank for what it owes, by the center for any.
 * Reminders before the due date and the overdue flag after it come from delayed jobs.
 */
@Injectable()
export class PerformanceService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseReading,
    private readonly caseLifecycle: CaseLifecycle,
    private readonly caseFacts: CaseFacts,
    private readonly obligations: ObligationRepository,
    private readonly outcomes: OutcomeService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The open obligations due by a day, for a home page: what the bank owes (or the center
   * follows), each with its case number. Counted up to the page, like the case lists ("N+").
   */
  async openDue(query: { owedBy?: ObligationDueItem['owedBy']; dueBy?: string; page: number; pageSize: number }): Promise<Page<ObligationDueItem>> {
    const offset = (query.page - 1) * query.pageSize;
    const { rows, hasMore } = await this.obligations.openDue({ owedBy: query.owedBy, dueBy: query.dueBy, limit: query.pageSize, offset });
    const numbers = await this.caseFacts.caseNumbers(rows.map((r) => r.caseId));
    const items = rows.map((r): ObligationDueItem => ({ ...r, caseNumber: numbers.get(r.caseId) ?? null }));
    return { items, total: offset + items.length + (hasMore ? 1 : 0), page: query.page, pageSize: query.pageSize };
  }

  async markPerformed(caseId: string, obligationId: string, evidence: { note: string; attachmentId?: string }): Promise<ObligationView> {
    const row = await this.cases.visible(caseId);
    const scope = this.db.scope;
    const bank = scope.kind === 'institution' && hasRole(scope, 'complaint_handler', 'branch_manager', 'institution_admin');
    const center = scope.kind === 'center' && (row.mediatorId === scope.userId || hasRole(scope, 'center_admin', 'intake_officer'));
    if (!bank && !center) throw ObligationNotFound();
    const o = await this.obligations.lockOfCase(obligationId, row.id);
    if (!o) throw ObligationNotFound();
    if (o.status === 'performed') throw AlreadyPerformed();
    if (bank && o.owedBy !== 'institution') throw NotYours();
    if (evidence.attachmentId && !(await this.caseFacts.isAttachmentOf(row.id, evidence.attachmentId))) {
      throw new ValidationFailedError([new FieldError('attachmentId', 'must be an attachment of this case')]);
    }
    await this.obligations.markPerformed(obligationId, scope.userId ?? null, evidence.note.trim(), evidence.attachmentId ?? null);
    await this.caseLifecycle.note(row, { kind: 'outcome', body: `履行完毕：${evidence.note.trim()}`, detail: { obligationId, performed: true, ...timelineMessage('obligationPerformed', { note: evidence.note.trim() }) } });
    await this.outbox.add({ type: 'case.updated', rooms: caseRooms(row), payload: { caseId: row.id, centerId: row.centerId, status: row.status, change: 'obligation_performed' }, job: 'outcomes.close-when-done' });
    // Performed after its due day, it stays counted as overdue in the statistics; the worker recounts the case's buckets.
    await this.outbox.add({ type: 'statistics.stale', payload: { caseId: row.id }, job: 'statistics.refresh-case' });
    await this.audit.record({ action: 'case.obligation-performed', subjectType: 'case', subjectId: row.id, detail: { caseNumber: row.caseNumber, obligationId } });
    const view = await this.outcomes.get(row.id);
    return view.obligations.find((b) => b.id === obligationId)!;
  }
}
