import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CaseAttachmentView } from '@accord/contracts';
import { APP_CONFIG, AppConfig, Database, FileStorage, sniffEvidence } from '@accord/core';
import { AttachmentNotFound, AttachmentTooLarge, AttachmentTypeRefused, NotAllowed } from '../cases.errors';
import { SqlParams } from '@accord/core';
import { actorName, CaseRepository } from '../repositories/case.repository';
import { allowedActions } from './case-view';
import { CaseService } from './case.service';

export interface IncomingFile {
  fileName: string;
  /** Undefined when the upload ran past the size limit. */
  body: Buffer | undefined;
}

/** Evidence: checked by what the bytes are, stored by our key, listed on the timeline. */
@Injectable()
export class AttachmentService {
  constructor(
    private readonly db: Database,
    private readonly caseService: CaseService,
    private readonly cases: CaseRepository,
    private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(caseId: string): Promise<{ items: CaseAttachmentView[] }> {
    await this.caseService.visible(caseId);
    const items = (await this.db.manager.query(
      `SELECT id, file_name AS "fileName", content_type AS "contentType", size_bytes AS "sizeBytes", uploaded_by_name AS "uploadedByName", created_at AS "createdAt"
       FROM case_attachments WHERE case_id = $1 ORDER BY created_at, id`,
      [caseId],
    )) as CaseAttachmentView[];
    return { items };
  }

  async add(caseId: string, file: IncomingFile): Promise<CaseAttachmentView> {
    const row = await this.caseService.visible(caseId);
    if (!allowedActions(this.db.scope, row).includes('attach')) throw NotAllowed('attach documents');
    if (!file.body) throw AttachmentTooLarge(this.config.UPLOAD_MAX_BYTES);
    if (file.body.length === 0) throw AttachmentTypeRefused();
    const contentType = await sniffEvidence(file.body);
    if (!contentType) throw AttachmentTypeRefused();
    const id = randomUUID();
    const storageKey = `cases/${caseId}/${id}`;
    const fileName = cleanFileName(file.fileName);
    const p = new SqlParams();
    const scope = this.db.scope;
    const [view] = (await this.db.manager.query(
      `WITH a AS (
         INSERT INTO case_attachments (id, case_id, center_id, institution_id, branch_path, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by, uploaded_by_name)
         VALUES (${p.add(id)}, ${p.add(caseId)}, ${p.add(row.centerId)}, ${p.add(row.institutionId)}, ${p.add(row.branchPath)}, ${p.add(fileName)},
                 ${p.add(contentType)}, ${p.add(file.body.length)}, ${p.add(createHash('sha256').update(file.body).digest())}, ${p.add(storageKey)},
                 ${p.add(scope.userId)}, ${actorName(p, scope)})
         RETURNING id, file_name AS "fileName", content_type AS "contentType", size_bytes AS "sizeBytes", uploaded_by_name AS "uploadedByName", created_at AS "createdAt")
       SELECT * FROM a`,
      p.values,
    )) as CaseAttachmentView[];
    await this.cases.addEvent(row, { kind: 'attachment', body: fileName, detail: { attachmentId: id, contentType, sizeBytes: file.body.length } });
    await this.caseService.changed(row, 'attachment', { kind: 'attachment', detail: { attachmentId: id } });
    // The rows first, the bytes last: if storing fails the transaction rolls the rows back.
    await this.storage.put(storageKey, file.body, contentType);
    return view;
  }

  async content(caseId: string, attachmentId: string): Promise<{ fileName: string; contentType: string; body: Buffer }> {
    await this.caseService.visible(caseId);
    const [row] = (await this.db.manager.query(
      `SELECT file_name AS "fileName", content_type AS "contentType", storage_key AS "storageKey" FROM case_attachments WHERE id = $1 AND case_id = $2`,
      [attachmentId, caseId],
    )) as { fileName: string; contentType: string; storageKey: string }[];
    if (!row) throw AttachmentNotFound();
    return { fileName: row.fileName, contentType: row.contentType, body: await this.storage.get(row.storageKey) };
  }
}

/** A name to show and download under: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Control characters (C0 and DEL) and quotes would break the Content-Disposition header.
  const clean = [...base].filter((ch) => ch.charCodeAt(0) >= 0x20 && ch !== '\u007f' && ch !== '"').join('').trim().slice(-200);
  return clean || 'attachment';
}
