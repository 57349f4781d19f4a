import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verify } from 'otplib';
import type { Role } from '@accord/contracts';
import { currentContext } from '../access/request-context';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config';
import { PiiVault } from '../crypto/pii-vault';
import { SYSTEM_SCOPE } from '../access/access-scope';
import { Database } from '../database/database.service';
import { DomainError, ForbiddenError, UnauthorizedError } from '../errors/domain-error';
import { PasswordService } from './password.service';
import { SecondFactorRepository, SecondFactorRow } from './second-factor.repository';
import { SignInLimiter } from './sign-in-limiter.service';

/** Roles that reach many cases or the platform: a second factor is required of them (issue 18). */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['platform_admin', 'center_admin', 'institution_admin'];
/** Every user of these organisation kinds needs one too. */
const SECOND_FACTOR_KINDS = ['center', 'regulator', 'platform'];

/** A proof older than this is asked again before a sensitive action (step-up). */
export const STEP_UP_SECONDS = 15 * 60;
const TOTP_PERIOD = 30;

export function secondFactorRequired(kind: string, roles: readonly string[], policyRequired: boolean): boolean {
  return SECOND_FACTOR_KINDS.includes(kind) || roles.some((r) => (SECOND_FACTOR_ROLES as readonly string[]).includes(r)) || policyRequired;
}

/** What sign-in does after the password: tokens at once, a code, or enrolment first. */
export type SecondFactorStage = 'none' | 'code' | 'enrol';

export function stageOf(kind: string, roles: readonly string[], factor: SecondFactorRow | undefined, now = new Date()): SecondFactorStage {
  if (factor?.confirmed_at) return 'code';
  const required = secondFactorRequired(kind, roles, factor?.policy_required ?? false);
  const exempt = Boolean(factor?.exempt_until && factor.exempt_until > now);
  return required && !exempt ? 'enrol' : 'none';
}

const badCode = () => new UnauthorizedError('The code is wrong or was already used', 'INVALID_SECOND_FACTOR');

/**
 * TOTP (RFC 6238, SHA-1, 6 digits, 30 s, one step either side for clock drift) through otplib.
 * The secret is sealed under the personal-data keys, bound to the user id; a code's time step is
 * claimed with a conditional update, so the same code (or an older one) never passes twice.
 * Recovery codes: ten, 10 characters of base32, argon2id-hashed, each good once.
 */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly db: Database,
    private readonly factors: SecondFactorRepository,
    private readonly vault: PiiVault,
    private readonly passwords: PasswordService,
    private readonly limiter: SignInLimiter,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  lookUp(userId: string): Promise<SecondFactorRow | undefined> {
    return this.factors.lookUp(userId);
  }

  /** Starts (or restarts) enrolment: a fresh secret, returned once as an otpauth:// URI for the QR code. */
  async begin(userId: string, organisationId: string, username: string): Promise<{ secret: string; otpauthUri: string }> {
    const secret = generateSecret();
    await this.factors.savePending(userId, organisationId, this.vault.sealText(secret, `totp:${userId}`));
    const otpauthUri = generateURI({ issuer: this.config.SECOND_FACTOR_ISSUER, label: username, secret });
    return { secret, otpauthUri };
  }

  /** The first code confirms the authenticator; answers the ten recovery codes (shown once). */
  async confirm(userId: string, organisationId: string, code: string): Promise<string[]> {
    const factor = await this.factors.lookUp(userId);
    if (!factor?.secret_sealed || factor.confirmed_at) {
      throw new DomainError('NO_PENDING_ENROLMENT', 409, 'Start enrolment first: there is no authenticator waiting for its first code.');
    }
    const step = await this.checkTotp(userId, factor, code);
    if (step === null) throw badCode();
    await this.factors.confirm(userId, step);
    const codes = await this.newRecoveryCodes(userId, organisationId);
    await this.audit.record({ action: 'auth.second-factor-enrolled', subjectType: 'user', subjectId: userId });
    return codes;
  }

  async newRecoveryCodes(userId: string, organisationId: string): Promise<string[]> {
    const codes = Array.from({ length: 10 }, () => {
      const raw = randomBytes(10).toString('hex').slice(0, 10);
      return `${raw.slice(0, 5)}-${raw.slice(5)}`;
    });
    await this.factors.replaceRecoveryCodes(userId, organisationId, await Promise.all(codes.map((c) => this.passwords.hash(c))));
    return codes;
  }

  /**
   * Checks a 6-digit code or a recovery code of a confirmed factor; wrong codes count toward the
   * same back-off as wrong passwords (per user), so six digits cannot be walked.
   */
  async prove(userId: string, organisationId: string, code: string, ip: string): Promise<'totp' | 'recovery'> {
    const key = `2fa:${userId}`;
    await this.limiter.assertNotLocked(key, ip);
    const factor = await this.factors.lookUp(userId);
    if (!factor?.confirmed_at) throw new ForbiddenError('No second factor is set up for this account', 'SECOND_FACTOR_NOT_ENROLLED');
    const trimmed = code.replace(/\s+/g, '');
    let how: 'totp' | 'recovery' | null = null;
    if (/^\d{6}$/.test(trimmed)) {
      const step = await this.checkTotp(userId, factor, trimmed);
      if (step !== null && (await this.factors.claimStep(userId, step))) how = 'totp';
      else if (step !== null) await this.recordOutside(organisationId, userId, 'auth.second-factor-replayed');
    } else if (/^[0-9a-f]{5}-?[0-9a-f]{5}$/i.test(trimmed)) {
      const normal = trimmed.toLowerCase().replace(/^(.{5})-?(.{5})$/, '$1-$2');
      for (const row of await this.factors.unusedRecoveryCodes(userId)) {
        if ((await this.passwords.verify(row.code_hash, normal)) && (await this.factors.useRecoveryCode(row.id))) {
          how = 'recovery';
          break;
        }
      }
      if (how) await this.audit.record({ action: 'auth.recovery-code-used', subjectType: 'user', subjectId: userId });
    }
    if (!how) {
      await this.limiter.recordFailure(key, ip);
      await this.recordOutside(organisationId, userId, 'auth.second-factor-failed');
      throw badCode();
    }
    await this.limiter.reset(key);
    return how;
  }

  /** A refused code is audited in a transaction of its own: the request's rolls back with the refusal. */
  private async recordOutside(organisationId: string, userId: string, action: string): Promise<void> {
    const { ip, requestId } = currentContext();
    await this.db.run(SYSTEM_SCOPE, () => this.audit.record({ action, organisationId, subjectType: 'user', subjectId: userId }), { ip, requestId });
  }

  /** The time step the code belongs to (now or one step either side), or null. */
  private async checkTotp(userId: string, factor: SecondFactorRow, code: string): Promise<number | null> {
    if (!/^\d{6}$/.test(code) || !factor.secret_sealed) return null;
    const secret = this.vault.openText(factor.secret_sealed, `totp:${userId}`);
    const result = await verify({ secret, token: code, epochTolerance: TOTP_PERIOD });
    return result.valid ? (result as { timeStep: number }).timeStep : null;
  }

  /** An admin resets a user's factor (a lost phone): the user enrols again at next sign-in. */
  async reset(userId: string): Promise<boolean> {
    return (await this.factors.remove(userId)) > 0;
  }

  async recoveryCodesLeft(userId: string): Promise<number> {
    return (await this.factors.unusedRecoveryCodes(userId)).length;
  }

  markSession(sessionId: string): Promise<void> {
    return this.factors.markSession(sessionId);
  }

  /**
   * Step-up: before a sensitive action the caller's session must have proven the second factor in
   * the last 15 minutes. A user with no factor who need not have one (or is exempt) is let through:
   * there is nothing to ask; API keys are machines and carry their own scope.
   */
  // 403, not 401: the session is fine (a 401 would make clients refresh or sign out); the portal
  // answers STEP_UP_REQUIRED with a code prompt and retries.
  async assertRecent(): Promise<void> {
    const { scope } = currentContext();
    if (!scope.userId || !scope.sessionId || scope.apiKeyId) return;
    const factor = await this.factors.lookUp(scope.userId);
    if (!factor?.confirmed_at) return;
    const age = await this.factors.sessionFactorAge(scope.sessionId);
    if (age === null || age > STEP_UP_SECONDS) {
      throw new DomainError('STEP_UP_REQUIRED', 403, 'Enter the code from your authenticator to continue.', { maxAgeSeconds: STEP_UP_SECONDS });
    }
  }
}
