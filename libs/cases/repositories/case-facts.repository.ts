import { Injectable } from '@nestjs/common';
import { Database } from '@accord/core';

/** The queries behind CaseFacts: narrow reads of `cases` and its attachments for other libs. */
@Injectable()
export class CaseFactsRepository {
  constructor(private readonly db: Database) {}

  async caseNumbers(ids: readonly string[]): Promise<{ id: string; caseNumber: string | null }[]> {
    if (!ids.length) return [];
    return (await this.db.manager.query(`SELECT id, case_number AS "caseNumber" FROM cases WHERE id = ANY($1::uuid[])`, [ids])) as {
      id: string;
      caseNumber: string | null;
    }[];
  }
}
