import { Injectable } from '@nestjs/common';
import type { ConsumerLinkPurpose } from '@accord/contracts';
import { columns, Database, RowOf } from '@accord/core';
import { ConsumerLinkEntity } from '../entities/scheduling.entities';

const LINK = columns(ConsumerLinkEntity, [
  'id',
  'caseId',
  'purpose',
  'sessionId',
  'documentId',
  'centerId',
  'institutionId',
  'codeHash',
  'codeExpiresAt',
  'codeSentAt',
  'codeSends',
  'attempts',
  'expiresAt',
  'revokedAt',
] as const);
export type LinkRow = RowOf<typeof LINK>;

/** The consumer's links: only hashes of the tokens and codes are kept. */
@Injectable()
export class ConsumerLinkRepository {
  constructor(private readonly db: Database) {}

  async byToken(tokenHash: Buffer): Promise<LinkRow | undefined> {
    const [link] = (await this.db.manager.query(`SELECT ${LINK.select()} FROM consumer_links WHERE token_hash = $1`, [tokenHash])) as LinkRow[];
    return link;
  }

  /** The link whose live access token this is, for `purpose`. */
  async byAccess(accessHash: Buffer, purpose: ConsumerLinkPurpose): Promise<LinkRow | undefined> {
    const [link] = (await this.db.manager.query(
      `SELECT ${LINK.select()} FROM consumer_links WHERE access_hash = $1 AND access_expires_at > now() AND revoked_at IS NULL AND purpose = $2`,
      [accessHash, purpose],
    )) as LinkRow[];
    return link;
  }

  /** The link an access token belongs to, whatever it was sent for (the consumer's own data is theirs through any of their links). */
  async byAccessAnyPurpose(accessHash: Buffer): Promise<LinkRow | undefined> {
    const [link] = (await this.db.manager.query(
      `SELECT ${LINK.select()} FROM consumer_links WHERE access_hash = $1 AND access_expires_at > now() AND revoked_at IS NULL`,
      [accessHash],
    )) as LinkRow[];
    return link;
  }

  async revokeForSession(sessionId: string): Promise<void> {
    await this.db.manager.query(`UPDATE consumer_links SET revoked_at = now() WHERE session_id = $1 AND revoked_at IS NULL`, [sessionId]);
  }

  async revokeForCase(caseId: string, purpose: ConsumerLinkPurpose): Promise<void> {
    await this.db.manager.query(`UPDATE consumer_links SET revoked_at = now() WHERE case_id = $1 AND purpose = $2 AND revoked_at IS NULL`, [caseId, purpose]);
  }

  async insert(link: {
    caseId: string;
    purpose?: ConsumerLinkPurpose;
    sessionId?: string;
    documentId?: string | null;
    centerId: string;
    institutionId?: string | null;
    tokenHash: Buffer;
    expiresAt: Date;
    createdBy: string | null;
  }): Promise<string> {
    // A session's link leaves purpose to the column's default.
    const [{ id }] = (await this.db.manager.query(
      link.sessionId
        ? `INSERT INTO consumer_links (case_id, session_id, center_id, token_hash, expires_at, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`
        : `INSERT INTO consumer_links (case_id, purpose, document_id, center_id, institution_id, token_hash, expires_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      link.sessionId
        ? [link.caseId, link.sessionId, link.centerId, link.tokenHash, link.expiresAt, link.createdBy]
        : [link.caseId, link.purpose, link.documentId ?? null, link.centerId, link.institutionId ?? null, link.tokenHash, link.expiresAt, link.createdBy],
    )) as { id: string }[];
    return id;
  }

  /** A session's link follows the session: it must still open on the new day (and a day after). */
  async followSession(sessionId: string, endsAt: Date): Promise<void> {
    await this.db.manager.query(
      `UPDATE consumer_links SET expires_at = least(now() + interval '14 days', $2::timestamptz + interval '1 day')
       WHERE session_id = $1 AND purpose = 'session' AND revoked_at IS NULL`,
      [sessionId, endsAt],
    );
  }

  async codeSent(id: string, codeHash: Buffer, expiresAt: Date): Promise<void> {
    await this.db.manager.query(`UPDATE consumer_links SET code_hash = $2, code_expires_at = $3, code_sent_at = now(), code_sends = code_sends + 1 WHERE id = $1`, [
      id,
      codeHash,
      expiresAt,
    ]);
  }

  async wrongCode(id: string): Promise<void> {
    await this.db.manager.query(`UPDATE consumer_links SET attempts = attempts + 1 WHERE id = $1`, [id]);
  }

  /** The code is spent (the same code never works twice); the access token replaces it. */
  async codeSpent(id: string, accessHash: Buffer, accessExpiresAt: Date): Promise<void> {
    await this.db.manager.query(`UPDATE consumer_links SET code_hash = NULL, code_expires_at = NULL, attempts = 0, access_hash = $2, access_expires_at = $3 WHERE id = $1`, [
      id,
      accessHash,
      accessExpiresAt,
    ]);
  }

  /** A live session access token lasts until `until`, but at most four hours from now, never shorter than it was. */
  async keepAccessUntil(accessHash: Buffer, until: Date): Promise<void> {
    await this.db.manager.query(
      `UPDATE consumer_links SET access_expires_at = GREATEST(access_expires_at, LEAST($2::timestamptz, now() + interval '4 hours'))
       WHERE access_hash = $1 AND access_expires_at > now() AND revoked_at IS NULL AND purpose = 'session'`,
      [accessHash, until],
    );
  }

  /** Whether the consumer holds a good link to this session. */
  async sessionLinkHeld(sessionId: string): Promise<boolean> {
    const [link] = (await this.db.manager.query(
      `SELECT 1 FROM consumer_links WHERE session_id = $1 AND purpose = 'session' AND revoked_at IS NULL AND expires_at > now()`,
      [sessionId],
    )) as unknown[];
    return Boolean(link);
  }
}
