import { Injectable } from '@nestjs/common';
import { CaseFactsRepository } from '../repositories/case-facts.repository';

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

  /** Who filed the case (the bank's user), null when it was not filed by a user; undefined for no such case. */
  async filedBy(id: string): Promise<string | null | undefined> {
    return (await this.facts.filedBy(id))?.createdByUserId;
  }
}
