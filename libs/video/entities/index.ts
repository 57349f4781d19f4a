import { VideoConsentEntity } from './video-consent.entity';
import { VideoRecordingEntity } from './video-recording.entity';

export const videoEntities = [VideoConsentEntity, VideoRecordingEntity];
