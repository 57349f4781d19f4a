import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { AccessScope } from '../access/access-scope';
import { ForbiddenError, UnauthorizedError } from '../errors/domain-error';
import { TokenAudit } from './token-audit.service';
import { ALLOW_API_KEY, IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';

/**
 * Global: every route needs a valid access token (or, where allowed, an API key) unless it
 * is marked @Public(); then the caller must hold one of the route's @Roles(). An APP_GUARD
 * also runs for socket.io messages, which carry no HTTP request: sockets are authenticated
 * once, in the gateway's handshake middleware (token and live session), so it lets them by.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard(['jwt', 'api-key']) {
  constructor(
    private readonly reflector: Reflector,
    private readonly refused: TokenAudit,
  ) {
    super();
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    try {
      await super.canActivate(context);
    } catch (error) {
      await this.refused.record(context.switchToHttp().getRequest(), error);
      throw error;
    }
    const scope = context.switchToHttp().getRequest<{ user: AccessScope }>().user;
    if (scope.apiKeyId && !this.reflector.getAllAndOverride<boolean>(ALLOW_API_KEY, targets)) {
      throw new ForbiddenError('API keys cannot use this endpoint', 'API_KEY_NOT_ALLOWED');
    }
    const roles = this.reflector.getAllAndOverride<string[]>(REQUIRED_ROLES, targets);
    if (roles?.length && !roles.some((r) => (scope.roles as string[]).includes(r))) {
      throw new ForbiddenError('Your role does not allow this', 'ROLE_REQUIRED');
    }
    return true;
  }

  handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    if (!user) throw new UnauthorizedError('Sign in first: a valid access token is required');
    return user;
  }
}
