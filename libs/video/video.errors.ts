import { DomainError, NotFoundError } from '@accord/core';

/** A room one may not enter and a room that doesn't exist answer alike, so ids can't be probed. */
export const VideoRoomNotFound = () => new NotFoundError('Video room', 'ROOM_NOT_FOUND');
export const VideoRoomNotOpen = (opensAt: Date) =>
  new DomainError('ROOM_NOT_OPEN', 409, 'The video room opens 30 minutes before the session starts', { opensAt: opensAt.toISOString() });
export const VideoRecordingNotFound = () => new NotFoundError('Recording', 'RECORDING_NOT_FOUND');
