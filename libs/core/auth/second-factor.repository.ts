import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';

/** What auth_second_factor returns: the organisation's policy and the user's factor, if any. */
export interface SecondFactorRow {
  policy_required: boolean;
  secret_sealed: Buffer | null;
  confirmed_at: Date | null;
  last_step: string | null;
  exempt_until: Date | null;
}

/** The queries of second_factors and recovery_codes; all run in the caller's transaction. */
@Injectable()
export class SecondFactorRepository {
  constructor(private readonly db: Database) {}

  /** Through the SECURITY DEFINER look-up: sign-in reads it before the user's scope is trusted. */
  async lookUp(userId: string): Promise<SecondFactorRow | undefined> {
    const rows = (await this.db.manager.query('SELECT * FROM auth_second_factor($1)', [userId])) as SecondFactorRow[];
    return rows[0];
  }

  /** A new secret waiting for its first code (it replaces the old one: re-enrolment). */
  async savePending(userId: string, organisationId: string, sealed: Buffer): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO second_factors (user_id, organisation_id, secret_sealed) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET secret_sealed = $3, confirmed_at = NULL, last_step = NULL, updated_at = now()`,
      [userId, organisationId, sealed],
    );
  }

  async confirm(userId: string, step: number): Promise<void> {
    await this.db.manager.query(`UPDATE second_factors SET confirmed_at = now(), last_step = $2, updated_at = now() WHERE user_id = $1`, [userId, step]);
  }

  /** Accepts a time step only once and only forward (the update is conditional): false for a replay. */
  async claimStep(userId: string, step: number): Promise<boolean> {
    const [, count] = (await this.db.manager.query(
      `UPDATE second_factors SET last_step = $2, updated_at = now() WHERE user_id = $1 AND (last_step IS NULL OR last_step < $2)`,
      [userId, step],
    )) as [unknown, number];
    return count === 1;
  }

  async remove(userId: string): Promise<number> {
    await this.db.manager.query(`DELETE FROM recovery_codes WHERE user_id = $1`, [userId]);
    const [, count] = (await this.db.manager.query(`DELETE FROM second_factors WHERE user_id = $1 AND secret_sealed IS NOT NULL`, [userId])) as [
      unknown,
      number,
    ];
    return count;
  }

  async replaceRecoveryCodes(userId: string, organisationId: string, hashes: string[]): Promise<void> {
    await this.db.manager.query(`DELETE FROM recovery_codes WHERE user_id = $1`, [userId]);
    await this.db.manager.query(
      `INSERT INTO recovery_codes (user_id, organisation_id, code_hash) SELECT $1, $2, unnest($3::text[])`,
      [userId, organisationId, hashes],
    );
  }

  async unusedRecoveryCodes(userId: string): Promise<{ id: string; code_hash: string }[]> {
    return this.db.manager.query(`SELECT id, code_hash FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL`, [userId]);
  }

  /** False when another request used it first. */
  async useRecoveryCode(id: string): Promise<boolean> {
    const [, count] = (await this.db.manager.query(`UPDATE recovery_codes SET used_at = now() WHERE id = $1 AND used_at IS NULL`, [id])) as [
      unknown,
      number,
    ];
    return count === 1;
  }

  async markSession(sessionId: string): Promise<void> {
    await this.db.manager.query(`UPDATE auth_sessions SET second_factor_at = now() WHERE id = $1`, [sessionId]);
  }

  /** Seconds since the session last proved the factor (null when never). */
  async sessionFactorAge(sessionId: string): Promise<number | null> {
    const rows = (await this.db.manager.query(
      `SELECT extract(epoch FROM now() - second_factor_at)::float AS age FROM auth_sessions WHERE id = $1`,
      [sessionId],
    )) as { age: number | null }[];
    return rows[0]?.age ?? null;
  }
}
