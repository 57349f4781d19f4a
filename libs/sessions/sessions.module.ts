import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@accord/core';
import { CasesModule } from '@accord/cases';
import { SchedulingModule } from '@accord/scheduling';
import { MediationMethodController, SessionConsoleController } from './controllers/session-console.controller';
import { SessionConsoleService } from './services/session-console.service';
import { DevTelephonyProvider, TELEPHONY_PROVIDER } from './telephony/telephony-provider';

/** Running sessions (DOMAIN.md "Session"): the console, the method checklist, phone calls. */
@Module({
  imports: [CasesModule, SchedulingModule],
  controllers: [SessionConsoleController, MediationMethodController],
  providers: [
    SessionConsoleService,
    // One provider per TELEPHONY_PROVIDER value; a cloud provider's adapter plugs in here.
    { provide: TELEPHONY_PROVIDER, inject: [APP_CONFIG], useFactory: (_config: AppConfig) => new DevTelephonyProvider() },
  ],
  exports: [SessionConsoleService],
})
export class SessionsModule {}
