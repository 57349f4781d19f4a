import { Injectable } from '@nestjs/common';
import { BatchMemberFacts, CaseFactsRepository, MediatorMonth, ReviewFacts, CaseBankReference, CaseSummary, ConcludedCaseFacts, ConcludedCasesOwner, ReferralLineSeries, ReferralOfUnit, ReferralUnit } from '../repositories/case-facts.repository';

/**
 * What other libs may read about cases without the case's full detail: the one door into
 * `cases` and `case_attachments` from outside libs/cases (scripts/check-table-ownership.mjs
 * fails on SQL elsewhere naming them). Reads run under the caller's transaction and RLS, so
 * they answer only what the caller's scope may see; the caller checks access first where the
 * fact is shown to a user (`CaseReading.visible`). Batch methods take many ids: no N+1.
 */
@Injectable()
export class CaseFacts {
  constructor(private readonly facts: CaseFactsRepository) {}

  /** Case id → case number (null while a draft), for the ids the scope may see. */
  async caseNumbers(ids: readonly string[]): Promise<Map<string, string | null>> {
    return new Map((await this.facts.caseNumbers([...new Set(ids)])).map((r) => [r.id, r.caseNumber]));
  }

  /** The case's number, state, owners, mediator and masked consumer name; undefined when the scope may not see it. */
  summary(id: string): Promise<CaseSummary | undefined> {
    return this.facts.summary(id);
  }

  /** The case in the bank's own terms (number, branch, its complaint reference) and its state; undefined when the scope may not see it. */
  bankReference(id: string): Promise<CaseBankReference | undefined> {
    return this.facts.bankReference(id);
  }

  /** The consumer's sealed identity (PiiVault opens it with the case id), null when there is none. */
  sealedConsumer(id: string): Promise<Buffer | null> {
    return this.facts.sealedConsumer(id);
  }

  /** Attachment id → its file name, for the ids the scope may see. */
  async attachmentNames(ids: readonly string[]): Promise<Map<string, string>> {
    return new Map((await this.facts.attachmentNames([...new Set(ids)])).map((r) => [r.id, r.fileName]));
  }

  /** Whether the attachment belongs to the case (and the scope may see it). */
  isAttachmentOf(caseId: string, attachmentId: string): Promise<boolean> {
    return this.facts.isAttachmentOf(caseId, attachmentId);
  }


  /**
   * One page of the cases concluded in [from, to] (Asia/Shanghai days), oldest first, for the
   * statistics export's case list: `limit` cases after the cursor, walking the (concluded_at, id)
   * index of the owner. The caller adds the names and the survey answer for the whole page.
   */
  concludedCases(
    owner: ConcludedCasesOwner,
    from: string,
    to: string,
    after: { at: string; id: string } | null,
    limit: number,
  ): Promise<ConcludedCaseFacts[]> {
    return this.facts.concludedCases(owner, from, to, after, limit);
  }

  /** Cases as a batch of similar cases shows and checks them (ids the scope may not see are missing). */
  batchMembers(ids: readonly string[]): Promise<BatchMemberFacts[]> {
    return this.facts.batchMembers([...new Set(ids)]);
  }

  /** A center's open cases submitted since `since` (with a keyword: naming it in facts or claims), ordered by institution, dispute type and submission. */
  batchCandidates(centerId: string, since: Date, keyword: string | null, limit: number): Promise<BatchMemberFacts[]> {
    return this.facts.batchCandidates(centerId, since, keyword, limit);
  }

  /** Concluded cases' outcome, mediator and clocks, for quality review's sampling (ids the scope may not see, or not concluded, are missing). */
  reviewFacts(ids: readonly string[]): Promise<ReviewFacts[]> {
    return this.facts.reviewFacts([...new Set(ids)]);
  }

  /** A center's concluded cases per mediator and month ('YYYY-MM', Asia/Shanghai), by outcome. */
  mediatorMonths(centerId: string, fromMonth: string, toMonth: string): Promise<MediatorMonth[]> {
    return this.facts.mediatorMonths(centerId, fromMonth, toMonth);
  }

  /**
   * Case id → what a session is shown with: its case number and mediator's name, for the ids
   * the scope may see (a case it may not see is missing, so its sessions are left out too).
   */
  async sessionLabels(ids: readonly string[]): Promise<Map<string, { caseNumber: string | null; mediatorName: string | null }>> {
    return new Map((await this.facts.sessionLabels([...new Set(ids)])).map(({ id, ...label }) => [id, label]));
  }

  /** The consumer as masked where they or others see them (their own link pages, a video room); the center that holds the case. */
  maskedConsumer(id: string): Promise<{ centerId: string; name: string; phone: string } | undefined> {
    return this.facts.maskedConsumer(id);
  }

  /**
   * Every institution × business line at every center with a referral in [scanFrom, end): its
   * referrals in each week starting at `starts` (consecutive, oldest first, `end` the day after
   * the last; by the Asia/Shanghai submission day) and its first submission day in the scan. One
   * grouped query over the window's cases only, for the early warnings (ReferralHistoryService
   * knows from the roll-ups which units had referrals before the scan).
   */
  weeklyReferralsByBusinessLine(starts: readonly string[], scanFrom: string, end: string): Promise<ReferralLineSeries[]> {
    return starts.length ? this.facts.weeklyReferralsByBusinessLine(starts, scanFrom, end) : Promise.resolve([]);
  }

  /** A unit's referrals submitted in a period, in submission order (at most `limit`), as far as the scope may see them. */
  referralsOf(unit: ReferralUnit, limit = 200): Promise<ReferralOfUnit[]> {
    return this.facts.referralsOf(unit, limit);
  }

  /**
   * A unit's cases concluded in a period (by the Asia/Shanghai conclusion day, as the roll-ups
   * count concluded and breached cases), in conclusion order (at most `limit`), as far as the
   * scope may see them. Whether a case breached is not asked here: the first-session clock needs
   * the sessions, which the roll-up reads and libs/cases does not.
   */
  concludedOf(unit: ReferralUnit, limit = 200): Promise<(ReferralOfUnit & { concludedOn: string })[]> {
    return this.facts.concludedOf(unit, limit);
  }
}

export type { ReferralLineSeries, ReferralOfUnit, ReferralUnit };

export type { ConcludedCaseFacts, ConcludedCasesOwner };

export type { CaseSummary };
export type { CaseBankReference };

export type { BatchMemberFacts, MediatorMonth, ReviewFacts };
