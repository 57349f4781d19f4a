import { createSecretKey } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AccessScope } from '../../access/access-scope';
import { APP_CONFIG, AppConfig } from '../../config';
import { AccessClaims, hasRequiredClaims, JWT_AUDIENCE, JWT_ISSUER, scopeFromClaims } from '../token.service';

const bearer = ExtractJwt.fromAuthHeaderAsBearerToken();

/** Tokens remembered as verified (a client sends the same one until it refreshes it, every 15 minutes). */
const VERIFIED_KEPT = 20_000;

type VerifiedClaims = AccessClaims & { exp: number };

/**
 * Checks the access token (algorithm, issuer, audience, expiry, type). Whether its session
 * is still live is checked in the request's own transaction, in the same round trip (or the
 * session cache, which revocation empties at once).
 *
 * A token verified once is remembered by its exact text until it expires: the signature and
 * claims of the same bytes cannot verify differently later, and expiry — the one check that
 * depends on the time — is checked again on every use. Verifying (base64, two JSON parses, an
 * HMAC) was a fifth of an authenticated GET's CPU.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly verified = new Map<string, VerifiedClaims>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      jwtFromRequest: bearer,
      // A KeyObject: given a string, jsonwebtoken first tries (and fails) to parse a PEM key on every call.
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as string,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  authenticate(request: IncomingMessage, options?: object): void {
    const token = bearer(request as never);
    const known = token ? this.verified.get(token) : undefined;
    if (known && known.exp * 1000 > Date.now()) {
      this.success(scopeFromClaims(known));
      return;
    }
    if (known) this.verified.delete(token!);
    super.authenticate(request as never, options);
  }

  validate(request: IncomingMessage, claims: AccessClaims): AccessScope | false {
    if (!hasRequiredClaims(claims)) return false;
    const token = bearer(request as never);
    if (token) {
      if (this.verified.size >= VERIFIED_KEPT) this.verified.delete(this.verified.keys().next().value!);
      // Frozen: every request's scope is built from these, none may change them for the next.
      Object.freeze(claims.roles);
      Object.freeze(claims.cids);
      this.verified.set(token, Object.freeze(claims) as VerifiedClaims);
    }
    return scopeFromClaims(claims);
  }
}
