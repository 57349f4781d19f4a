import { Inject, Injectable } from '@nestjs/common';
import type { ConsentRequestSent, ConsentRequestView, ConsumerConsentView } from '@accord/contracts';
import { APP_CONFIG, AppConfig, AuditService, Database, SYSTEM_SCOPE } from '@accord/core';
import { AssignmentService, CaseFiling, CaseReading, type CaseDetailRow } from '@accord/cases';
import { ConsumerLinkService } from '@accord/scheduling';
import { ConsentAnswered, ConsentNotFound, ConsentTextChanged } from '../consent.errors';
import type { ConsumerConsentAnswerDto } from '../dto/consent.dto';
import { ConsentRequestRepository, ConsentRequestRow, toView } from '../repositories/consent-request.repository';
import { CONSENT_TEXT_VERSION, consentText, consentTextSha256 } from './consent-text';

const EXPIRE_BATCH = 200;

/** 2026-12-14 (Beijing), for the SMS. */
const shanghaiDay = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(d);

/**
 * The consumer's own consent to a referral (issue 17, DOMAIN.md "no consent, no case"). The branch
 * files a draft and asks: the consumer gets an SMS link (the branch may also show it as a QR code
 * or print it), opens it, proves the phone with a one-time code, reads what will be shared with
 * which center and why, and answers. Given: the referral reaches the center's queue at once.
 * Declined, or unanswered in CONSENT_LINK_DAYS: the draft is closed with the reason, the branch
 * sees it live and its systems by webhook. The evidence (text, version, hash, time, device,
 * address) is kept for the center as the referral's proof.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly db: Database,
    private readonly filing: CaseFiling,
    private readonly reading: CaseReading,
    private readonly assignment: AssignmentService,
    private readonly links: ConsumerLinkService,
    private readonly requests: ConsentRequestRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The branch asks (or asks again: the earlier link stops working). The link is answered once, for the QR code. */
  async request(caseId: string): Promise<ConsentRequestSent> {
    const row = await this.filing.awaitConsent(caseId);
    await this.requests.cancelAwaiting(caseId);
    const expiresAt = new Date(Date.now() + this.config.CONSENT_LINK_DAYS * 86400_000);
    const sent = await this.links.sendFor({
      caseId,
      centerId: row.centerId,
      institutionId: row.institutionId,
      purpose: 'consent',
      expiresAt,
      why: 'consent-link',
      sms: (url) =>
        `【${row.centerName}】${row.institutionName}${row.branchName}拟将您的投诉提交${row.centerName}调解，需要您本人同意。请点击 ${url} 查看将提供给调解中心的信息并确认是否同意（需短信验证码），${shanghaiDay(expiresAt)} 前有效。`,
    });
    const request = await this.requests.insert({
      caseId,
      centerId: row.centerId,
      institutionId: row.institutionId,
      branchPath: row.branchPath,
      linkId: sent.linkId,
      sentToMasked: row.consumerPhone,
      requestedBy: this.db.scope.userId,
      expiresAt,
      textVersion: CONSENT_TEXT_VERSION,
    });
    await this.audit.record({ action: 'case.consent-requested', subjectType: 'case', subjectId: caseId, detail: { kind: 'link' } });
    return { request: toView(request), url: sent.url };
  }

  /** The branch takes the request back: the link stops working and the draft can be edited again. */
  async cancel(caseId: string): Promise<void> {
    await this.filing.cancelConsent(caseId);
    await this.requests.cancelAwaiting(caseId);
    await this.links.revokeForCase(caseId, 'consent');
    await this.audit.record({ action: 'case.consent-cancelled', subjectType: 'case', subjectId: caseId });
  }

  /** The case's requests, newest first: the branch sees all of its own; the center the given one (RLS). */
  async list(caseId: string): Promise<{ items: ConsentRequestView[] }> {
    await this.reading.visible(caseId);
    return { items: (await this.requests.forCase(caseId)).map(toView) };
  }

  /** What the consumer reads, in their language, with the SHA-256 their answer must carry. */
  async consumerView(accessToken: string, lang: 'zh' | 'en' = 'zh'): Promise<ConsumerConsentView> {
    return this.db.run(SYSTEM_SCOPE, async () => {
      const { request, row } = await this.consumersRequest(accessToken);
      const paragraphs = consentText(lang, this.facts(row));
      return {
        state: request.state,
        centerName: row.centerName ?? '',
        institutionName: row.institutionName ?? '',
        branchName: row.branchName ?? '',
        expiresAt: request.expiresAt.toISOString(),
        textVersion: CONSENT_TEXT_VERSION,
        language: lang,
        paragraphs,
        textSha256: consentTextSha256(paragraphs),
        answeredAt: request.answeredAt?.toISOString() ?? null,
        mediatorChoices: request.state === 'awaiting' ? await this.assignment.consumerChoices(row.id) : [],
        chosenMediatorId: row.consumerChosenMediatorId,
      };
    });
  }

  /**
   * The consumer's answer, once, to the text they read (a text changed since is refused, so
   * nobody agrees to words they did not see). Given submits the referral in the same transaction.
   */
  async answer(accessToken: string, dto: ConsumerConsentAnswerDto, client: { ip: string | null; device: string | null }): Promise<ConsumerConsentView> {
    await this.db.run(SYSTEM_SCOPE, async () => {
      const { request, row } = await this.consumersRequest(accessToken);
      if (request.state !== 'awaiting' || request.expiresAt.getTime() <= Date.now()) throw ConsentAnswered(request.state === 'awaiting' ? 'expired' : request.state);
      const paragraphs = consentText(dto.language, this.facts(row));
      const sha = consentTextSha256(paragraphs);
      if (sha !== dto.textSha256) throw ConsentTextChanged();
      const declined = dto.answer === 'declined';
      // A pick not offered is refused before anything is written (the whole answer rolls back).
      if (!declined && dto.mediatorId) await this.assignment.recordConsumerChoice(request.caseId, dto.mediatorId);
      const recorded = await this.requests.answer(request.id, {
        state: dto.answer,
        language: dto.language,
        text: paragraphs.join('\n'),
        textSha256: sha,
        declineReason: declined ? (dto.declineReason ?? null) : null,
        declineNote: declined ? dto.declineNote?.trim() || null : null,
        device: client.device?.slice(0, 300) ?? null,
        ip: client.ip,
      });
      if (!recorded || !(await this.filing.consentAnswered(request.caseId, dto.answer, declined ? { reason: dto.declineReason ?? null } : {}))) {
        throw ConsentAnswered(request.state);
      }
      await this.audit.record({
        action: 'case.consent-answered',
        subjectType: 'case',
        subjectId: request.caseId,
        organisationId: request.institutionId,
        detail: { via: 'link', version: CONSENT_TEXT_VERSION, ...(declined && dto.declineReason ? { reason: dto.declineReason } : {}) },
      });
    });
    return this.consumerView(accessToken, dto.language);
  }

  /** The worker's sweep: requests past their time close their drafts as expired (the link stops too). */
  async expireDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.db.run(SYSTEM_SCOPE, async () => {
        const due = await this.requests.expireDue(EXPIRE_BATCH);
        for (const r of due) {
          await this.filing.consentAnswered(r.caseId, 'expired');
          await this.links.revokeForCase(r.caseId, 'consent');
        }
        return due.length;
      });
      total += expired;
      if (expired < EXPIRE_BATCH) return total;
    }
  }

  /** The request behind a consumer's consent access token, and its draft (in the system's transaction). */
  private async consumersRequest(accessToken: string): Promise<{ request: ConsentRequestRow; row: CaseDetailRow }> {
    const access = await this.links.accessFor(accessToken, 'consent');
    const request = await this.requests.byLink(access.linkId);
    if (!request) throw ConsentNotFound();
    return { request, row: await this.reading.visible(request.caseId) };
  }

  private facts(row: CaseDetailRow) {
    return {
      centerName: row.centerName ?? '',
      institutionName: row.institutionName ?? '',
      branchName: row.branchName ?? '',
      businessLine: row.businessLine as never,
      disputeType: row.disputeType as never,
      amountFen: Number(row.amountFen),
    };
  }
}
