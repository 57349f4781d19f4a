import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig, FileStorage } from '@accord/core';
import { CasesModule } from '@accord/cases';
import { SchedulingModule } from '@accord/scheduling';
import { SessionsModule } from '@accord/sessions';
import { VideoController } from './controllers/video.controller';
import { VideoGateway } from './gateways/video.gateway';
import { VIDEO_PROVIDER, videoProviderFor } from './providers/video-provider';
import { VideoConsentRepository } from './repositories/video-consent.repository';
import { VideoRecordingRepository } from './repositories/video-recording.repository';
import { RoomStore } from './services/room-store';
import { VideoAccessService } from './services/video-access.service';
import { VideoConsentService } from './services/video-consent.service';
import { VideoRecordingService } from './services/video-recording.service';

/** Video mediation rooms (DOMAIN.md "Session"): WebRTC signalling, waiting room, caucus, recording consent. API only. */
@Module({
  imports: [CasesModule, SchedulingModule, SessionsModule],
  controllers: [VideoController],
  providers: [
    VideoConsentRepository,
    VideoRecordingRepository,
    VideoGateway,
    VideoAccessService,
    VideoConsentService,
    RoomStore,
    VideoRecordingService,
    FileStorage,
    { provide: VIDEO_PROVIDER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => videoProviderFor(config) },
  ],
  exports: [VideoAccessService],
})
export class VideoModule {}
