import { Injectable } from '@nestjs/common';
import type { Page } from '@accord/contracts';
import { ANONYMOUS_SCOPE, AccessScope } from '../access/access-scope';
import { AuditService } from '../audit/audit.service';
import { Database } from '../database/database.service';
import { NotFoundError } from '../errors/domain-error';
import { sha256, TokenService } from './token.service';

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}


@Injectable()
export class ApiKeyService {
  constructor(
    private readonly db: Database,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
  ) {}

  /** The scope a valid, unrevoked key acts with; undefined otherwise. */
  async authenticate(key: string): Promise<AccessScope | undefined> {
    const row = await this.db.run(ANONYMOUS_SCOPE, async () => {
      const rows = await this.db.manager.query<unknown[]>('SELECT * FROM auth_api_key($1)', [sha256(key)]);
      return rows[0] as { api_key_id: string; institution_id: string; revoked_at: Date | null; institution_active: boolean } | undefined;
    });
    if (!row || row.revoked_at || !row.institution_active) return undefined;
    return {
      kind: 'institution',
      organisationId: row.institution_id,
      userId: null,
      sessionId: null,
      apiKeyId: row.api_key_id,
      roles: ['complaint_handler'],
      branchPath: '',
      centerIds: [],
    };
  }

  async list(page: number, pageSize: number): Promise<Page<ApiKeyView>> {
    const { organisationId } = this.db.scope;
    const rows = (await this.db.manager.query(
      `SELECT id, name, prefix, created_at, last_used_at, revoked_at, count(*) OVER () AS total
       FROM api_keys WHERE institution_id = $1 ORDER BY created_at DESC LIMIT $2 OFFSET $3`,
      [organisationId, pageSize, (page - 1) * pageSize],
    )) as (Record<string, never> & { total: string })[];
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        prefix: r.prefix,
        createdAt: r.created_at,
        lastUsedAt: r.last_used_at,
        revokedAt: r.revoked_at,
      })),
      total: Number(rows[0]?.total ?? 0),
      page,
      pageSize,
    };
  }

  /** The key itself is returned once and never stored. */
  async create(name: string): Promise<ApiKeyView & { key: string }> {
    const { organisationId, userId } = this.db.scope;
    const { token, hash } = this.tokens.newOpaque('ak');
    const prefix = token.slice(0, 10);
    const [row] = (await this.db.manager.query(
      `INSERT INTO api_keys (institution_id, name, prefix, key_hash, created_by) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, created_at`,
      [organisationId, name, prefix, hash, userId],
    )) as { id: string; created_at: Date }[];
    await this.audit.record({ action: 'api-key.created', subjectType: 'api_key', subjectId: row.id, detail: { name, prefix } });
    return { id: row.id, name, prefix, createdAt: row.created_at, lastUsedAt: null, revokedAt: null, key: token };
  }

  async revoke(id: string): Promise<void> {
    const [, count] = (await this.db.manager.query(
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 AND institution_id = $2`,
      [id, this.db.scope.organisationId],
    )) as [unknown, number];
    if (count !== 1) throw new NotFoundError('API key');
    await this.audit.record({ action: 'api-key.revoked', subjectType: 'api_key', subjectId: id });
  }
}

/** An API key's name as the timeline shows an action it took ("API · <name>"), as a scalar subquery. */
export function apiKeyLabelSql(id: string): string {
  return `(SELECT 'API · ' || name FROM api_keys WHERE id = ${id})`;
}
