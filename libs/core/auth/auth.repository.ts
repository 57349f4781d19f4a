import { Injectable } from '@nestjs/common';
import type { OrganisationKind, Role } from '@accord/contracts';
import { Database } from '../database/database.service';

/** What auth_user_claims returns: the user, their organisation and what they may do. */
export interface ClaimsRow {
  user_id: string;
  organisation_id: string;
  organisation_kind: OrganisationKind;
  organisation_active: boolean;
  password_hash: string;
  roles: Role[];
  is_active: boolean;
  branch_id: string | null;
  branch_path: string | null;
  center_ids: string[];
  access_version: number;
}

/** What auth_refresh_token returns: the token, its session and whether either has ended. */
export interface RefreshTokenRow {
  token_id: string;
  session_id: string;
  organisation_id: string;
  user_id: string;
  used_at: Date | null;
  expires_at: Date;
  session_revoked_at: Date | null;
}

/**
 * The queries of sign-in sessions (auth_sessions, refresh_tokens). Before a scope exists they go
 * through the SECURITY DEFINER look-ups (auth_user_claims, auth_refresh_token); all run in the
 * caller's transaction.
 */
@Injectable()
export class AuthRepository {
  constructor(private readonly db: Database) {}

  /** By username (sign-in) or by id (refresh). */
  async claims(username: string | null, userId: string | null): Promise<ClaimsRow | undefined> {
    const rows = (await this.db.manager.query('SELECT * FROM auth_user_claims($1, $2)', [username, userId])) as ClaimsRow[];
    return rows[0];
  }

  async refreshToken(hash: Buffer): Promise<RefreshTokenRow | undefined> {
    const rows = await this.db.manager.query<unknown[]>('SELECT * FROM auth_refresh_token($1)', [hash]);
    return rows[0] as RefreshTokenRow | undefined;
  }

  /** Stamps the token used; false when it already was (the update is conditional). */
  async claimRefreshToken(tokenId: string): Promise<boolean> {
    const [, claimed] = (await this.db.manager.query('UPDATE refresh_tokens SET used_at = now() WHERE id = $1 AND used_at IS NULL', [
      tokenId,
    ])) as [unknown, number];
    return claimed === 1;
  }

  /** Ends every live session of a user; returns how many. */
  async revokeSessionsOf(userId: string, reason: string): Promise<number> {
    const [, count] = (await this.db.manager.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, reason],
    )) as [unknown, number];
    return count;
  }

  async revokeSession(sessionId: string, reason: string): Promise<void> {
    await this.db.manager.query(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`, [
      sessionId,
      reason,
    ]);
  }

  async insertSession(s: { userId: string; organisationId: string; ttlSeconds: number; ip: string; userAgent: string | null }): Promise<string> {
    const [{ id }] = (await this.db.manager.query(
      `INSERT INTO auth_sessions (user_id, organisation_id, expires_at, ip, user_agent)
       VALUES ($1, $2, now() + make_interval(secs => $3), $4, $5) RETURNING id`,
      [s.userId, s.organisationId, s.ttlSeconds, s.ip, s.userAgent],
    )) as { id: string }[];
    return id;
  }

  /** The new refresh token expires with its session. */
  async insertRefreshToken(sessionId: string, organisationId: string, hash: Buffer): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO refresh_tokens (session_id, organisation_id, token_hash, expires_at)
       SELECT $1, $2, $3, expires_at FROM auth_sessions WHERE id = $1`,
      [sessionId, organisationId, hash],
    );
  }

  /** The user's live sessions, newest activity first. */
  async liveSessions(userId: string): Promise<SessionRow[]> {
    return this.db.manager.query(
      `SELECT id, created_at, last_seen_at, ip, user_agent FROM auth_sessions
       WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY last_seen_at DESC LIMIT 100`,
      [userId],
    );
  }

  /** Ends one of the user's live sessions; false when it is not theirs or already ended. */
  async revokeSessionOf(userId: string, sessionId: string, reason: string): Promise<boolean> {
    const [, count] = (await this.db.manager.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $3 WHERE id = $2 AND user_id = $1 AND revoked_at IS NULL`,
      [userId, sessionId, reason],
    )) as [unknown, number];
    return count === 1;
  }

  /** Ends every live session of the user but one; returns their ids. */
  async revokeOtherSessions(userId: string, keep: string, reason: string): Promise<string[]> {
    const rows = (await this.db.manager.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $3 WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL RETURNING id`,
      [userId, keep, reason],
    )) as [{ id: string }[], number];
    return rows[0].map((r) => r.id);
  }

  async touchSession(sessionId: string): Promise<void> {
    await this.db.manager.query(`UPDATE auth_sessions SET last_seen_at = now() WHERE id = $1`, [sessionId]);
  }
}

export interface SessionRow {
  id: string;
  created_at: Date;
  last_seen_at: Date;
  ip: string | null;
  user_agent: string | null;
}
