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

  /** Each case's first session day (Asia/Shanghai) — the earliest session not cancelled, as the statistics count it. */
  async firstSessionDays(caseIds: readonly string[]): Promise<{ caseId: string; day: string }[]> {
    if (!caseIds.length) return [];
    return (await this.db.manager.query(
      `SELECT case_id AS "caseId", to_char(min(starts_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day
       FROM mediation_sessions WHERE case_id = ANY($1::uuid[]) AND status <> 'cancelled' GROUP BY case_id`,
      [caseIds],
    )) as { caseId: string; day: string }[];
  }
}
