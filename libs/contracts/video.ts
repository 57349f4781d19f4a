/**
 * The video room's socket protocol (namespace `/video`, path `/socket.io`). The handshake's
 * `auth` carries `{ token }` (a portal user's access token) or `{ consumerToken }` (the
 * consumer's access token from the SMS link), never the query string.
 */
export type VideoRole = 'mediator' | 'bank' | 'consumer';
export type CaucusWith = 'bank' | 'consumer';

export interface VideoParticipant {
  /** Stable for one person in one session: a reconnect keeps it. */
  id: string;
  role: VideoRole;
  /** A consumer shows with the masked name (张*三). */
  name: string;
  /** The case's mediator: admits, starts a caucus, records. */
  lead: boolean;
  admitted: boolean;
  /** false while they are reconnecting (within the grace period). */
  connected: boolean;
  /** One per page: a new value means the peer connection starts afresh. */
  connId: string;
  mic: boolean;
  camera: boolean;
  /** Their recorded answer on recording; null until they gave one. */
  recordingConsent: boolean | null;
}

export interface VideoRoomState {
  sessionId: string;
  participants: VideoParticipant[];
  /** A private caucus (背靠背): the mediator talks with this party alone; the others wait. */
  caucus: { with: CaucusWith; since: string } | null;
  /** A running recording: the mediator's browser uploads it under this id. */
  recording: { id: string; startedAt: string; by: string } | null;
}

export interface VideoJoinRequest {
  sessionId: string;
  /** A fresh random id per page load (the same across socket reconnects). */
  connId: string;
  mic?: boolean;
  camera?: boolean;
}

export type VideoAck<T = object> = ({ ok: true } & T) | { ok: false; code: string; missing?: { id: string; role: VideoRole; name: string }[]; opensAt?: string };

export interface VideoSignal {
  /** The participant id it goes to (video.signal from the client) or came from (to the client). */
  to?: string;
  from?: string;
  /** The offerer's peer-connection instance: a new value means "start afresh". */
  pc: string;
  description?: { type: 'offer' | 'answer' | 'pranswer' | 'rollback'; sdp?: string };
  candidate?: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null; usernameFragment?: string | null } | null;
  /** The answerer asks the offerer to start a new connection (theirs failed). */
  restart?: boolean;
}

/** GET /api/v1/sessions/:id/video and GET /api/v1/public/consumer/video. */
export type VideoJoinInfo = (
  | { provider: 'webrtc'; sessionId: string; iceServers: { urls: string[]; username?: string; credential?: string }[]; opensAt: string }
  | { provider: 'external'; sessionId: string; joinUrl: string; opensAt: string }
) & {
  /** For portal users: the case the session belongs to. */
  caseId?: string;
};

export const VIDEO_NAMESPACE = '/video';
/** The room opens this long before the session's start. */
export const VIDEO_OPENS_BEFORE_MS = 30 * 60_000;
export const videoRoom = (sessionId: string) => `video:${sessionId}`;

/** A recording of a video session, uploaded in chunks by the mediator's browser. */
export interface VideoRecordingView {
  id: string;
  startedAt: string;
  endedAt: string | null;
  endReason: string | null;
  startedByName: string;
  consentedParticipants: { role: string; name: string }[];
  contentType: string;
  chunkCount: number;
  sizeBytes: number;
}
