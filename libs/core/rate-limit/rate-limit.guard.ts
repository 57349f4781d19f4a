import { createHash } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Counter } from 'prom-client';
import { SYSTEM_SCOPE, type AccessScope } from '../access/access-scope';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config';
import { Database } from '../database/database.service';
import { DomainError } from '../errors/domain-error';
import { MetricsService } from '../metrics/metrics.service';
import { RATE_LIMITS, RouteLimit } from './rate-limit.decorator';
import { LimitName, LimitRule, limitRules } from './rate-limit.rules';
import { RateLimiter } from './rate-limiter.service';

export const RateLimited = (limit: LimitName, retryAfterSeconds: number) =>
  new DomainError('RATE_LIMITED', 429, 'Too many requests; wait before trying again.', { limit, retryAfterSeconds });

/**
 * Global, after authentication: counts each route's @RateLimit()s and, for a caller with an API
 * key, the key's own quota per minute. Refused → 429 problem+json with Retry-After (the problem
 * filter sets the header), a metric per limit and, for limits that ask it, an audit entry.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger('RateLimitGuard');
  private readonly rules: Record<LimitName, LimitRule>;
  private readonly refused: Counter<'limit'>;
  private readonly fallbacks: Counter<'limit'>;

  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    private readonly db: Database,
    private readonly audit: AuditService,
    metrics: MetricsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.rules = limitRules(config);
    this.refused = new Counter({
      name: 'accord_rate_limit_refused_total',
      help: 'Requests refused with 429 by a rate limit, by limit name',
      labelNames: ['limit'],
      registers: [metrics.registry],
    });
    this.fallbacks = new Counter({
      name: 'accord_rate_limit_redis_fallback_total',
      help: 'Rate-limit checks that Redis did not answer (counted in-process or let through), by limit name',
      labelNames: ['limit'],
      registers: [metrics.registry],
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AccessScope }>();
    const limits = this.reflector.getAllAndOverride<RouteLimit[] | undefined>(RATE_LIMITS, [context.getHandler(), context.getClass()]) ?? [];
    for (const { name, by } of limits) {
      const target = by === 'ip' ? request.ip : by(request);
      if (!target) continue;
      const rule = this.rules[name];
      await this.count(request, name, rule, by === 'ip' ? target : digest(target), rule.limit);
    }
    const scope = request.user;
    if (scope?.apiKeyId && scope.apiKeyRatePerMinute) {
      await this.count(request, 'api-key.quota', this.rules['api-key.quota'], scope.apiKeyId, scope.apiKeyRatePerMinute);
    }
    return true;
  }

  private async count(request: FastifyRequest, name: LimitName, rule: LimitRule, key: string, limit: number): Promise<void> {
    const hit = await this.limiter.hit(name, key, limit, rule.windowSeconds, rule.whenRedisDown);
    if (hit.local) this.fallbacks.inc({ limit: name });
    if (hit.allowed) return;
    this.refused.inc({ limit: name });
    if (rule.audit) await this.recordRefusal(request, name);
    throw RateLimited(name, hit.retryAfterSeconds);
  }

  /** The platform's trail (no tenant is known before the request is let in): which limit, from where. */
  private async recordRefusal(request: FastifyRequest, name: LimitName): Promise<void> {
    const route = request.routeOptions?.url ?? request.url;
    await this.db
      .run(SYSTEM_SCOPE, () => this.audit.record({ action: 'rate-limit.refused', organisationId: null, detail: { limit: name, route } }), { ip: request.ip, requestId: String(request.id) })
      .catch((error: unknown) => this.logger.error({ err: error }, 'could not audit a refused attempt'));
  }
}

/** A secret (a link token) never becomes a Redis key as it is. */
function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 22);
}
