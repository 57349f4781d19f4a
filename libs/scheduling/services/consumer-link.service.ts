import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { caseRooms, type ConsumerLinkPurpose } from '@accord/contracts';
import { APP_CONFIG, AppConfig, AuditService, Database, DomainError, NotFoundError, OutboxService, SYSTEM_SCOPE } from '@accord/core';
import { CaseService } from '@accord/cases';
import { MessageService } from '@accord/notifications';
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

interface LinkRow {
  id: string;
  caseId: string;
  purpose: ConsumerLinkPurpose;
  sessionId: string;
  documentId: string | null;
  centerId: string;
  codeHash: Buffer | null;
  codeExpiresAt: Date | null;
  codeSentAt: Date | null;
  codeSends: number;
  attempts: number;
  expiresAt: Date;
  revokedAt: Date | null;
}

const LINK_COLUMNS = `id, case_id AS "caseId", purpose, session_id AS "sessionId", document_id AS "documentId", center_id AS "centerId", code_hash AS "codeHash",
  code_expires_at AS "codeExpiresAt", code_sent_at AS "codeSentAt", code_sends AS "codeSends", attempts, expires_at AS "expiresAt", revoked_at AS "revokedAt"`;

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
    private readonly cases: CaseService,
    private readonly messages: MessageService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The center sends the consumer a link to confirm the session (or ask for another time). */
  async send(sessionId: string): Promise<{ linkId: string; expiresAt: Date }> {
    const [s] = (await this.db.manager.query(`SELECT case_id AS "caseId", status, ends_at AS "endsAt" FROM mediation_sessions WHERE id = $1`, [sessionId])) as {
      caseId: string;
      status: string;
      endsAt: Date;
    }[];
    if (!s || this.db.scope.kind !== 'center') throw SessionNotFound();
    const c = await this.cases.visible(s.caseId);
    if (s.status !== 'booked') throw SessionNotLive(s.status);
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Math.min(Date.now() + LINK_TTL_MS, s.endsAt.getTime() + 86400_000));
    // Links sent before for this session stop working: only the newest one is valid.
    await this.db.manager.query(`UPDATE consumer_links SET revoked_at = now() WHERE session_id = $1 AND revoked_at IS NULL`, [sessionId]);
    const [{ id }] = (await this.db.manager.query(
      `INSERT INTO consumer_links (case_id, session_id, center_id, token_hash, expires_at, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [c.id, sessionId, c.centerId, sha256(token), expiresAt, this.db.scope.userId],
    )) as { id: string }[];
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
    purpose: Exclude<ConsumerLinkPurpose, 'session'>;
    documentId?: string;
    expiresAt: Date;
    why: string;
    sms: (url: string) => string;
  }): Promise<{ linkId: string; expiresAt: Date }> {
    const token = randomBytes(24).toString('base64url');
    await this.db.manager.query(`UPDATE consumer_links SET revoked_at = now() WHERE case_id = $1 AND purpose = $2 AND revoked_at IS NULL`, [input.caseId, input.purpose]);
    const [{ id }] = (await this.db.manager.query(
      `INSERT INTO consumer_links (case_id, purpose, document_id, center_id, token_hash, expires_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [input.caseId, input.purpose, input.documentId ?? null, input.centerId, sha256(token), input.expiresAt, this.db.scope.userId],
    )) as { id: string }[];
    const { phone, caseNumber } = await this.cases.contactOf(input.caseId, input.why);
    await this.messages.queueSms({ organisationId: input.centerId, caseId: input.caseId, caseNumber, phone, body: input.sms(`${this.config.PUBLIC_URL}/c/${token}`) });
    return { linkId: id, expiresAt: input.expiresAt };
  }

  /**
   * Whom a consumer access token stands for, for `purpose`; refuses any other. Runs in the
   * caller's transaction, which must be the system's (the consumer has no scope of their own).
   */
  async accessFor(accessToken: string, purpose: ConsumerLinkPurpose): Promise<ConsumerAccess> {
    const link = await this.byAccess(typeof accessToken === 'string' ? accessToken : '', purpose);
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
      await this.db.manager.query(
        `UPDATE consumer_links SET code_hash = $2, code_expires_at = $3, code_sent_at = now(), code_sends = code_sends + 1 WHERE id = $1`,
        [link.id, sha256(`${link.id}:${code}`), expiresAt],
      );
      const [c] = (await this.db.manager.query(
        `SELECT c.consumer_phone_masked AS masked, o.name AS "centerName" FROM cases c JOIN organisations o ON o.id = c.center_id WHERE c.id = $1`,
        [link.caseId],
      )) as { masked: string; centerName: string }[];
      const { phone, caseNumber } = await this.cases.contactOf(link.caseId, 'one-time-code');
      await this.messages.queueSms({ organisationId: link.centerId, caseId: link.caseId, caseNumber, phone, body: `【${c.centerName}】验证码 ${code}，10 分钟内有效。请勿告诉他人。` });
      return { sentTo: c.masked, expiresAt, centerName: c.centerName, purpose: link.purpose };
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
        await this.db.manager.query(`UPDATE consumer_links SET attempts = attempts + 1 WHERE id = $1`, [link.id]);
        return { wrong: MAX_ATTEMPTS - link.attempts - 1 };
      }
      if (link.codeExpiresAt && link.codeExpiresAt.getTime() < Date.now()) throw CodeExpired();
      const accessToken = randomBytes(24).toString('base64url');
      const expiresAt = new Date(Date.now() + ACCESS_TTL_MS);
      // The code is spent: the same code never works twice.
      await this.db.manager.query(
        `UPDATE consumer_links SET code_hash = NULL, code_expires_at = NULL, attempts = 0, access_hash = $2, access_expires_at = $3 WHERE id = $1`,
        [link.id, sha256(accessToken), expiresAt],
      );
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
      const [c] = (await this.db.manager.query(`SELECT consumer_name_masked AS name FROM cases WHERE id = $1`, [link.caseId])) as { name: string }[];
      return { linkId: link.id, sessionId: link.sessionId, caseId: link.caseId, centerId: link.centerId, consumerName: c?.name ?? '' };
    });
  }

  /**
   * A consumer in the session's video room keeps their access until the session's end (plus
   * half an hour, at most four hours from now), so a dropped network rejoins without a new code.
   */
  async keepAccessUntil(accessToken: string, until: Date): Promise<void> {
    if (typeof accessToken !== 'string' || !accessToken) return;
    await this.db.run(SYSTEM_SCOPE, async () => {
      await this.db.manager.query(
        `UPDATE consumer_links SET access_expires_at = GREATEST(access_expires_at, LEAST($2::timestamptz, now() + interval '4 hours'))
         WHERE access_hash = $1 AND access_expires_at > now() AND revoked_at IS NULL AND purpose = 'session'`,
        [sha256(accessToken), until],
      );
    });
  }

  async answer(accessToken: string, answer: 'confirmed' | 'other_time_requested', note?: string) {
    return this.db.run(SYSTEM_SCOPE, async () => {
      const link = await this.byAccess(accessToken, 'session');
      const [s] = (await this.db.manager.query(
        `SELECT s.id, s.status, s.starts_at AS "startsAt", s.case_id AS "caseId", s.center_id AS "centerId", s.institution_id AS "institutionId",
                s.branch_path AS "branchPath" FROM mediation_sessions s WHERE s.id = $1`,
        [link.sessionId],
      )) as { id: string; status: string; startsAt: Date; caseId: string; centerId: string; institutionId: string; branchPath: string }[];
      if (s.status !== 'booked') throw SessionNotLive(s.status);
      await this.db.manager.query(
        `INSERT INTO session_confirmations (session_id, center_id, institution_id, branch_path, party, answer, for_starts_at, note, actor_name)
         SELECT s.id, s.center_id, s.institution_id, s.branch_path, 'consumer', $2, s.starts_at, $3, c.consumer_name_masked
         FROM mediation_sessions s JOIN cases c ON c.id = s.case_id WHERE s.id = $1
         ON CONFLICT (session_id, party) DO UPDATE SET answer = EXCLUDED.answer, for_starts_at = EXCLUDED.for_starts_at, note = EXCLUDED.note, at = now()`,
        [s.id, answer, note ?? null],
      );
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
    const [row] = (await this.db.manager.query(
      `SELECT c.case_number AS "caseNumber", o.name AS "centerName", s.channel, s.status, s.starts_at AS "startsAt", s.ends_at AS "endsAt",
              r.name AS "roomName", r.address AS "roomAddress", c.mediator_name AS "mediatorName",
              (SELECT f.answer FROM session_confirmations f WHERE f.session_id = s.id AND f.party = 'consumer' AND f.for_starts_at = s.starts_at) AS "yourAnswer"
       FROM mediation_sessions s JOIN cases c ON c.id = s.case_id JOIN organisations o ON o.id = s.center_id LEFT JOIN mediation_rooms r ON r.id = s.room_id
       WHERE s.id = $1`,
      [link.sessionId],
    )) as Record<string, unknown>[];
    return row;
  }

  private async usableLink(token: string): Promise<LinkRow> {
    const [link] = (await this.db.manager.query(`SELECT ${LINK_COLUMNS} FROM consumer_links WHERE token_hash = $1`, [sha256(token)])) as LinkRow[];
    if (!link || link.revokedAt) throw LinkNotFound();
    if (link.expiresAt.getTime() < Date.now()) throw LinkExpired();
    return link;
  }

  private async byAccess(accessToken: string, purpose: ConsumerLinkPurpose): Promise<LinkRow> {
    const [link] = (await this.db.manager.query(
      `SELECT ${LINK_COLUMNS} FROM consumer_links WHERE access_hash = $1 AND access_expires_at > now() AND revoked_at IS NULL AND purpose = $2`,
      [sha256(accessToken ?? ''), purpose],
    )) as LinkRow[];
    if (!link) throw AccessInvalid();
    return link;
  }
}
