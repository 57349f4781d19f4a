import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { OrganisationKind, Role } from '@accord/contracts';
import type { AccessScope } from '../access/access-scope';
import { APP_CONFIG, AppConfig } from '../config';

export const JWT_ISSUER = 'accord';
export const JWT_AUDIENCE = 'accord-api';

/** Claims of an access token: enough to build the access scope without a look-up. */
export interface AccessClaims {
  sub: string;
  sid: string;
  org: string;
  kind: OrganisationKind;
  roles: Role[];
  bp: string;
  cids: string[];
  /** The user's access_version when the token was issued: a change since ends the token. */
  av: number;
  typ: 'access';
  /** When the second factor was last proven in this session (seconds since epoch); absent when never. */
  mfa?: number;
}

/** Access claims whose signature, issuer, audience, type and expiry were checked. */
export type VerifiedClaims = Readonly<AccessClaims & { exp: number }>;

/** Tokens remembered as verified (a client sends the same one until it refreshes it, every 15 minutes). */
const VERIFIED_KEPT = 20_000;

/**
 * jsonwebtoken checks exp only when present and aud only when asked: a token that lacks exp
 * (valid forever), iat, aud or typ is refused here, whoever signed it.
 */
export function hasRequiredClaims(c: Partial<AccessClaims> & { exp?: unknown; iat?: unknown; aud?: unknown }): boolean {
  const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
  return (
    typeof c.exp === 'number' &&
    typeof c.iat === 'number' &&
    c.iat <= Date.now() / 1000 + 60 &&
    aud.includes(JWT_AUDIENCE) &&
    c.typ === 'access' &&
    typeof c.sub === 'string' &&
    typeof c.sid === 'string'
  );
}

export function scopeFromClaims(c: AccessClaims): AccessScope {
  return {
    kind: c.kind,
    organisationId: c.org,
    userId: c.sub,
    sessionId: c.sid,
    roles: c.roles,
    branchPath: c.bp,
    centerIds: c.cids,
    accessVersion: c.av ?? 0,
    mfaAt: c.mfa,
  };
}

export const sha256 = (value: string): Buffer => createHash('sha256').update(value).digest();

@Injectable()
export class TokenService {
  private readonly verified = new Map<string, VerifiedClaims>();

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get accessTtl(): number {
    return this.config.ACCESS_TOKEN_TTL_SECONDS;
  }

  signAccess(claims: Omit<AccessClaims, 'typ'>): string {
    return this.jwt.sign(
      { ...claims, typ: 'access' },
      { algorithm: 'HS256', issuer: JWT_ISSUER, audience: JWT_AUDIENCE, expiresIn: this.accessTtl },
    );
  }

  /**
   * Verifies algorithm, issuer, audience, expiry and type; null when any fails.
   *
   * A token verified once is remembered by its exact text until it expires: the signature and
   * claims of the same bytes cannot verify differently later, and expiry — the one check that
   * depends on the time — is checked again on every use. Verifying (base64, two JSON parses, an
   * HMAC) was a fifth of an authenticated GET's CPU. Whether the token's session is still live
   * is not a property of the token: the request's transaction (or the session cache) checks it.
   */
  verifyAccess(token: string): VerifiedClaims | null {
    const known = this.verified.get(token);
    if (known) {
      if (known.exp * 1000 > Date.now()) return known;
      this.verified.delete(token);
      return null;
    }
    let claims: VerifiedClaims;
    try {
      claims = this.jwt.verify<VerifiedClaims>(token, { algorithms: ['HS256'], issuer: JWT_ISSUER, audience: JWT_AUDIENCE });
    } catch {
      return null;
    }
    if (!hasRequiredClaims(claims)) return null;
    if (this.verified.size >= VERIFIED_KEPT) this.verified.delete(this.verified.keys().next().value!);
    // Frozen: every request's scope is built from these, none may change them for the next.
    Object.freeze(claims.roles);
    Object.freeze(claims.cids);
    this.verified.set(token, Object.freeze(claims));
    return claims;
  }

  /**
   * Between the password and the second factor: names the user and what is asked next, lives
   * five minutes, and is good for nothing else (its typ is not 'access', its stage is checked).
   */
  signPending(userId: string, stage: 'code' | 'enrol'): string {
    return this.jwt.sign(
      { sub: userId, stage, typ: 'second-factor' },
      { algorithm: 'HS256', issuer: JWT_ISSUER, audience: JWT_AUDIENCE, expiresIn: 300 },
    );
  }

  verifyPending(token: string, stage: 'code' | 'enrol'): string | null {
    try {
      const c = this.jwt.verify<{ sub: string; stage: string; typ: string; exp?: number; iat?: number }>(token, {
        algorithms: ['HS256'],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
      });
      return c.typ === 'second-factor' && c.stage === stage && typeof c.exp === 'number' && typeof c.iat === 'number' ? c.sub : null;
    } catch {
      return null;
    }
  }

  /** An opaque secret and the hash stored for it. */
  newOpaque(prefix: string): { token: string; hash: Buffer } {
    const token = `${prefix}_${randomBytes(32).toString('base64url')}`;
    return { token, hash: sha256(token) };
  }
}
