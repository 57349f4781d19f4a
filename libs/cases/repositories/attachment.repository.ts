import { Injectable } from '@nestjs/common';
import type { CaseAttachmentView } from '@accord/contracts';
import { Database, SqlParams } from '@accord/core';
import { actorName, CaseRow } from './case.repository';

const VIEW = `id, file_name AS "fileName", content_type AS "contentType", size_bytes AS "sizeBytes", uploaded_by_name AS "uploadedByName", created_at AS "createdAt"`;

/** A case's evidence files: the rows; the bytes are in FileStorage under `storageKey`. */
@Injectable()
export class AttachmentRepository {
  constructor(private readonly db: Database) {}

  async list(caseId: string): Promise<CaseAttachmentView[]> {
    return (await this.db.manager.query(`SELECT ${VIEW} FROM case_attachments WHERE case_id = $1 ORDER BY created_at, id`, [caseId])) as CaseAttachmentView[];
  }

  /** The uploader's name is kept as it was at upload time. */
  async insert(
    row: Pick<CaseRow, 'id' | 'centerId' | 'institutionId' | 'branchPath'>,
    a: { id: string; fileName: string; contentType: string; sizeBytes: number; sha256: Buffer; storageKey: string },
  ): Promise<CaseAttachmentView> {
    const p = new SqlParams();
    const scope = this.db.scope;
    const [view] = (await this.db.manager.query(
      `INSERT INTO case_attachments (id, case_id, center_id, institution_id, branch_path, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by, uploaded_by_name)
       VALUES (${p.add(a.id)}, ${p.add(row.id)}, ${p.add(row.centerId)}, ${p.add(row.institutionId)}, ${p.add(row.branchPath)}, ${p.add(a.fileName)},
               ${p.add(a.contentType)}, ${p.add(a.sizeBytes)}, ${p.add(a.sha256)}, ${p.add(a.storageKey)}, ${p.add(scope.userId)}, ${actorName(p, scope)})
       RETURNING ${VIEW}`,
      p.values,
    )) as CaseAttachmentView[];
    return view;
  }

  async find(caseId: string, id: string): Promise<{ fileName: string; contentType: string; storageKey: string } | undefined> {
    const [row] = (await this.db.manager.query(
      `SELECT file_name AS "fileName", content_type AS "contentType", storage_key AS "storageKey" FROM case_attachments WHERE id = $1 AND case_id = $2`,
      [id, caseId],
    )) as { fileName: string; contentType: string; storageKey: string }[];
    return row;
  }
}
