import { Injectable } from '@nestjs/common';
import { columns, Database, RowOf } from '@accord/core';
import { FollowUpSurveyEntity } from '../entities/outcome.entities';

const ANSWER = columns(FollowUpSurveyEntity, ['caseId', 'satisfaction'] as const);

/** The queries behind SurveyFacts: narrow reads of `follow_up_surveys` for other libs. */
@Injectable()
export class SurveyFactsRepository {
  constructor(private readonly db: Database) {}

  async answeredSatisfaction(caseIds: readonly string[]): Promise<RowOf<typeof ANSWER>[]> {
    if (!caseIds.length) return [];
    return (await this.db.manager.query(
      `SELECT ${ANSWER.select()} FROM follow_up_surveys WHERE case_id = ANY($1::uuid[]) AND answered_at IS NOT NULL`,
      [caseIds],
    )) as RowOf<typeof ANSWER>[];
  }
}
