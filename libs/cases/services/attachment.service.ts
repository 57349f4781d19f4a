import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CaseAttachmentView } from '@accord/contracts';
import { APP_CONFIG, AppConfig, assertArchiveWithinLimits, Database, FileStorage, sniffEvidence, ZIP_CONTAINER_TYPES } from '@accord/core';
import { AttachmentNotFound, AttachmentTooLarge, AttachmentTypeRefused, NotAllowed } from '../cases.errors';
import { AttachmentRepository } from '../repositories/attachment.repository';
import { CaseRepository } from '../repositories/case.repository';
import { allowedActions } from './case-view';
import { CaseLifecycle } from './case-lifecycle.service';
import { CaseReading } from './case-reading.service';

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
    private readonly reading: CaseReading,
    private readonly lifecycle: CaseLifecycle,
    private readonly cases: CaseRepository,
    private readonly attachments: AttachmentRepository,
    private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(caseId: string): Promise<{ items: CaseAttachmentView[] }> {
    await this.reading.visible(caseId);
    const items = await this.attachments.list(caseId);
    return { items };
  }

  async add(caseId: string, file: IncomingFile): Promise<CaseAttachmentView> {
    const row = await this.reading.visible(caseId);
    if (!allowedActions(this.db.scope, row).includes('attach')) throw NotAllowed('attach documents');
    if (!file.body) throw AttachmentTooLarge(this.config.UPLOAD_MAX_BYTES);
    if (file.body.length === 0) throw AttachmentTypeRefused();
    const contentType = await sniffEvidence(file.body);
    if (!contentType) throw AttachmentTypeRefused();
    // An office document is a zip: a bomb (a small file that expands to gigabytes) is refused
    // here, before any viewer, scanner or download ever inflates it.
    if (ZIP_CONTAINER_TYPES.has(contentType)) await assertArchiveWithinLimits(file.body);
    const id = randomUUID();
    const storageKey = `cases/${caseId}/${id}`;
    const fileName = cleanFileName(file.fileName);
    const view = await this.attachments.insert(row, {
      id,
      fileName,
      contentType,
      sizeBytes: file.body.length,
      sha256: createHash('sha256').update(file.body).digest(),
      storageKey,
    });
    await this.cases.addEvent(row, { kind: 'attachment', body: fileName, detail: { attachmentId: id, contentType, sizeBytes: file.body.length } });
    await this.lifecycle.changed(row, 'attachment', { kind: 'attachment', detail: { attachmentId: id } });
    // The rows first, the bytes last: if storing fails the transaction rolls the rows back.
    await this.storage.put(storageKey, file.body, contentType);
    return view;
  }

  async content(caseId: string, attachmentId: string): Promise<{ fileName: string; contentType: string; body: Buffer }> {
    await this.reading.visible(caseId);
    const row = await this.attachments.find(caseId, attachmentId);
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
