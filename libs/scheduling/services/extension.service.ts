import { Injectable } from '@nestjs/common';
import { MAX_EXTENSION_DAYS } from '@accord/contracts';
import type { CaseExtensionList, CaseExtensionView, ConsumerExtensionView } from '@accord/contracts';
import { Database, hasRole, SYSTEM_SCOPE } from '@accord/core';
import { CaseLifecycle, CaseReading, type CaseDetailRow } from '@accord/cases';
import type { AnswerExtensionDto, ProposeExtensionDto } from '../dto/extension.dto';
import { ExtensionRepository, ExtensionRow, toExtensionView } from '../repositories/extension.repository';
import { ExtensionAlreadyGranted, ExtensionNotFound, ExtensionNotPending, ExtensionPending, ExtensionTooLong, MediationNotRunning } from '../scheduling.errors';
import { ConsumerLinkService } from './consumer-link.service';

const LINK_DAYS = 14;
const RUNNING = ['scheduled', 'in_session', 'adjourned'];

/**
 * The mediation clock's one extension (DOMAIN.md "Tracks and time limits"; issue 20): 30 days from
 * the first session, extendable once by up to 30 more, only with both parties' recorded agreement.
 * The center proposes (days and reason); the bank answers in the portal, the consumer on an SMS
 * link with a one-time code, in either order. When both have agreed the case's due day moves (to
 * the center's next working day) in the same transaction as the second yes; either no ends the
 * proposal and nothing changes. A case extended once is never extended again.
 */
@Injectable()
export class ExtensionService {
  constructor(
    private readonly db: Database,
    private readonly reading: CaseReading,
    private readonly lifecycle: CaseLifecycle,
    private readonly extensions: ExtensionRepository,
    private readonly links: ConsumerLinkService,
  ) {}

  async list(caseId: string): Promise<CaseExtensionList> {
    const row = await this.reading.visible(caseId);
    const items = await this.extensions.forCase(caseId);
    const pending = items.find((e) => e.status === 'pending');
    const scope = this.db.scope;
    return {
      items: items.map(toExtensionView),
      canPropose: scope.kind === 'center' && this.mayPropose(row) && running(row) && row.mediationExtensionDays === 0 && !pending,
      canAnswer: scope.kind === 'institution' && this.mayAnswer() && Boolean(pending && !pending.institutionAgreedAt),
    };
  }

  /** The center proposes; the consumer gets the link by SMS at once. */
  async propose(caseId: string, dto: ProposeExtensionDto): Promise<CaseExtensionView> {
    const row = await this.reading.visible(caseId);
    if (this.db.scope.kind !== 'center' || !this.mayPropose(row)) throw ExtensionNotFound();
    if (dto.days > MAX_EXTENSION_DAYS) throw ExtensionTooLong(MAX_EXTENSION_DAYS);
    if (!running(row)) throw MediationNotRunning(row.status);
    if (row.mediationExtensionDays > 0) throw ExtensionAlreadyGranted();
    const live = await this.extensions.live(caseId);
    if (live) throw live.status === 'agreed' ? ExtensionAlreadyGranted() : ExtensionPending();
    const previousDueOn = row.mediationDueOn ?? (await this.lifecycle.mediationDueOn(row.centerId, row.mediationStartedOn!, 0));
    const newDueOn = await this.lifecycle.mediationDueOn(row.centerId, row.mediationStartedOn!, dto.days);
    const reason = dto.reason.trim();
    let id: string;
    try {
      id = await this.extensions.insert({ caseId, centerId: row.centerId, institutionId: row.institutionId, branchPath: row.branchPath, days: dto.days, reason, proposedBy: this.db.scope.userId, previousDueOn, newDueOn });
    } catch (error) {
      // Two proposals at once: the partial unique index lets one through.
      if ((error as { code?: string }).code === '23505') throw ExtensionPending();
      throw error;
    }
    await this.links.sendFor({
      caseId,
      centerId: row.centerId,
      purpose: 'extension',
      expiresAt: new Date(Date.now() + LINK_DAYS * 86400_000),
      why: 'extension-link',
      sms: (url) =>
        `【${row.centerName}】您的调解案件（${row.caseNumber}）调解员提议将调解期限延长 ${dto.days} 日（至 ${newDueOn}），须经您本人同意。请点击 ${url} 查看并答复（需短信验证码）。`,
    });
    await this.recorded(row, 'extension_proposed', { extensionId: id, days: dto.days, previousDueOn, newDueOn }, reason, { days: dto.days, newDueOn });
    return toExtensionView((await this.extensions.find(caseId, id))!);
  }

  /** The center takes a pending proposal back (the consumer's link stops working). */
  async withdraw(caseId: string, extensionId: string): Promise<CaseExtensionView> {
    const row = await this.reading.visible(caseId);
    if (this.db.scope.kind !== 'center' || !this.mayPropose(row)) throw ExtensionNotFound();
    const e = await this.pendingOf(caseId, extensionId);
    if (!(await this.extensions.end(e.id, 'withdrawn', null, null))) throw ExtensionNotPending('answered');
    await this.links.revokeForCase(caseId, 'extension');
    await this.recorded(row, 'extension_withdrawn', { extensionId: e.id, days: e.days });
    return toExtensionView((await this.extensions.find(caseId, e.id))!);
  }

  /** The bank's answer in the portal (a user of the respondent institution who may act on the case). */
  async answerAsInstitution(caseId: string, extensionId: string, dto: AnswerExtensionDto): Promise<CaseExtensionView> {
    const row = await this.reading.visible(caseId);
    if (this.db.scope.kind !== 'institution' || !this.mayAnswer()) throw ExtensionNotFound();
    const e = await this.pendingOf(caseId, extensionId);
    if (e.institutionAgreedAt) throw ExtensionNotPending('answered');
    await this.answer(row, e, 'institution', dto);
    return toExtensionView((await this.extensions.find(caseId, e.id))!);
  }

  /** What the consumer reads on their link: the newest proposal of their case. */
  async consumerView(accessToken: string): Promise<ConsumerExtensionView> {
    return this.db.run(SYSTEM_SCOPE, async () => {
      const { row, e } = await this.consumersProposal(accessToken);
      return toConsumerView(row, e);
    });
  }

  /** The consumer's answer, once. */
  async answerAsConsumer(accessToken: string, dto: AnswerExtensionDto): Promise<ConsumerExtensionView> {
    await this.db.run(SYSTEM_SCOPE, async () => {
      const { row, e } = await this.consumersProposal(accessToken);
      if (e.status !== 'pending' || e.consumerAgreedAt) throw ExtensionNotPending(e.status === 'pending' ? 'answered' : e.status);
      await this.answer(row, e, 'consumer', dto);
    });
    return this.consumerView(accessToken);
  }

  private async answer(row: CaseDetailRow, e: ExtensionRow, party: 'institution' | 'consumer', dto: AnswerExtensionDto): Promise<void> {
    const via = party === 'consumer' ? { via: 'consumer_link' } : {};
    if (dto.answer === 'declined') {
      if (!(await this.extensions.end(e.id, 'declined', party, dto.note?.trim() || null))) throw ExtensionNotPending('answered');
      if (party === 'institution') await this.links.revokeForCase(row.id, 'extension');
      await this.recorded(row, `extension_declined_${party}`, { extensionId: e.id, days: e.days, ...via }, dto.note?.trim() || null);
      return;
    }
    const agreed = await this.extensions.agree(e.id, party, { userId: this.db.scope.userId });
    if (!agreed) throw ExtensionNotPending('answered');
    await this.recorded(row, `extension_agreed_${party}`, { extensionId: e.id, days: e.days, ...via });
    // The second yes: the clock moves now, or nothing does (a case concluded meanwhile refuses it).
    if (agreed.status === 'agreed') {
      await this.lifecycle.extendMediation(row, e.days, e.newDueOn, { extensionId: e.id, ...via });
    }
  }

  /** A timeline line for both sides, the event every open page hears, and the audit entry (and, with `notice`, the bank's bell). */
  private async recorded(row: CaseDetailRow, change: string, detail: Record<string, unknown>, body: string | null = null, notice?: Record<string, string | number>): Promise<void> {
    await this.lifecycle.note(row, { kind: 'session', body, detail: { change, ...detail } });
    await this.lifecycle.changed(row, change, { kind: 'session', detail, notice });
  }

  private async pendingOf(caseId: string, extensionId: string): Promise<ExtensionRow> {
    const e = await this.extensions.find(caseId, extensionId);
    if (!e) throw ExtensionNotFound();
    if (e.status !== 'pending') throw ExtensionNotPending(e.status);
    return e;
  }

  private async consumersProposal(accessToken: string): Promise<{ row: CaseDetailRow; e: ExtensionRow }> {
    const access = await this.links.accessFor(accessToken, 'extension');
    const [e] = await this.extensions.forCase(access.caseId);
    if (!e) throw ExtensionNotFound();
    return { row: await this.reading.visible(access.caseId), e };
  }

  /** The intake side and the center admin, or the case's own mediator (others do not see the case). */
  private mayPropose(row: CaseDetailRow): boolean {
    const scope = this.db.scope;
    return hasRole(scope, 'center_admin', 'intake_officer') || (row.mediatorId !== null && row.mediatorId === scope.userId);
  }

  private mayAnswer(): boolean {
    return hasRole(this.db.scope, 'complaint_handler', 'branch_manager', 'institution_admin');
  }
}

function running(row: CaseDetailRow): boolean {
  return RUNNING.includes(row.status) && row.mediationStartedOn !== null;
}

function toConsumerView(row: CaseDetailRow, e: ExtensionRow): ConsumerExtensionView {
  const yourAnswer = e.consumerAgreedAt ? 'agreed' : e.declinedBy === 'consumer' ? 'declined' : null;
  return {
    centerName: row.centerName ?? '',
    institutionName: row.institutionName ?? '',
    caseNumber: row.caseNumber ?? '',
    status: e.status,
    days: e.days,
    reason: e.reason,
    previousDueOn: e.previousDueOn,
    newDueOn: e.newDueOn,
    yourAnswer,
    answeredAt: (yourAnswer === 'agreed' ? e.consumerAgreedAt : yourAnswer === 'declined' ? e.declinedAt : null)?.toISOString() ?? null,
  };
}
