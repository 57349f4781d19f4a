import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { ProfileView, TokenPair as ContractTokenPair } from '@accord/contracts';
import { ANONYMOUS_SCOPE, AccessScope } from '../access/access-scope';
import { currentContext, requestContext } from '../access/request-context';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config';
import { Database } from '../database/database.service';
import { DomainError, NotFoundError, UnauthorizedError } from '../errors/domain-error';
import { OutboxService } from '../queue/outbox.service';
import { AuthRepository, ClaimsRow } from './auth.repository';
import { SecondFactorService, secondFactorRequired, stageOf } from './second-factor.service';
import { PasswordService } from './password.service';
import { PROFILE_READER, ProfileReader } from './profile-reader';
import { SignInLimiter } from './sign-in-limiter.service';
import { AccessClaims, scopeFromClaims, sha256, TokenService } from './token.service';

/** The contract's pair; the profile inside comes from the organisations lib (the profile reader). */
export type TokenPair = ContractTokenPair;

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
    private readonly secondFactor: SecondFactorService,
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
    const factor = await this.db.run(this.scopeFor(row, null), () => this.secondFactor.lookUp(row.user_id));
    const stage = stageOf(row.organisation_kind, row.roles, factor);
    if (stage !== 'none') {
      // The password was right; the second step decides. Not an error of the caller's: a challenge.
      throw new DomainError(
        'SECOND_FACTOR_REQUIRED',
        401,
        stage === 'code' ? 'Enter the code from your authenticator app.' : 'Set up an authenticator app to finish signing in.',
        { stage, secondFactorToken: this.tokens.signPending(row.user_id, stage) },
      );
    }
    return this.startSession(row, client, false);
  }

  private startSession(row: ClaimsRow, client: ClientInfo, proven: boolean, recoveryCodes?: string[]): Promise<TokenPair> {
    return this.db.run(
      this.scopeFor(row, null),
      async () => {
        const sessionId = await this.createSession(row, client);
        if (proven) await this.secondFactor.markSession(sessionId);
        await this.audit.record({ action: 'auth.sign-in', subjectType: 'user', subjectId: row.user_id, detail: { secondFactor: proven } });
        const pair = await this.issue(row, sessionId);
        return recoveryCodes ? { ...pair, recoveryCodes } : pair;
      },
      { ip: client.ip, requestId: client.requestId },
    );
  }

  /** The user behind a second-factor token, still allowed in. */
  private async pendingUser(token: string, stage: 'code' | 'enrol', client: ClientInfo): Promise<ClaimsRow> {
    await this.limiter.checkRate(client.ip);
    const userId = this.tokens.verifyPending(token, stage);
    const row = userId ? await this.lookUp(null, userId) : undefined;
    if (!row || !row.is_active || !row.organisation_active) {
      throw new UnauthorizedError('This sign-in has expired; enter your password again', 'SECOND_FACTOR_TOKEN_INVALID');
    }
    return row;
  }

  /** Second step of sign-in: a code from the authenticator or a recovery code. */
  async signInWithCode(token: string, code: string, client: ClientInfo): Promise<TokenPair> {
    const row = await this.pendingUser(token, 'code', client);
    await this.db.run(this.scopeFor(row, null), () => this.secondFactor.prove(row.user_id, row.organisation_id, code, client.ip), {
      ip: client.ip,
      requestId: client.requestId,
    });
    return this.startSession(row, client, true);
  }

  /** A user who must have a second factor and has none sets one up before their first session. */
  async beginEnrolmentAtSignIn(token: string, client: ClientInfo): Promise<{ secret: string; otpauthUri: string }> {
    const row = await this.pendingUser(token, 'enrol', client);
    return this.db.run(this.scopeFor(row, null), async () => this.secondFactor.begin(row.user_id, row.organisation_id, await this.usernameOf(row)));
  }

  async confirmEnrolmentAtSignIn(token: string, code: string, client: ClientInfo): Promise<TokenPair> {
    const row = await this.pendingUser(token, 'enrol', client);
    const codes = await this.db.run(this.scopeFor(row, null), () => this.secondFactor.confirm(row.user_id, row.organisation_id, code), {
      ip: client.ip,
      requestId: client.requestId,
    });
    return this.startSession(row, client, true, codes);
  }

  private async usernameOf(row: ClaimsRow): Promise<string> {
    const profiles = this.moduleRef.get<ProfileReader>(PROFILE_READER, { strict: false });
    const profile = (await this.withScope(this.scopeFor(row, null), () => profiles.currentProfile())) as { username: string };
    return profile.username;
  }

  /** The signed-in user's factor: whether set up, whether required, recovery codes left. */
  async secondFactorStatus() {
    const { scope } = currentContext();
    const factor = await this.secondFactor.lookUp(scope.userId!);
    return {
      enrolled: Boolean(factor?.confirmed_at),
      enrolledAt: factor?.confirmed_at ?? null,
      required: secondFactorRequired(scope.kind, scope.roles, factor?.policy_required ?? false),
      recoveryCodesLeft: await this.secondFactor.recoveryCodesLeft(scope.userId!),
    };
  }

  /** Account page: set up or replace the authenticator (replacing one asks for the current one first). */
  async beginEnrolment() {
    const { scope } = currentContext();
    await this.secondFactor.assertRecent();
    const profiles = this.moduleRef.get<ProfileReader>(PROFILE_READER, { strict: false });
    const { username } = (await profiles.currentProfile()) as { username: string };
    return this.secondFactor.begin(scope.userId!, scope.organisationId!, username);
  }

  async confirmEnrolment(code: string) {
    const { scope } = currentContext();
    const recoveryCodes = await this.secondFactor.confirm(scope.userId!, scope.organisationId!, code);
    await this.secondFactor.markSession(scope.sessionId!);
    return { recoveryCodes };
  }

  async newRecoveryCodes() {
    const { scope } = currentContext();
    await this.secondFactor.assertRecent();
    const recoveryCodes = await this.secondFactor.newRecoveryCodes(scope.userId!, scope.organisationId!);
    await this.audit.record({ action: 'auth.recovery-codes-renewed', subjectType: 'user', subjectId: scope.userId! });
    return { recoveryCodes };
  }

  /** Step-up: proves the factor again in this session (sensitive actions ask within 15 minutes). */
  async stepUp(code: string): Promise<void> {
    const { scope, ip } = currentContext();
    await this.secondFactor.prove(scope.userId!, scope.organisationId!, code, ip ?? 'unknown');
    await this.secondFactor.markSession(scope.sessionId!);
    await this.audit.record({ action: 'auth.step-up', subjectType: 'session', subjectId: scope.sessionId! });
  }

  /** The caller's live sessions; `current` marks the one asking. */
  async mySessions() {
    const { scope } = currentContext();
    const rows = await this.sessions.liveSessions(scope.userId!);
    return {
      items: rows.map((r) => ({
        id: r.id,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        ip: r.ip,
        userAgent: r.user_agent,
        current: r.id === scope.sessionId,
      })),
    };
  }

  /** Ends one of the caller's sessions; another user's session answers 404 like an unknown id. */
  async revokeMySession(sessionId: string): Promise<void> {
    const { scope } = currentContext();
    if (!(await this.sessions.revokeSessionOf(scope.userId!, sessionId, 'revoked-by-user'))) throw new NotFoundError('Session', 'SESSION_NOT_FOUND');
    await this.outbox.add({ type: 'session.ended', rooms: [`session:${sessionId}`], payload: { sessionId, reason: 'revoked-by-user' } });
    await this.audit.record({ action: 'auth.session-revoked', subjectType: 'session', subjectId: sessionId });
  }

  /** "Sign out everywhere else". */
  async revokeMyOtherSessions(): Promise<{ revoked: number }> {
    const { scope } = currentContext();
    const ended = await this.sessions.revokeOtherSessions(scope.userId!, scope.sessionId!, 'revoked-by-user');
    for (const id of ended) await this.outbox.add({ type: 'session.ended', rooms: [`session:${id}`], payload: { sessionId: id, reason: 'revoked-by-user' } });
    await this.audit.record({ action: 'auth.other-sessions-revoked', subjectType: 'user', subjectId: scope.userId!, detail: { count: ended.length } });
    return { revoked: ended.length };
  }

  /** An admin ends a user's sessions (the caller has checked the user is theirs to manage). */
  async revokeSessionsByAdmin(userId: string): Promise<{ revoked: number }> {
    const revoked = await this.endSessionsOf(userId, 'revoked-by-admin');
    await this.audit.record({ action: 'user.sessions-revoked', subjectType: 'user', subjectId: userId, detail: { count: revoked } });
    return { revoked };
  }

  /** An admin resets a user's second factor (a lost phone): their sessions end, they enrol again. */
  async resetSecondFactorByAdmin(userId: string): Promise<void> {
    const removed = await this.secondFactor.reset(userId);
    await this.endSessionsOf(userId, 'second-factor-reset');
    await this.audit.record({ action: 'user.second-factor-reset', subjectType: 'user', subjectId: userId, detail: { hadFactor: removed } });
  }

  /** For other libs: sensitive actions call this first. */
  requireRecentSecondFactor(): Promise<void> {
    return this.secondFactor.assertRecent();
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
      await this.sessions.touchSession(token.session_id);
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
    return { accessToken, refreshToken: refresh.token, tokenType: 'Bearer', expiresIn: this.tokens.accessTtl, user: user as ProfileView };
  }

  private withScope<T>(scope: AccessScope, work: () => Promise<T>): Promise<T> {
    return requestContext.run({ ...currentContext(), scope }, work);
  }
}
