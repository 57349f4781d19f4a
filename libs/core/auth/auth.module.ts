import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AuditController } from '../audit/audit.controller';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { ArchiveAuditJob } from '../audit/archive-audit.job';
import { APP_CONFIG, AppConfig } from '../config';
import { DelayedJobs } from '../queue/delayed-jobs.service';
import { OutboxRepository } from '../queue/outbox.repository';
import { OutboxService } from '../queue/outbox.service';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyService } from './api-key.service';
import { ApiKeysController, AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { AuthenticationGuard } from './authentication.guard';
import { PasswordService } from './password.service';
import { ScopeTransactionInterceptor } from './scope-transaction.interceptor';
import { SignInLimiter } from './sign-in-limiter.service';
import { LocalStrategy } from './strategies/local.strategy';
import { TokenAudit } from './token-audit.service';
import { SecondFactorRepository } from './second-factor.repository';
import { SecondFactorService } from './second-factor.service';
import { PiiVault } from '../crypto/pii-vault';
import { TokenService } from './token.service';
import { CommitSignals } from '../database/commit-signals';
import { SessionCache } from './session-cache.service';

/** Sessions, tokens, passwords, audit and outbox: what both apps need. */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as string }),
    }),
  ],
  providers: [
    AuthRepository,
    AuthService,
    ApiKeyRepository,
    ApiKeyService,
    PasswordService,
    TokenService,
    SignInLimiter,
    SecondFactorRepository,
    SecondFactorService,
    PiiVault,
    AuditRepository,
    AuditService,
    ArchiveAuditJob,
    OutboxRepository,
    OutboxService,
    DelayedJobs,
    CommitSignals,
    SessionCache,
  ],
  exports: [AuthService, ApiKeyService, PasswordService, TokenService, SignInLimiter, AuditService, OutboxService, DelayedJobs, CommitSignals, SessionCache],
})
export class AuthCoreModule {}

/**
 * The API's door: sign-in's passport strategy, the global guard and the per-request RLS
 * transaction. Only the API imports it — passport keeps strategies in a process-wide
 * registry, so a second app registering its own would take over the first one's.
 */
@Module({
  imports: [AuthCoreModule, PassportModule],
  controllers: [AuthController, ApiKeysController, AuditController],
  providers: [
    LocalStrategy,
    TokenAudit,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_INTERCEPTOR, useClass: ScopeTransactionInterceptor },
  ],
})
export class AuthModule {}
