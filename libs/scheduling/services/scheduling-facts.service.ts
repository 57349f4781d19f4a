import { Injectable } from '@nestjs/common';
import { SchedulingFactsRepository } from '../repositories/scheduling-facts.repository';

/**
 * What other libs may read about a case's sessions and consumer links: the one door into
 * `mediation_sessions` and `consumer_links` from outside libs/scheduling. Runs under the
 * caller's transaction and RLS; the caller checks access to the case first.
 */
@Injectable()
export class SchedulingFacts {
  constructor(private readonly facts: SchedulingFactsRepository) {}

  /** The ids of the case's sessions in one of `statuses` (e.g. those still ahead). */
  sessionIdsOfCase(caseId: string, statuses: readonly string[]): Promise<string[]> {
    return this.facts.sessionIdsOfCase(caseId, statuses);
  }

  /** Document id → when its latest signing link went to the consumer. */
  async signingLinksSent(caseId: string): Promise<Map<string, Date>> {
    return new Map((await this.facts.signingLinksSent(caseId)).map((r) => [r.documentId, r.sentAt]));
  }

  /** Case id → its first session's Asia/Shanghai day (the earliest session not cancelled); cases without one are missing. */
  async firstSessionDays(caseIds: readonly string[]): Promise<Map<string, string>> {
    return new Map((await this.facts.firstSessionDays([...new Set(caseIds)])).map((r) => [r.caseId, r.day]));
  }
}
