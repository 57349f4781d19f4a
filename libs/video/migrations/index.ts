import { VideoConsents1795470100000 } from './1795470100000-video-consents';
import { VideoIsolation1795470100001 } from './1795470100001-video-isolation';
import { VideoRecordings1795470100002 } from './1795470100002-video-recordings';
import { VideoRecordingsIsolation1795470100003 } from './1795470100003-video-recordings-isolation';

/**
 * Video consents and recordings, and their RLS. In order; libs/schema merges every lib's list into the
 * one migration history.
 */
export const videoMigrations: Function[] = [
  VideoConsents1795470100000,
  VideoIsolation1795470100001,
  VideoRecordings1795470100002,
  VideoRecordingsIsolation1795470100003,
];
