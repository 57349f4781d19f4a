import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AccessScope } from '../../access/access-scope';
import { APP_CONFIG, AppConfig } from '../../config';
import { AccessClaims, hasRequiredClaims, JWT_AUDIENCE, JWT_ISSUER, scopeFromClaims } from '../token.service';

/**
 * Checks the access token (algorithm, issuer, audience, expiry, type). Whether its session
 * is still live is checked in the request's own transaction, in the same round trip.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject: given a string, jsonwebtoken first tries (and fails) to parse a PEM key on every call.
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as string,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessClaims): AccessScope | false {
    return hasRequiredClaims(claims) ? scopeFromClaims(claims) : false;
  }
}
