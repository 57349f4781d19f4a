import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AuditController } from '../audit/audit.controller';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config';
import { OutboxService } from '../queue/outbox.service';
import { ApiKeyService } from './api-key.service';
import { ApiKeysController, AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthenticationGuard } from './authentication.guard';
import { PasswordService } from './password.service';
import { ScopeTransactionInterceptor } from './scope-transaction.interceptor';
import { SignInLimiter } from './sign-in-limiter.service';
import { ApiKeyStrategy } from './strategies/api-key.strategy';
import { JwtStrategy } from './strategies/jwt.strategy';
import { LocalStrategy } from './strategies/local.strategy';
import { TokenService } from './token.service';

/** Sign-in, sessions, API keys, and the global guard + per-request RLS transaction. */
@Global()
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.JWT_SECRET }),
    }),
  ],
  controllers: [AuthController, ApiKeysController, AuditController],
  providers: [
    AuthService,
    ApiKeyService,
    PasswordService,
    TokenService,
    SignInLimiter,
    AuditService,
    OutboxService,
    LocalStrategy,
    JwtStrategy,
    ApiKeyStrategy,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_INTERCEPTOR, useClass: ScopeTransactionInterceptor },
  ],
  exports: [AuthService, PasswordService, TokenService, AuditService, OutboxService],
})
export class AuthModule {}

/** For the worker: audit and outbox without HTTP authentication. */
@Global()
@Module({ providers: [AuditService, OutboxService], exports: [AuditService, OutboxService] })
export class EventsModule {}
