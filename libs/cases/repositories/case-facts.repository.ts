import { Injectable } from '@nestjs/common';
import { columns, Database, RowOf } from '@accord/core';
import { CaseEntity } from '../entities/case.entity';

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

  async sessionLabels(ids: readonly string[]): Promise<RowOf<typeof SESSION_LABEL>[]> {
    if (!ids.length) return [];
    return (await this.db.manager.query(`SELECT ${SESSION_LABEL.select()} FROM cases WHERE id = ANY($1::uuid[])`, [ids])) as RowOf<typeof SESSION_LABEL>[];
  }

  async maskedConsumer(id: string): Promise<{ centerId: string; name: string; phone: string } | undefined> {
    const [row] = (await this.db.manager.query(
      `SELECT center_id AS "centerId", consumer_name_masked AS name, consumer_phone_masked AS phone FROM cases WHERE id = $1`,
      [id],
    )) as { centerId: string; name: string; phone: string }[];
    return row;
  }

  async filedBy(id: string): Promise<RowOf<typeof FILER> | undefined> {
    const [row] = (await this.db.manager.query(`SELECT ${FILER.select()} FROM cases WHERE id = $1`, [id])) as RowOf<typeof FILER>[];
    return row;
  }
}

const SESSION_LABEL = columns(CaseEntity, ['id', 'caseNumber', 'mediatorName'] as const);
const FILER = columns(CaseEntity, ['createdByUserId'] as const);
