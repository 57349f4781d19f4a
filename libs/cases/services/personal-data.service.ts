import { Injectable, Logger } from '@nestjs/common';
import { AuditService, FileStorage, PiiVault } from '@accord/core';
import { MessageService } from '@accord/notifications';
import { CaseNotFound } from '../cases.errors';
import { CaseRepository } from '../repositories/case.repository';
import { CopyAttachment, PersonalDataRepository } from '../repositories/personal-data.repository';

/** Cases erased per run; the daily job catches up over following days if more are due at once. */
const ERASE_BATCH = 500;

/** What the center holds about the consumer of one case: their copy (PIPL art. 45). */
export interface ConsumerDataCopy {
  caseNumber: string | null;
  centerId: string;
  institutionName: string | null;
  status: string;
  submittedAt: string | null;
  businessLine: string | null;
  disputeType: string | null;
  amountFen: string | number;
  facts: string;
  claims: string;
  outcome: string | null;
  concludedAt: Date | null;
  preferredChannel: string | null;
  preferredTimes: string | null;
  consentAt: Date | null;
  identity: { name: string; idType: string | null; idNumber: string; phone: string; email: string | null } | null;
  erasedAt: Date | null;
  attachments: CopyAttachment[];
  messages: { channel: string; subject: string; body: string; status: string; createdAt: Date }[];
}

/**
 * Personal data that expires, and the consumer's right to a copy. The daily job erases, for every
 * case closed longer than its center's retention, the consumer's name, ID number, phone and e-mail
 * (the sealed identity and the masked and hashed copies), their evidence files and the recipients
 * and texts of the case's messages; the case's figures stay, so statistics do not change. Each
 * erasure is audited in the center's trail. Idempotent: an erased case is not selected again.
 */
@Injectable()
export class PersonalDataService {
  private readonly logger = new Logger('PersonalData');

  constructor(
    private readonly data: PersonalDataRepository,
    private readonly cases: CaseRepository,
    private readonly vault: PiiVault,
    private readonly storage: FileStorage,
    private readonly messages: MessageService,
    private readonly audit: AuditService,
  ) {}

  /** Runs in the job's (system) transaction. Files go first: a rollback after leaves the case to be erased again, and removing a missing file is a no-op. */
  async eraseExpired(now = new Date()): Promise<number> {
    const due = await this.data.due(now, ERASE_BATCH);
    let erased = 0;
    for (const c of due) {
      const files = await this.data.heldFiles(c.id);
      for (const key of files) await this.storage.remove(key);
      if (!(await this.data.erase(c.id))) continue;
      const messages = await this.messages.eraseOfCase(c.id);
      await this.audit.record({
        action: 'case.personal-data-erased',
        subjectType: 'case',
        subjectId: c.id,
        organisationId: c.centerId,
        detail: { caseNumber: c.caseNumber, closedAt: new Date(c.closedAt).toISOString(), retentionMonths: c.retentionMonths, files: files.length, messages },
      });
      erased++;
    }
    if (erased) this.logger.log(`erased the personal data of ${erased} closed cases`);
    return erased;
  }

  /** The consumer's copy of what the center holds about them for one case; the request is audited in the center's trail. Runs as the system, narrowed to the case by the caller. */
  async copyFor(caseId: string): Promise<ConsumerDataCopy> {
    const row = await this.cases.findVisible(caseId);
    if (!row) throw CaseNotFound();
    const sealed = row.consumerSealed ? this.vault.open(row.consumerSealed, row.id) : null;
    await this.audit.record({ action: 'case.consumer-data-copied', subjectType: 'case', subjectId: caseId, organisationId: row.centerId, detail: { caseNumber: row.caseNumber } });
    return {
      caseNumber: row.caseNumber,
      centerId: row.centerId,
      institutionName: row.institutionName,
      status: row.status,
      submittedAt: row.submittedAt ? new Date(row.submittedAt).toISOString() : null,
      businessLine: row.businessLine,
      disputeType: row.disputeType,
      amountFen: row.amountFen,
      facts: row.facts,
      claims: row.claims,
      outcome: row.outcome,
      concludedAt: row.concludedAt,
      preferredChannel: row.preferredChannel,
      preferredTimes: row.preferredTimes,
      consentAt: row.consentAt,
      identity: sealed ? { name: sealed.name, idType: row.consumerIdType, idNumber: sealed.idNumber, phone: sealed.phone, email: sealed.email } : null,
      erasedAt: row.consumerErasedAt,
      attachments: await this.data.attachments(caseId),
      messages: sealed ? await this.messages.sentTo(caseId, sealed) : [],
    };
  }
}
