import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import type { AccessScope } from '../access/access-scope';
import { Database } from '../database/database.service';
import { REPLICA_READS, ReplicaReadsOptions } from '../database/replica-reads.decorator';
import { DomainError } from '../errors/domain-error';
import { SessionCache } from './session-cache.service';
import { TokenAudit } from './token-audit.service';

/**
 * One transaction per authenticated request, opened with the caller's RLS settings; the handler
 * and everything it calls run inside it. A session the cache knows live opens the transaction
 * on the handler's first query (BEGIN + settings in one round trip), so a request that reads
 * nothing from PostgreSQL opens none; any other checks its session in that same round trip,
 * opened at once, and is cached when live.
 */
@Injectable()
export class ScopeTransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly db: Database,
    private readonly refused: TokenAudit,
    private readonly sessions: SessionCache,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AccessScope }>();
    const scope = request.user;
    if (!scope?.organisationId) return next.handle();
    const check = Boolean(scope.sessionId) && !this.sessions.isLive(scope);
    const mark = this.sessions.mark();
    const replicaReads = this.db.replica ? this.reflector.getAllAndOverride<ReplicaReadsOptions | undefined>(REPLICA_READS, [context.getHandler(), context.getClass()]) : undefined;
    // The floor is fixed as the request begins: its later reads (an export's batches) need not
    // wait for the request's own audit row to reach the replica.
    const floor = replicaReads ? this.db.readFloor(scope) : Promise.resolve(undefined);
    // A session not known live is checked on the primary first (a replica lagging behind a
    // sign-out must not vouch for it), so the reads themselves can still go to the replica.
    const onSession = (until: Date) => this.sessions.remember(scope, until, mark);
    const checked = replicaReads?.scope === 'request' && check ? this.db.run(scope, async () => undefined, { requireSession: true, onSession }) : Promise.resolve();
    return from(
      Promise.all([floor, checked]).then(([readFloor]) =>
        this.db.run(scope, () => lastValueFrom(next.handle(), { defaultValue: undefined }), {
          requestId: String(request.id),
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          requireSession: check && replicaReads?.scope !== 'request',
          onSession,
          lazy: true,
          replica: replicaReads?.scope === 'request',
          readFloor,
        }),
      ).catch(async (error: unknown) => {
          // A well-signed token of an ended session (signed out, revoked, user deactivated).
          if (error instanceof DomainError && error.code === 'SESSION_ENDED') await this.refused.record(request, error, scope);
          throw error;
        }),
    );
  }
}
