import { Injectable } from '@nestjs/common';
import { Database } from '@accord/core';

/** The queries behind SchedulingFacts: narrow reads of sessions and consumer links for other libs. */
@Injectable()
export class SchedulingFactsRepository {
  constructor(private readonly db: Database) {}

  async sessionIdsOfCase(caseId: string, statuses: readonly string[]): Promise<string[]> {
    const rows = (await this.db.manager.query(`SELECT id FROM mediation_sessions WHERE case_id = $1 AND status = ANY($2::text[])`, [caseId, statuses])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async signingLinksSent(caseId: string): Promise<{ documentId: string; sentAt: Date }[]> {
    return (await this.db.manager.query(
      `SELECT document_id AS "documentId", MAX(created_at) AS "sentAt" FROM consumer_links WHERE case_id = $1 AND purpose = 'signing' GROUP BY document_id`,
      [caseId],
    )) as { documentId: string; sentAt: Date }[];
  }
}
