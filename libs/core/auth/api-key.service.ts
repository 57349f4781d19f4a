import { Injectable } from '@nestjs/common';
import type { Page } from '@accord/contracts';
import { ANONYMOUS_SCOPE, AccessScope } from '../access/access-scope';
import { AuditService } from '../audit/audit.service';
import { Database } from '../database/database.service';
import { NotFoundError } from '../errors/domain-error';
import { ApiKeyRepository } from './api-key.repository';
import { SecondFactorService } from './second-factor.service';
import { sha256, TokenService } from './token.service';

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  ratePerMinute: number;
}

@Injectable()
export class ApiKeyService {
  constructor(
    private readonly db: Database,
    private readonly keys: ApiKeyRepository,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly secondFactor: SecondFactorService,
  ) {}

  /** The scope a valid, unrevoked key acts with; undefined otherwise. */
  async authenticate(key: string): Promise<AccessScope | undefined> {
    const row = await this.db.run(ANONYMOUS_SCOPE, () => this.keys.byHash(sha256(key)));
    if (!row || row.revoked_at || !row.institution_active) return undefined;
    return {
      kind: 'institution',
      organisationId: row.institution_id,
      userId: null,
      sessionId: null,
      apiKeyId: row.api_key_id,
      apiKeyRatePerMinute: row.rate_per_minute,
      roles: ['complaint_handler'],
      branchPath: '',
      centerIds: [],
    };
  }

  async list(page: number, pageSize: number): Promise<Page<ApiKeyView>> {
    const { organisationId } = this.db.scope;
    const { rows, total } = await this.keys.page(organisationId, pageSize, (page - 1) * pageSize);
    return { items: rows, total, page, pageSize };
  }

  /** The key itself is returned once and never stored. */
  async create(name: string, ratePerMinute?: number): Promise<ApiKeyView & { key: string }> {
    // A key reaches the institution's cases without a person: its creator proves the second factor first.
    await this.secondFactor.assertRecent();
    const { organisationId, userId } = this.db.scope;
    const { token, hash } = this.tokens.newOpaque('ak');
    const prefix = token.slice(0, 10);
    const row = await this.keys.insert({ institutionId: organisationId, name, prefix, keyHash: hash, createdBy: userId, ratePerMinute });
    await this.audit.record({ action: 'api-key.created', subjectType: 'api_key', subjectId: row.id, detail: { name, prefix, ratePerMinute: row.ratePerMinute } });
    return { id: row.id, name, prefix, createdAt: row.createdAt, lastUsedAt: null, revokedAt: null, ratePerMinute: row.ratePerMinute, key: token };
  }

  /** The key's quota per minute; it holds from the key's next request on. */
  async update(id: string, ratePerMinute: number): Promise<ApiKeyView> {
    const row = await this.keys.setRate(id, this.db.scope.organisationId, ratePerMinute);
    if (!row) throw new NotFoundError('API key');
    await this.audit.record({ action: 'api-key.quota-changed', subjectType: 'api_key', subjectId: id, detail: { ratePerMinute } });
    return row;
  }

  async revoke(id: string): Promise<void> {
    if (!(await this.keys.revoke(id, this.db.scope.organisationId))) throw new NotFoundError('API key');
    await this.audit.record({ action: 'api-key.revoked', subjectType: 'api_key', subjectId: id });
  }
}
