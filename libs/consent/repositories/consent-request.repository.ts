import { Injectable } from '@nestjs/common';
import type { ConsentRequestView } from '@accord/contracts';
import { columns, Database, RowOf } from '@accord/core';
import { directorySql } from '@accord/organisations';
import { ConsentRequestEntity } from '../entities/consent-request.entity';

const REQUEST = columns(ConsentRequestEntity, [
  'id',
  'caseId',
  'centerId',
  'institutionId',
  'branchPath',
  'linkId',
  'state',
  'sentToMasked',
  'requestedAt',
  'expiresAt',
  'answeredAt',
  'declineReason',
  'declineNote',
  'textVersion',
  'language',
  'device',
] as const);
export type ConsentRequestRow = RowOf<typeof REQUEST> & { requestedByName: string | null; textSha256: string | null; ip: string | null };

const SELECT = `${REQUEST.select('r')}, ${directorySql.userName('r.requested_by')} AS "requestedByName",
  encode(r.text_sha256, 'hex') AS "textSha256", host(r.ip) AS ip`;

export function toView(r: ConsentRequestRow): ConsentRequestView {
  return {
    id: r.id,
    caseId: r.caseId,
    state: r.state,
    sentTo: r.sentToMasked,
    requestedAt: r.requestedAt.toISOString(),
    requestedByName: r.requestedByName,
    expiresAt: r.expiresAt.toISOString(),
    answeredAt: r.answeredAt?.toISOString() ?? null,
    declineReason: r.declineReason,
    declineNote: r.declineNote,
    textVersion: r.textVersion,
    textSha256: r.textSha256,
    language: r.language,
    device: r.device,
    ip: r.ip,
  };
}

/** Consent requests: written by the branch (asking) and the system (the consumer's answer, expiry). */
@Injectable()
export class ConsentRequestRepository {
  constructor(private readonly db: Database) {}

  async insert(r: {
    caseId: string;
    centerId: string;
    institutionId: string;
    branchPath: string;
    linkId: string;
    sentToMasked: string;
    requestedBy: string | null;
    expiresAt: Date;
    textVersion: string;
  }): Promise<ConsentRequestRow> {
    const [row] = (await this.db.manager.query(
      `WITH r AS (INSERT INTO consent_requests (case_id, center_id, institution_id, branch_path, link_id, sent_to_masked, requested_by, expires_at, text_version)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *)
       SELECT ${SELECT} FROM r`,
      [r.caseId, r.centerId, r.institutionId, r.branchPath, r.linkId, r.sentToMasked, r.requestedBy, r.expiresAt, r.textVersion],
    )) as ConsentRequestRow[];
    return row;
  }

  /** The waiting request of a draft stops (asked again, or taken back). */
  async cancelAwaiting(caseId: string): Promise<void> {
    await this.db.manager.query(`UPDATE consent_requests SET state = 'cancelled' WHERE case_id = $1 AND state = 'awaiting'`, [caseId]);
  }

  /** Newest first: a draft asked more than once shows each request. */
  async forCase(caseId: string): Promise<ConsentRequestRow[]> {
    return (await this.db.manager.query(`SELECT ${SELECT} FROM consent_requests r WHERE r.case_id = $1 ORDER BY r.requested_at DESC, r.id LIMIT 20`, [
      caseId,
    ])) as ConsentRequestRow[];
  }

  async byLink(linkId: string): Promise<ConsentRequestRow | undefined> {
    const [row] = (await this.db.manager.query(`SELECT ${SELECT} FROM consent_requests r WHERE r.link_id = $1`, [linkId])) as ConsentRequestRow[];
    return row;
  }

  /** Records the answer once: false when the request no longer waits (answered, cancelled or expired first). */
  async answer(
    id: string,
    a: { state: 'given' | 'declined'; language: string; text: string | null; textSha256: string | null; declineReason: string | null; declineNote: string | null; device: string | null; ip: string | null },
  ): Promise<boolean> {
    const [, count] = (await this.db.manager.query(
      `UPDATE consent_requests SET state = $2, answered_at = now(), language = $3, text = $4, text_sha256 = decode($5, 'hex'),
              decline_reason = $6, decline_note = $7, device = $8, ip = $9::inet
       WHERE id = $1 AND state = 'awaiting' AND expires_at > now()`,
      [id, a.state, a.language, a.text, a.textSha256, a.declineReason, a.declineNote, a.device, a.ip],
    )) as [unknown, number];
    return count === 1;
  }

  /**
   * Marks up to `limit` waiting requests past their time expired and answers their case ids;
   * SKIP LOCKED lets two workers share the sweep without expiring one request twice.
   */
  async expireDue(limit: number): Promise<{ id: string; caseId: string }[]> {
    const [rows] = (await this.db.manager.query(
      `UPDATE consent_requests SET state = 'expired', answered_at = now()
       WHERE id IN (SELECT id FROM consent_requests WHERE state = 'awaiting' AND expires_at <= now() ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, case_id AS "caseId"`,
      [limit],
    )) as [{ id: string; caseId: string }[], number];
    return rows;
  }
}
