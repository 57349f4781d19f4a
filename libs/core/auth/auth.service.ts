import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ANONYMOUS_SCOPE, AccessScope } from '../access/access-scope';
import { currentContext, requestContext } from '../access/request-context';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config';
import { Database } from '../database/database.service';
import { UnauthorizedError } from '../errors/domain-error';
import { OutboxService } from '../queue/outbox.service';
import { AuthRepository, ClaimsRow } from './auth.repository';
import { PasswordService } from './password.service';
import { PROFILE_READER, ProfileReader } from './profile-reader';
import { SignInLimiter } from './sign-in-limiter.service';
import { AccessClaims, scopeFromClaims, sha256, TokenService } from './token.service';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: unknown;
}

export interface ClientInfo {
  ip: string;
  userAgent?: string;
  requestId?: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly sessions: AuthRepository,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly limiter: SignInLimiter,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  private claimsOf(row: ClaimsRow, sessionId: string): Omit<AccessClaims, 'typ'> {
    return {
      sub: row.user_id,
      sid: sessionId,
      org: row.organisation_id,
      kind: row.organisation_kind,
      roles: row.roles,
      bp: row.branch_path ?? '',
      cids: row.center_ids ?? [],
      av: row.access_version,
    };
  }

  private async lookUp(username: string | null, userId: string | null): Promise<ClaimsRow | undefined> {
    return this.db.run(ANONYMOUS_SCOPE, () => this.sessions.claims(username, userId));
  }

  /** Checks credentials; the local strategy calls this. */
  async signIn(username: string, password: string, client: ClientInfo): Promise<TokenPair> {
    await this.limiter.checkRate(client.ip);
    await this.limiter.assertNotLocked(username, client.ip);
    const row = await this.lookUp(username, null);
    const ok = await this.passwords.verify(row?.password_hash ?? null, password);
    if (!row || !ok || !row.is_active || !row.organisation_active) {
      const failures = await this.limiter.recordFailure(username, client.ip);
      if (row) {
        await this.db.run(this.scopeFor(row, null), () =>
          this.audit.record({
            action: 'auth.sign-in-failed',
            subjectType: 'user',
            subjectId: row.user_id,
            detail: { reason: !ok ? 'password' : 'inactive', failures },
          }),
          { ip: client.ip, requestId: client.requestId },
        );
      }
      throw new UnauthorizedError('Wrong username or password', 'INVALID_CREDENTIALS');
    }
    await this.limiter.reset(username);
    return this.db.run(
      this.scopeFor(row, null),
      async () => {
        const sessionId = await this.createSession(row, client);
        await this.audit.record({ action: 'auth.sign-in', subjectType: 'user', subjectId: row.user_id });
        return this.issue(row, sessionId);
      },
      { ip: client.ip, requestId: client.requestId },
    );
  }

  /** Rotates a refresh token; a reused one ends its whole session (the token family). */
  async refresh(refreshToken: string, client: ClientInfo): Promise<TokenPair> {
    await this.limiter.checkRate(client.ip);
    const hash = sha256(refreshToken);
    const token = await this.db.run(ANONYMOUS_SCOPE, () => this.sessions.refreshToken(hash));
    if (!token) throw new UnauthorizedError('Unknown refresh token', 'INVALID_REFRESH_TOKEN');
    const row = await this.lookUp(null, token.user_id);
    if (!row) throw new UnauthorizedError('Unknown refresh token', 'INVALID_REFRESH_TOKEN');
    const scope = this.scopeFor(row, token.session_id);
    if (token.used_at) {
      await this.db.run(
        scope,
        async () => {
          await this.revokeSession(token.session_id, 'refresh-reuse');
          await this.audit.record({ action: 'auth.refresh-reused', subjectType: 'session', subjectId: token.session_id });
        },
        { ip: client.ip, requestId: client.requestId },
      );
      throw new UnauthorizedError('This refresh token was already used; the session has been ended', 'REFRESH_TOKEN_REUSED');
    }
    if (token.session_revoked_at || token.expires_at.getTime() < Date.now() || !row.is_active || !row.organisation_active) {
      throw new UnauthorizedError('Your session has ended; sign in again', 'SESSION_ENDED');
    }
    return this.db.run(scope, async () => {
      // The conditional update makes two concurrent uses of one token a reuse, not two sessions.
      if (!(await this.sessions.claimRefreshToken(token.token_id))) throw new UnauthorizedError('This refresh token was already used', 'REFRESH_TOKEN_REUSED');
      return this.issue(row, token.session_id);
    });
  }

  /** Ends the caller's session (inside the request's transaction). */
  async signOut(): Promise<void> {
    const { scope } = currentContext();
    if (!scope.sessionId) return;
    await this.revokeSession(scope.sessionId, 'sign-out');
    await this.audit.record({ action: 'auth.sign-out', subjectType: 'session', subjectId: scope.sessionId });
  }

  /** Ends every session of a user, e.g. when an admin deactivates them. */
  async endSessionsOf(userId: string, reason: string): Promise<number> {
    const count = await this.sessions.revokeSessionsOf(userId, reason);
    await this.outbox.add({ type: 'session.ended', rooms: [`user:${userId}`], payload: { userId, reason } });
    return count;
  }

  private async revokeSession(sessionId: string, reason: string): Promise<void> {
    await this.sessions.revokeSession(sessionId, reason);
    await this.outbox.add({ type: 'session.ended', rooms: [`session:${sessionId}`], payload: { sessionId, reason } });
  }

  private scopeFor(row: ClaimsRow, sessionId: string | null): AccessScope {
    return { ...scopeFromClaims({ ...this.claimsOf(row, sessionId ?? ''), typ: 'access' }), sessionId };
  }

  private async createSession(row: ClaimsRow, client: ClientInfo): Promise<string> {
    return this.sessions.insertSession({
      userId: row.user_id,
      organisationId: row.organisation_id,
      ttlSeconds: this.config.REFRESH_TOKEN_TTL_SECONDS,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
  }

  private async issue(row: ClaimsRow, sessionId: string): Promise<TokenPair> {
    const refresh = this.tokens.newOpaque('rt');
    await this.sessions.insertRefreshToken(sessionId, row.organisation_id, refresh.hash);
    const claims = this.claimsOf(row, sessionId);
    const accessToken = this.tokens.signAccess(claims);
    // The profile is read in the new session's own scope, inside this transaction.
    // Looked up lazily: the profile reader (organisations lib) itself depends on this service.
    const profiles = this.moduleRef.get<ProfileReader>(PROFILE_READER, { strict: false });
    const user = await this.withScope(scopeFromClaims({ ...claims, typ: 'access' }), () => profiles.currentProfile());
    return { accessToken, refreshToken: refresh.token, tokenType: 'Bearer', expiresIn: this.tokens.accessTtl, user };
  }

  private withScope<T>(scope: AccessScope, work: () => Promise<T>): Promise<T> {
    return requestContext.run({ ...currentContext(), scope }, work);
  }
}
