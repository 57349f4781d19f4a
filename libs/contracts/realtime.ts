/**
 * Server → client socket events. Events tell clients what changed; REST stays the truth,
 * so every payload carries ids and the outbox sequence number for catching up.
 */
export interface RealtimeEnvelope<T = unknown> {
  /** Outbox sequence number: monotonic per database. */
  seq: number;
  at: string;
  data: T;
}

export interface ServerToClientEvents {
  'notification.created': RealtimeEnvelope<{ notificationId: string; kind: string }>;
  'membership.changed': RealtimeEnvelope<{ membershipId: string; status: string }>;
  'user.changed': RealtimeEnvelope<{ userId: string; active: boolean }>;
  'organisation.changed': RealtimeEnvelope<{ organisationId: string }>;
  /** A case changed (state, assignment, timeline): refetch it and any list that holds it. */
  'case.updated': RealtimeEnvelope<{ caseId: string; status: string; centerId: string; change: string }>;
  /** A session was booked, moved, cancelled or changed state: refetch calendars and the case. */
  'session.updated': RealtimeEnvelope<{ sessionId: string; caseId: string; status: string; startsAt: string }>;
}
export type ServerEventName = keyof ServerToClientEvents;

export interface ClientToServerEvents {
  'rooms.join': (room: string, ack: (res: { ok: boolean; code?: string }) => void) => void;
  'rooms.leave': (room: string, ack: (res: { ok: boolean }) => void) => void;
}

/** Room names: one per organisation, per user, per case. */
export const rooms = {
  organisation: (id: string) => `org:${id}`,
  user: (id: string) => `user:${id}`,
  case: (id: string) => `case:${id}`,
};
