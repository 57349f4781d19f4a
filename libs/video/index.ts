export { videoEntities } from './entities';
export { videoMigrations } from './migrations';
export { VideoModule } from './video.module';
export { VideoAccessService } from './services/video-access.service';
export type { RoomSeat, VideoIdentity } from './services/video-access.service';
export { turnCredential } from './providers/video-provider';
export type { VideoProvider } from './providers/video-provider';
