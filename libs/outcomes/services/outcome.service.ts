import { Injectable } from '@nestjs/common';
import { caseRooms, OUTCOME_ZH, timelineMessage } from '@accord/contracts';
import type { OutcomeView } from '@accord/contracts';
import { Database, hasRole, OutboxService, shanghaiDate } from '@accord/core';
import { CaseFacts, CaseLifecycle, CaseReading } from '@accord/cases';
import { DirectoryService } from '@accord/organisations';
import { ConsumerLinkService, SchedulingFacts, SchedulingService } from '@accord/scheduling';
import { SessionConsoleService } from '@accord/sessions';
import type { RecordOutcomeDto, TermsDto } from '../dto/outcome.dto';
import { NotYourOutcome, OutcomeKindFixed, OutcomeNotFound, TermsFixed } from '../outcomes.errors';
import { DocumentRepository } from '../repositories/document.repository';
import { FollowUpRepository } from '../repositories/follow-up.repository';
import { JudicialRepository } from '../repositories/judicial.repository';
import { ObligationRepository } from '../repositories/obligation.repository';
import { CaseOwners, OutcomeRepository } from '../repositories/outcome.repository';
import { checkOutcome, detailColumns, obligationsOf, outcomeSummary, outcomeSummaryParams, settledAmountOf, termsOf } from './outcome-rules';

/**
 * The outcome of a mediation (DOMAIN.md "Outcome"): the mediator concludes the case as settled
 * (with its terms and obligations), not settled (with the reason and the routes the consumer is
 * told about), withdrawn or terminated. One transaction writes the details, moves the case and
 * keeps the outcome on it for the statistics; the follow-up survey goes out from the worker.
 */
@Injectable()
export class OutcomeService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseReading,
    private readonly caseLifecycle: CaseLifecycle,
    private readonly caseFacts: CaseFacts,
    private readonly directory: DirectoryService,
    private readonly outbox: OutboxService,
    private readonly sessions: SessionConsoleService,
    private readonly scheduling: SchedulingService,
    private readonly schedulingFacts: SchedulingFacts,
    private readonly links: ConsumerLinkService,
    private readonly outcomes: OutcomeRepository,
    private readonly obligations: ObligationRepository,
    private readonly documents: DocumentRepository,
    private readonly judicial: JudicialRepository,
    private readonly surveys: FollowUpRepository,
  ) {}

  async record(caseId: string, dto: RecordOutcomeDto): Promise<OutcomeView> {
    const row = await this.cases.actionable(caseId, 'record_outcome');
    checkOutcome(dto, shanghaiDate(new Date()));
    const terms = termsOf(dto);
    const settledAmountFen = settledAmountOf(terms);
    // The case moves first: a concurrent second outcome loses here, before anything is written.
    await this.caseLifecycle.conclude(row, dto.outcome, settledAmountFen, {
      body: outcomeSummary(dto),
      detail: { outcome: dto.outcome, settledAmountFen, ...timelineMessage('outcomeRecorded', outcomeSummaryParams(dto)) },
    });
    const recordedBy = this.db.scope.userId ?? null;
    const recordedByName = (recordedBy ? (await this.directory.user(recordedBy))?.displayName : undefined) ?? 'system';
    await this.outcomes.insert(row, dto.outcome, detailColumns(dto, terms), recordedBy, recordedByName);
    if (terms) await this.writeObligations(row, terms);
    // A session still running ends with the outcome: its console and everyone's status show it.
    for (const id of await this.schedulingFacts.sessionIdsOfCase(row.id, ['in_progress'])) await this.sessions.conclude(id, { summary: `调解结果：${OUTCOME_ZH[dto.outcome]}` }, timelineMessage('sessionEndedByOutcome', { outcome: dto.outcome }).message);
    // Sessions still ahead (a next date booked at an adjournment) are cancelled with the outcome:
    // they free the mediator's and the room's time, their reminders go, and the parties are told.
    for (const id of await this.schedulingFacts.sessionIdsOfCase(row.id, ['booked', 'waiting'])) {
      await this.scheduling.close(
        id,
        'cancelled',
        `调解已有结果（${OUTCOME_ZH[dto.outcome]}），本次会议取消`,
        timelineMessage('sessionCancelledByOutcome', { outcome: dto.outcome }).message,
      );
    }
    await this.outbox.add({
      type: 'case.outcome-recorded',
      rooms: caseRooms(row),
      payload: { caseId: row.id, outcome: dto.outcome },
      job: 'outcomes.send-follow-up',
    });
    if (terms?.obligations.length) {
      await this.outbox.add({ type: 'case.obligations-recorded', rooms: [], payload: { caseId: row.id }, job: 'outcomes.plan-reminders' });
    }
    return this.view(row.id);
  }

  /**
   * Corrects the recorded outcome's details (a typo in the terms found at review) while nobody has
   * signed a document of the case and nothing has been performed: the terms and obligations are
   * written anew, drafts made from the old ones are superseded (the signing link with them), the
   * amount on the case and the statistics follow. The outcome itself (settled…) stays.
   */
  async amend(caseId: string, dto: RecordOutcomeDto): Promise<OutcomeView> {
    const row = await this.cases.visible(caseId);
    const scope = this.db.scope;
    if (scope.kind !== 'center' || !(row.mediatorId === scope.userId || hasRole(scope, 'center_admin'))) throw NotYourOutcome();
    // The live documents locked first: a signature arriving now waits, then finds its draft superseded.
    await this.documents.lockAllLive(row.id);
    const o = await this.outcomes.lockWithProgress(row.id);
    if (!o) throw OutcomeNotFound();
    if (row.status === 'closed') throw TermsFixed('the case is closed');
    if (o.signed || o.signing) throw TermsFixed('a document of the case has been signed');
    if (o.performed) throw TermsFixed('an obligation has been performed');
    if (dto.outcome !== o.outcome) throw OutcomeKindFixed(o.outcome);
    checkOutcome(dto, shanghaiDate(new Date()));
    const terms = termsOf(dto);
    const settledAmountFen = settledAmountOf(terms);
    await this.outcomes.updateDetails(row.id, detailColumns(dto, terms));
    await this.obligations.deleteOfCase(row.id);
    if (terms) await this.writeObligations(row, terms);
    const superseded = await this.documents.supersedeUnsigned(row.id);
    await this.links.revokeForCase(row.id, 'signing');
    await this.caseLifecycle.amendOutcome(row, settledAmountFen, {
      body: `修改调解结果：${outcomeSummary(dto)}`,
      detail: { outcome: dto.outcome, settledAmountFen, amended: true, supersededDocuments: superseded, ...timelineMessage('outcomeAmended', outcomeSummaryParams(dto)) },
    });
    // Reminders follow the new obligations (those of the old ones find nothing and do nothing).
    if (terms?.obligations.length) {
      await this.outbox.add({ type: 'case.obligations-recorded', rooms: [], payload: { caseId: row.id }, job: 'outcomes.plan-reminders' });
    }
    return this.view(row.id);
  }

  async get(caseId: string): Promise<OutcomeView> {
    const row = await this.cases.visible(caseId);
    return this.view(row.id);
  }

  private async writeObligations(row: CaseOwners, terms: TermsDto): Promise<void> {
    if (!terms.obligations.length) return;
    await this.obligations.insertAll(row, obligationsOf(terms));
  }

  private async view(caseId: string): Promise<OutcomeView> {
    const o = await this.outcomes.view(caseId);
    if (!o) throw OutcomeNotFound();
    const obligations = await this.obligations.ofCase(caseId);
    const evidence = await this.caseFacts.attachmentNames(obligations.flatMap((b) => (b.evidenceAttachmentId ? [b.evidenceAttachmentId] : [])));
    const c = await this.caseFacts.summary(caseId);
    if (!c) throw OutcomeNotFound();
    const fixed = c.status === 'closed' || (await this.outcomes.signedOrPerformed(caseId));
    const refundFen = Number(o.refundFen);
    const feeWaiverFen = Number(o.feeWaiverFen);
    const scope = this.db.scope;
    const mayAmend = scope.kind === 'center' && (c.mediatorId === scope.userId || hasRole(scope, 'center_admin'));
    // What the case page may ask for next: "no window yet" and "no survey yet" are normal states,
    // told here so the page never asks for what is not there (and meets a 404).
    const [judicialRow, survey] = await Promise.all([this.judicial.window(caseId), scope.kind === 'center' ? this.surveys.one(caseId) : undefined]);
    return {
      judicialWindow: judicialRow !== undefined,
      followUp: survey !== undefined,
      amendable: mayAmend && !fixed,
      caseId: o.caseId,
      outcome: o.outcome,
      recordedAt: o.recordedAt.toISOString(),
      recordedByName: o.recordedByName,
      settledAmountFen: refundFen + feeWaiverFen,
      terms:
        o.outcome === 'settled'
          ? {
              refundFen,
              feeWaiverFen,
              instalment: o.instalmentCount ? { totalFen: Number(o.instalmentTotalFen), count: o.instalmentCount, firstDueOn: o.instalmentFirstDueOn as string } : null,
              freeText: o.freeTerms,
            }
          : null,
      notSettledReason: o.notSettledReason,
      otherRoutes: o.otherRoutes,
      terminationReason: o.terminationReason,
      note: o.note,
      obligations: obligations.map((b) => ({
        ...b,
        performedAt: b.performedAt?.toISOString() ?? null,
        evidenceFileName: b.evidenceAttachmentId ? (evidence.get(b.evidenceAttachmentId) ?? null) : null,
      })),
    };
  }
}
