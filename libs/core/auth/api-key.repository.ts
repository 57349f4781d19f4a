import { Injectable } from '@nestjs/common';
import { columns, RowOf } from '../database/columns';
import { Database } from '../database/database.service';
import { ApiKeyEntity, DEFAULT_API_KEY_RATE_PER_MINUTE } from './entities/api-key.entity';

const LISTED = columns(ApiKeyEntity, ['id', 'name', 'prefix', 'createdAt', 'lastUsedAt', 'revokedAt', 'ratePerMinute'] as const);
export type ApiKeyRow = RowOf<typeof LISTED>;

/** What auth_api_key returns for a key's hash. */
export interface ApiKeyClaimsRow {
  api_key_id: string;
  institution_id: string;
  revoked_at: Date | null;
  institution_active: boolean;
  rate_per_minute: number;
}

/** The queries of an institution's API keys (api_keys); the key itself is only ever a hash here. */
@Injectable()
export class ApiKeyRepository {
  constructor(private readonly db: Database) {}

  /** Through the SECURITY DEFINER look-up: a key authenticates before any scope exists. */
  async byHash(hash: Buffer): Promise<ApiKeyClaimsRow | undefined> {
    const rows = await this.db.manager.query<unknown[]>('SELECT * FROM auth_api_key($1)', [hash]);
    return rows[0] as ApiKeyClaimsRow | undefined;
  }

  /** An institution's keys, newest first, with the total. */
  async page(institutionId: string | null, limit: number, offset: number): Promise<{ rows: ApiKeyRow[]; total: number }> {
    const rows = (await this.db.manager.query(
      `SELECT ${LISTED.select()}, count(*) OVER () AS total
       FROM api_keys WHERE institution_id = $1 ORDER BY created_at DESC LIMIT $2 OFFSET $3`,
      [institutionId, limit, offset],
    )) as (ApiKeyRow & { total: string })[];
    return { rows: rows.map(({ total: _t, ...k }) => k), total: Number(rows[0]?.total ?? 0) };
  }

  async insert(k: { institutionId: string | null; name: string; prefix: string; keyHash: Buffer; createdBy: string | null; ratePerMinute?: number }): Promise<{ id: string; createdAt: Date; ratePerMinute: number }> {
    const [row] = (await this.db.manager.query(
      `INSERT INTO api_keys (institution_id, name, prefix, key_hash, created_by, rate_per_minute) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, created_at, rate_per_minute`,
      [k.institutionId, k.name, k.prefix, k.keyHash, k.createdBy, k.ratePerMinute ?? DEFAULT_API_KEY_RATE_PER_MINUTE],
    )) as { id: string; created_at: Date; rate_per_minute: number }[];
    return { id: row.id, createdAt: row.created_at, ratePerMinute: row.rate_per_minute };
  }

  /** Sets the key's quota per minute; undefined when the key is not the institution's. */
  async setRate(id: string, institutionId: string | null, ratePerMinute: number): Promise<ApiKeyRow | undefined> {
    const [rows] = (await this.db.manager.query(
      `UPDATE api_keys SET rate_per_minute = $3 WHERE id = $1 AND institution_id = $2 RETURNING ${LISTED.select()}`,
      [id, institutionId, ratePerMinute],
    )) as [ApiKeyRow[], number];
    return rows[0];
  }

  /** Revoking twice keeps the first time; false when the key is not the institution's. */
  async revoke(id: string, institutionId: string | null): Promise<boolean> {
    const [, count] = (await this.db.manager.query(
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 AND institution_id = $2`,
      [id, institutionId],
    )) as [unknown, number];
    return count === 1;
  }
}

/** An API key's name as the timeline shows an action it took ("API · <name>"), as a scalar subquery. */
export function apiKeyLabelSql(id: string): string {
  return `(SELECT 'API · ' || name FROM api_keys WHERE id = ${id})`;
}
