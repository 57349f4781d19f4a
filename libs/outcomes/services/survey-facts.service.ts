import { Injectable } from '@nestjs/common';
import { SurveyFactsRepository } from '../repositories/survey-facts.repository';

/**
 * What other libs may read about follow-up surveys (回访): the door into `follow_up_surveys`
 * from outside libs/outcomes. Reads run under the caller's transaction and RLS (answers are the
 * center's: another scope gets none). Batch methods take many ids: one query, never one per row.
 */
@Injectable()
export class SurveyFacts {
  constructor(private readonly surveys: SurveyFactsRepository) {}

  /** Case id → satisfaction (1–5) of its answered survey; cases without an answer are absent. */
  async satisfaction(caseIds: readonly string[]): Promise<Map<string, number>> {
    const answers = new Map<string, number>();
    for (const r of await this.surveys.answeredSatisfaction([...new Set(caseIds)])) if (r.satisfaction !== null) answers.set(r.caseId, r.satisfaction);
    return answers;
  }
}
