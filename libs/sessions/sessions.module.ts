import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig, FileStorage } from '@accord/core';
import { CasesModule } from '@accord/cases';
import { SchedulingModule } from '@accord/scheduling';
import { MediationMethodController, SessionConsoleController } from './controllers/session-console.controller';
import { MediationMethodRepository } from './repositories/mediation-method.repository';
import { SessionCallRepository } from './repositories/session-call.repository';
import { SessionNoteRepository } from './repositories/session-note.repository';
import { SessionRoomRepository } from './repositories/session-room.repository';
import { MediationMethodService } from './services/mediation-method.service';
import { SessionAccess } from './services/session-access.service';
import { SessionCallService } from './services/session-call.service';
import { SessionConsoleService } from './services/session-console.service';
import { SessionNoteService } from './services/session-note.service';
import { DevTelephonyProvider, TELEPHONY_PROVIDER } from './telephony/telephony-provider';

/** Running sessions (DOMAIN.md "Session"): the console, the method checklist, phone calls. */
@Module({
  imports: [CasesModule, SchedulingModule],
  controllers: [SessionConsoleController, MediationMethodController],
  providers: [
    SessionRoomRepository,
    MediationMethodRepository,
    SessionNoteRepository,
    SessionCallRepository,
    SessionAccess,
    SessionConsoleService,
    MediationMethodService,
    SessionNoteService,
    SessionCallService,
    FileStorage,
    // One adapter per TELEPHONY_PROVIDER value; a cloud provider's call bridge plugs in here.
    { provide: TELEPHONY_PROVIDER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => ({ dev: () => new DevTelephonyProvider() })[config.TELEPHONY_PROVIDER]() },
  ],
  exports: [SessionConsoleService],
})
export class SessionsModule {}
