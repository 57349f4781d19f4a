import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig, FileStorage } from '@accord/core';
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
    FileStorage,
    // One adapter per TELEPHONY_PROVIDER value; a cloud provider's call bridge plugs in here.
    { provide: TELEPHONY_PROVIDER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => ({ dev: () => new DevTelephonyProvider() })[config.TELEPHONY_PROVIDER]() },
  ],
  exports: [SessionConsoleService],
})
export class SessionsModule {}
