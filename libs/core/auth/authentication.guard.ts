import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { AccessScope } from '../access/access-scope';
import { ForbiddenError, UnauthorizedError } from '../errors/domain-error';
import { ApiKeyService } from './api-key.service';
import { ALLOW_API_KEY, IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import { TokenAudit } from './token-audit.service';
import { scopeFromClaims, TokenService } from './token.service';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Global: every route needs a valid access token (or, where allowed, an API key) unless it
 * is marked @Public(); then the caller must hold one of the route's @Roles(). An APP_GUARD
 * also runs for socket.io messages, which carry no HTTP request: sockets are authenticated
 * once, in the gateway's handshake middleware (token and live session), so it lets them by.
 *
 * The token or key is checked here directly, not through passport: passport's strategy
 * machinery (a strategy object, closures and a promise per request) was a sixth of what an
 * authenticated GET allocated, for two lookups. Sign-in (a username and password) still goes
 * through passport's local strategy.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly refused: TokenAudit,
    private readonly tokens: TokenService,
    private readonly keys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AccessScope }>();
    const scope = await this.authenticate(request);
    if (!scope) {
      const error = new UnauthorizedError('Sign in first: a valid access token is required');
      await this.refused.record(request, error);
      throw error;
    }
    request.user = scope;
    if (scope.apiKeyId && !this.reflector.getAllAndOverride<boolean>(ALLOW_API_KEY, targets)) {
      throw new ForbiddenError('API keys cannot use this endpoint', 'API_KEY_NOT_ALLOWED');
    }
    const roles = this.reflector.getAllAndOverride<string[]>(REQUIRED_ROLES, targets);
    if (roles?.length && !roles.some((r) => (scope.roles as string[]).includes(r))) {
      throw new ForbiddenError('Your role does not allow this', 'ROLE_REQUIRED');
    }
    return true;
  }

  /** A valid bearer access token's scope; else a bank's `X-Api-Key: ak_…` (its institution's scope); else none. */
  private async authenticate(request: FastifyRequest): Promise<AccessScope | undefined> {
    const header = request.headers.authorization;
    const token = header ? BEARER.exec(header)?.[1] : undefined;
    const claims = token ? this.tokens.verifyAccess(token) : null;
    if (claims) return scopeFromClaims(claims);
    const key = request.headers['x-api-key'];
    if (typeof key !== 'string' || !key.startsWith('ak_')) return undefined;
    return (await this.keys.authenticate(key)) ?? undefined;
  }
}
