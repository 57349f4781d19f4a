import { Injectable } from '@nestjs/common';
import { timelineMessage } from '@accord/contracts';
import type { CaseDetail } from '@accord/contracts';
import { CaseFacts, CaseLifecycle, CaseReading } from '@accord/cases';
import { ObligationsOpen } from '../outcomes.errors';
import { ObligationRepository } from '../repositories/obligation.repository';
import { OutcomeRepository } from '../repositories/outcome.repository';

const CONCLUDED = ['settled', 'not_settled', 'withdrawn', 'terminated'];

/**
 * Closing a concluded case (结案): nothing may still be owed. The center closes by hand (a
 * consumer who never answers the survey); `closeWhenDone` closes on its own once all is done.
 */
@Injectable()
export class ClosingService {
  constructor(
    private readonly cases: CaseReading,
    private readonly caseLifecycle: CaseLifecycle,
    private readonly caseFacts: CaseFacts,
    private readonly outcomes: OutcomeRepository,
    private readonly obligations: ObligationRepository,
  ) {}

  async close(caseId: string, note?: string): Promise<CaseDetail> {
    const row = await this.cases.actionable(caseId, 'close');
    const open = await this.obligations.countOpen(row.id);
    if (open > 0) throw ObligationsOpen(open);
    return this.caseLifecycle.move(row, 'closed', note?.trim() ? { kind: 'transition', body: note.trim() } : { kind: 'transition', body: '结案', detail: timelineMessage('closed', {}) });
  }

  /**
   * Closes the case when everything after the outcome is done: the follow-up answered, every
   * obligation performed and, for a settlement, the agreement signed. Runs as the system.
   */
  async closeWhenDone(caseId: string): Promise<void> {
    const c = await this.caseFacts.summary(caseId);
    if (!c || !CONCLUDED.includes(c.status)) return;
    // Only an outcome other than a settlement goes without a signed agreement.
    const agreementNeeded = c.outcome === null || c.outcome === 'settled';
    if (!(await this.outcomes.allDone(caseId, agreementNeeded))) return;
    const row = await this.cases.visible(caseId);
    await this.caseLifecycle.move(row, 'closed', { kind: 'transition', body: '回访完成、协议履行完毕，自动结案', detail: timelineMessage('autoClosed', {}) });
  }
}
