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
  /** The user read one notification (its id) or all of them (null) in some tab: refetch the bell and the inbox (to the user's room). */
  'notification.read': RealtimeEnvelope<{ notificationId: string | null }>;
  'membership.changed': RealtimeEnvelope<{ membershipId: string; status: string }>;
  'user.changed': RealtimeEnvelope<{ userId: string; active: boolean }>;
  'organisation.changed': RealtimeEnvelope<{ organisationId: string }>;
  /** A case changed (state, assignment, timeline): refetch it and any list that holds it. */
  'case.updated': RealtimeEnvelope<{ caseId: string; status: string; centerId: string; change: string }>;
  /** A session was booked, moved, cancelled or changed state: refetch calendars and the case. */
  'session.updated': RealtimeEnvelope<{ sessionId: string; caseId: string; status: string; startsAt: string }>;
  /** An early warning was raised: refetch the warnings (to the institution and the regulators watching its center). */
  'warning.raised': RealtimeEnvelope<{ warningId: string; institutionId: string; centerId: string; businessLine: string | null; periodKind: string; periodStart: string; metric: string }>;
  /** A warning moved on (acknowledged, a notice sent or answered): refetch it and the lists (same rooms as warning.raised). */
  'warning.updated': RealtimeEnvelope<{ warningId: string; institutionId: string; centerId: string; change: 'acknowledged' | 'notice_sent' | 'notice_answered'; noticeId: string | null }>;
}
export type ServerEventName = keyof ServerToClientEvents;

/**
 * After a (re)connection with `auth.afterSeq`, or a `rooms.join` with `afterSeq`: the events the
 * socket missed were replayed before this. `complete: false` means too many or too far back:
 * reload everything over REST.
 */
export interface CatchUpReport {
  afterSeq: number;
  replayed: number;
  complete: boolean;
  rooms: string[];
}

export interface ClientToServerEvents {
  /** A room, or `{ room, afterSeq }` to also get its events since that seq (see CatchUpReport). */
  'rooms.join': (room: string | { room: string; afterSeq: number }, ack: (res: { ok: boolean; code?: string }) => void) => void;
  'rooms.leave': (room: string, ack: (res: { ok: boolean }) => void) => void;
}

/** Room names: one per organisation, per branch, per user, per case. */
export const rooms = {
  organisation: (id: string) => `org:${id}`,
  /** A user pinned to a branch listens here instead of the institution's room: their subtree only. */
  branch: (id: string) => `branch:${id}`,
  user: (id: string) => `user:${id}`,
  case: (id: string) => `case:${id}`,
};

/**
 * Everyone a case change concerns: its own room, the center, the institution's unpinned users,
 * and the users pinned anywhere on the path from the head office to the case's branch.
 */
export function caseRooms(c: { id: string; centerId: string; institutionId: string; branchPath: string }): string[] {
  const belowHeadOffice = c.branchPath.split('/').filter(Boolean).slice(1);
  return [rooms.case(c.id), rooms.organisation(c.centerId), rooms.organisation(c.institutionId), ...belowHeadOffice.map(rooms.branch)];
}

/** The branch a scope's socket listens on instead of its institution, if it is pinned below the head office. */
export function pinnedBranch(branchPath: string): string | null {
  const ids = branchPath.split('/').filter(Boolean);
  return ids.length >= 2 ? ids[ids.length - 1] : null;
}
