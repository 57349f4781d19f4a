import { Injectable } from '@nestjs/common';
import { CaseFactsRepository, ConcludedCaseFacts, ConcludedCasesOwner } from '../repositories/case-facts.repository';

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
}

export type { ConcludedCaseFacts, ConcludedCasesOwner };
