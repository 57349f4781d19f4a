import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { caseRooms, type ConsumerLinkPurpose } from '@accord/contracts';
import { APP_CONFIG, AppConfig, AuditService, Database, DomainError, NotFoundError, OutboxService, SYSTEM_SCOPE } from '@accord/core';
import { CaseFacts, CaseReading } from '@accord/cases';
import { MessageService } from '@accord/notifications';
import { DirectoryService } from '@accord/organisations';
import { ConsumerLinkRepository, LinkRow } from '../repositories/consumer-link.repository';
import { SessionRepository } from '../repositories/session.repository';
import { SessionNotFound, SessionNotLive } from '../scheduling.errors';

const LINK_TTL_MS = 14 * 86400_000;
const CODE_TTL_MS = 10 * 60_000;
const CODE_COOLDOWN_MS = 60_000;
const MAX_CODE_SENDS = 5;
const MAX_ATTEMPTS = 5;
const ACCESS_TTL_MS = 30 * 60_000;

const sha256 = (value: string) => createHash('sha256').update(value).digest();
const LinkNotFound = () => new NotFoundError('Link', 'LINK_NOT_FOUND');
const LinkExpired = () => new DomainError('LINK_EXPIRED', 410, 'This link has expired; ask the mediation center for a new one');
const LinkLocked = () => new DomainError('LINK_LOCKED', 429, 'Too many wrong codes; ask the mediation center for a new link');
const CodeInvalid = (left: number) => new DomainError('CODE_INVALID', 400, 'The code is wrong or has been used', { attemptsLeft: left });
const CodeExpired = () => new DomainError('CODE_EXPIRED', 400, 'The code has expired; request a new one');
const CodeTooSoon = (retryAfterSeconds: number) => new DomainError('CODE_TOO_SOON', 429, 'A code was just sent; wait before asking again', { retryAfterSeconds });
const AccessInvalid = () => new DomainError('CONSUMER_ACCESS_INVALID', 401, 'Enter the code from your phone again');

/** What a consumer's access token opens for another lib: one case, for one purpose. */
export interface ConsumerAccess {
  linkId: string;
  caseId: string;
  centerId: string;
  purpose: ConsumerLinkPurpose;
  documentId: string | null;
}

/** What a consumer's access token opens: one session of one case. */
export interface ConsumerAccessSession {
  linkId: string;
  sessionId: string;
  caseId: string;
  centerId: string;
  /** The masked name (张*三): what others in a video room see. */
  consumerName: string;
}

/**
 * The consumer's way in without an account. The center sends a link by SMS; opening it, the
 * consumer asks for a one-time code on the same phone; the right code gives a 30-minute access
 * token for this one session and nothing else. Wrong, used and expired codes are refused; the
 * link locks after five wrong codes. The consumer's steps run as the system, narrowed to the link.
 */
@Injectable()
export class ConsumerLinkService {
  constructor(
    private readonly db: Database,
    private readonly links: ConsumerLinkRepository,
    private readonly sessions: SessionRepository,
    private readonly cases: CaseReading,
    private readonly caseFacts: CaseFacts,
    private readonly directory: DirectoryService,
    private readonly messages: MessageService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The center sends the consumer a link to confirm the session (or ask for another time). */
  async send(sessionId: string): Promise<{ linkId: string; expiresAt: Date }> {
    const s = await this.sessions.find(sessionId);
    if (!s || this.db.scope.kind !== 'center') throw SessionNotFound();
    const c = await this.cases.visible(s.caseId);
    if (s.status !== 'booked') throw SessionNotLive(s.status);
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Math.min(Date.now() + LINK_TTL_MS, s.endsAt.getTime() + 86400_000));
    // Links sent before for this session stop working: only the newest one is valid.
    await this.links.revokeForSession(sessionId);
    const id = await this.links.insert({ caseId: c.id, sessionId, centerId: c.centerId, tokenHash: sha256(token), expiresAt, createdBy: this.db.scope.userId });
    const { phone } = await this.cases.contactOf(c.id, 'session-link');
    await this.messages.queueSms({
      organisationId: c.centerId,
      caseId: c.id,
      caseNumber: c.caseNumber,
      phone,
      body: `【${c.centerName}】您的调解会议已预约，请点击 ${this.config.PUBLIC_URL}/c/${token} 确认时间或申请改期（需短信验证码）。`,
    });
    await this.audit.record({ action: 'session.consumer-link-sent', subjectType: 'session', subjectId: sessionId, detail: { caseNumber: c.caseNumber } });
    return { linkId: id, expiresAt };
  }

  /**
   * A link for another purpose (signing a document, the follow-up survey), sent by SMS within
   * the caller's transaction: earlier links of the case for the same purpose stop working.
   */
  async sendFor(input: {
    caseId: string;
    centerId: string;
    /** A consent link's sender: the bank, before the center sees the referral (its message log, its RLS). */
    institutionId?: string;
    purpose: Exclude<ConsumerLinkPurpose, 'session'>;
    documentId?: string;
    expiresAt: Date;
    why: string;
    sms: (url: string) => string;
  }): Promise<{ linkId: string; expiresAt: Date; url: string }> {
    const token = randomBytes(24).toString('base64url');
    await this.links.revokeForCase(input.caseId, input.purpose);
    const id = await this.links.insert({
      caseId: input.caseId,
      purpose: input.purpose,
      documentId: input.documentId ?? null,
      centerId: input.centerId,
      institutionId: input.institutionId ?? null,
      tokenHash: sha256(token),
      expiresAt: input.expiresAt,
      createdBy: this.db.scope.userId,
    });
    const { phone, caseNumber } = await this.cases.contactOf(input.caseId, input.why);
    const url = `${this.config.PUBLIC_URL}/c/${token}`;
    await this.messages.queueSms({ organisationId: input.institutionId ?? input.centerId, caseId: input.caseId, caseNumber, phone, body: input.sms(url) });
    return { linkId: id, expiresAt: input.expiresAt, url };
  }

  /** Every open link of the case for that purpose stops working (what it leads to was superseded). */
  revokeForCase(caseId: string, purpose: Exclude<ConsumerLinkPurpose, 'session'>): Promise<void> {
    return this.links.revokeForCase(caseId, purpose);
  }

  /**
   * Whom a consumer access token stands for, for `purpose`; refuses any other. Runs in the
   * caller's transaction, which must be the system's (the consumer has no scope of their own).
   */
  async accessFor(accessToken: string, purpose: ConsumerLinkPurpose): Promise<ConsumerAccess> {
    const link = await this.byAccess(typeof accessToken === 'string' ? accessToken : '', purpose);
    return { linkId: link.id, caseId: link.caseId, centerId: link.centerId, purpose: link.purpose, documentId: link.documentId };
  }

  /** Whom a consumer access token stands for, through a link of any purpose (the copy of their own data). Same transaction rule as accessFor. */
  async accessForAnyPurpose(accessToken: string): Promise<ConsumerAccess> {
    const link = await this.links.byAccessAnyPurpose(sha256(typeof accessToken === 'string' ? accessToken : ''));
    if (!link) throw AccessInvalid();
    return { linkId: link.id, caseId: link.caseId, centerId: link.centerId, purpose: link.purpose, documentId: link.documentId };
  }

  /** Sends a fresh one-time code to the phone the link was sent to. */
  async requestCode(token: string): Promise<{ sentTo: string; expiresAt: Date; centerName: string; purpose: ConsumerLinkPurpose }> {
    return this.db.run(SYSTEM_SCOPE, async () => {
      const link = await this.usableLink(token);
      if (link.codeSentAt && Date.now() - link.codeSentAt.getTime() < CODE_COOLDOWN_MS) {
        throw CodeTooSoon(Math.ceil((CODE_COOLDOWN_MS - (Date.now() - link.codeSentAt.getTime())) / 1000));
      }
      if (link.codeSends >= MAX_CODE_SENDS) throw LinkLocked();
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const expiresAt = new Date(Date.now() + CODE_TTL_MS);
      await this.links.codeSent(link.id, sha256(`${link.id}:${code}`), expiresAt);
      const consumer = (await this.caseFacts.maskedConsumer(link.caseId))!;
      const centerName = (await this.directory.organisationNames([consumer.centerId])).get(consumer.centerId)!;
      const { phone, caseNumber } = await this.cases.contactOf(link.caseId, 'one-time-code');
      await this.messages.queueSms({ organisationId: link.institutionId ?? link.centerId, caseId: link.caseId, caseNumber, phone, body: `【${centerName}】验证码 ${code}，10 分钟内有效。请勿告诉他人。` });
      return { sentTo: consumer.phone, expiresAt, centerName, purpose: link.purpose };
    });
  }

  /** The right code, once: a 30-minute access token for this session. */
  async verify(token: string, code: string): Promise<{ accessToken: string; expiresAt: Date; purpose: ConsumerLinkPurpose }> {
    const result = await this.db.run(SYSTEM_SCOPE, async (): Promise<{ wrong: number } | { accessToken: string; expiresAt: Date; purpose: ConsumerLinkPurpose }> => {
      const link = await this.usableLink(token);
      if (link.attempts >= MAX_ATTEMPTS) throw LinkLocked();
      const expected = link.codeHash;
      const given = sha256(`${link.id}:${code}`);
      if (!expected || !timingSafeEqual(expected, given)) {
        // Returned, not thrown: the counted attempt must commit although the answer is an error.
        await this.links.wrongCode(link.id);
        return { wrong: MAX_ATTEMPTS - link.attempts - 1 };
      }
      if (link.codeExpiresAt && link.codeExpiresAt.getTime() < Date.now()) throw CodeExpired();
      const accessToken = randomBytes(24).toString('base64url');
      const expiresAt = new Date(Date.now() + ACCESS_TTL_MS);
      // The code is spent: the same code never works twice.
      await this.links.codeSpent(link.id, sha256(accessToken), expiresAt);
      return { accessToken, expiresAt, purpose: link.purpose };
    });
    if ('wrong' in result) throw result.wrong > 0 ? CodeInvalid(result.wrong) : LinkLocked();
    return result;
  }

  /** What the consumer sees: their session, nothing else. */
  async session(accessToken: string) {
    return this.db.run(SYSTEM_SCOPE, async () => this.consumerView(await this.byAccess(accessToken, 'session')));
  }

  /**
   * Whom a consumer access token stands for, or null when it is unknown, expired or revoked:
   * for other libs (the video room) that let the consumer into exactly this one session.
   */
  async sessionForAccess(accessToken: string): Promise<ConsumerAccessSession | null> {
    if (typeof accessToken !== 'string' || !accessToken) return null;
    return this.db.run(SYSTEM_SCOPE, async () => {
      const link = await this.byAccess(accessToken, 'session').catch(() => null);
      if (!link) return null;
      const consumer = await this.caseFacts.maskedConsumer(link.caseId);
      return { linkId: link.id, sessionId: link.sessionId!, caseId: link.caseId, centerId: link.centerId, consumerName: consumer?.name ?? '' };
    });
  }

  /**
   * A consumer in the session's video room keeps their access until the session's end (plus
   * half an hour, at most four hours from now), so a dropped network rejoins without a new code.
   */
  async keepAccessUntil(accessToken: string, until: Date): Promise<void> {
    if (typeof accessToken !== 'string' || !accessToken) return;
    await this.db.run(SYSTEM_SCOPE, () => this.links.keepAccessUntil(sha256(accessToken), until));
  }

  async answer(accessToken: string, answer: 'confirmed' | 'other_time_requested', note?: string) {
    return this.db.run(SYSTEM_SCOPE, async () => {
      const link = await this.byAccess(accessToken, 'session');
      const s = (await this.sessions.find(link.sessionId!))!;
      if (s.status !== 'booked') throw SessionNotLive(s.status);
      const consumer = (await this.caseFacts.maskedConsumer(s.caseId))!;
      await this.sessions.confirm(s.id, 'consumer', answer, note ?? null, { userId: null, name: consumer.name });
      await this.outbox.add({
        type: 'session.updated',
        organisationId: s.centerId,
        rooms: caseRooms({ id: s.caseId, centerId: s.centerId, institutionId: s.institutionId, branchPath: s.branchPath }),
        payload: { sessionId: s.id, caseId: s.caseId, status: `consumer_${answer}`, startsAt: s.startsAt.toISOString() },
      });
      await this.audit.record({ action: `session.consumer-${answer.replace(/_/g, '-')}`, subjectType: 'session', subjectId: s.id, organisationId: s.centerId });
      return this.consumerView(link);
    });
  }

  private async consumerView(link: LinkRow) {
    const s = await this.sessions.forConsumer(link.sessionId!);
    if (!s) return undefined;
    const [labels, centers] = await Promise.all([this.caseFacts.sessionLabels([s.caseId]), this.directory.organisationNames([s.centerId])]);
    const label = labels.get(s.caseId);
    return {
      caseNumber: label?.caseNumber,
      centerName: centers.get(s.centerId),
      channel: s.channel,
      status: s.status,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      roomName: s.roomName,
      roomAddress: s.roomAddress,
      mediatorName: label?.mediatorName,
      yourAnswer: s.yourAnswer,
    };
  }

  private async usableLink(token: string): Promise<LinkRow> {
    const link = await this.links.byToken(sha256(token));
    if (!link || link.revokedAt) throw LinkNotFound();
    if (link.expiresAt.getTime() < Date.now()) throw LinkExpired();
    return link;
  }

  private async byAccess(accessToken: string, purpose: ConsumerLinkPurpose): Promise<LinkRow> {
    const link = await this.links.byAccess(sha256(accessToken ?? ''), purpose);
    if (!link) throw AccessInvalid();
    return link;
  }
}
