import { Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AccessScope, SYSTEM_SCOPE } from '../access/access-scope';
import { AuditService } from '../audit/audit.service';
import { Database } from '../database/database.service';
import { DomainError } from '../errors/domain-error';

/**
 * Puts each refused bearer token in the audit trail (a forged, expired or claim-less token, or one
 * of an ended session), so a reviewer sees probing. Written as the system: the caller has no
 * trustworthy scope; when the token's session was real, the entry goes to its organisation.
 */
@Injectable()
export class TokenAudit {
  private readonly logger = new Logger(TokenAudit.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  async record(request: FastifyRequest, error: unknown, scope?: AccessScope): Promise<void> {
    const header = request.headers.authorization;
    if (!header && !scope) return; // No token at all: an anonymous call, nothing was attempted.
    const code = error instanceof DomainError ? error.code : 'UNAUTHENTICATED';
    try {
      await this.db.run(
        SYSTEM_SCOPE,
        () =>
          this.audit.record({
            action: 'auth.token-refused',
            organisationId: scope?.organisationId ?? null,
            subjectType: scope ? 'session' : undefined,
            subjectId: scope?.sessionId ?? undefined,
            detail: { reason: code, path: request.url.split('?')[0], userAgent: request.headers['user-agent']?.slice(0, 200) ?? null },
          }),
        { ip: request.ip, requestId: String(request.id) },
      );
    } catch (failure) {
      // The refusal stands whether or not its entry could be written.
      this.logger.error(`could not audit a refused token: ${String(failure)}`);
    }
  }
}
