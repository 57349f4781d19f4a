import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { AuthService, TokenPair } from '../auth.service';

/** Username and password → a new session; the guard puts the token pair on request.user. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true });
  }

  validate(request: FastifyRequest, username: string, password: string): Promise<TokenPair> {
    return this.auth.signIn(username, password, {
      ip: request.ip,
      userAgent: request.headers['user-agent'],
      requestId: String(request.id),
    });
  }
}
