import type { Channel, CaseloadRow } from '@accord/contracts';
import { downloadFile, http, request } from './http';

export type SessionStatus = 'booked' | 'waiting' | 'in_progress' | 'adjourned' | 'concluded' | 'cancelled' | 'no_show';
export const SESSION_STATUSES: readonly SessionStatus[] = ['booked', 'waiting', 'in_progress', 'adjourned', 'concluded', 'cancelled', 'no_show'];
export type ParticipantRole = 'consumer' | 'bank_representative' | 'interpreter' | 'family_member' | 'other';
export const PARTICIPANT_ROLES: readonly ParticipantRole[] = ['consumer', 'bank_representative', 'interpreter', 'family_member', 'other'];

export interface Participant {
  role: ParticipantRole;
  name: string;
}

export type ConfirmAnswer = 'confirmed' | 'other_time_requested';

/** A party's answer for the session's current time (a reschedule asks again). */
export interface Confirmation {
  party: 'bank' | 'consumer';
  answer: ConfirmAnswer;
  note: string | null;
  actorName: string | null;
  at: string;
}

export interface SessionView {
  id: string;
  caseId: string;
  caseNumber: string | null;
  mediatorId: string;
  mediatorName: string | null;
  roomId: string | null;
  roomName: string | null;
  channel: Channel;
  status: SessionStatus;
  startsAt: string;
  endsAt: string;
  participants: Participant[];
  statusReason: string | null;
  version: number;
  /** only the answers given for the current time */
  confirmations?: Confirmation[];
}

export interface WorkingSpan {
  /** ISO weekday, 1 = Monday */
  weekday: number;
  startsAt: string;
  endsAt: string;
}

export interface Absence {
  id: string;
  startsAt: string;
  endsAt: string;
  reason: string;
}

/** The bank outlet a liaison station sits at: a branch of a member institution. */
export interface RoomOutlet {
  id: string;
  name: string | null;
  institutionId: string | null;
  institutionName: string | null;
}

export interface Room {
  id: string;
  name: string;
  address: string;
  /** false: retired, no longer offered for new bookings (booked sessions keep it) */
  isActive: boolean;
  outlet: RoomOutlet | null;
}

export interface RoomChange {
  name?: string;
  address?: string;
  /** null takes the room off its outlet */
  outletId?: string | null;
  isActive?: boolean;
}

export interface Slot {
  startsAt: string;
  endsAt: string;
}

export interface BookBody {
  channel: Channel;
  startsAt: string;
  minutes: number;
  roomId?: string;
  participants?: Participant[];
  outsideHoursReason?: string;
}

export interface RescheduleBody {
  startsAt: string;
  minutes: number;
  reason: string;
  outsideHoursReason?: string;
}

/**
 * Query keys. A case's sessions and slots sit under ['case', id] (a case change refetches them);
 * every calendar under ['sessions'].
 */
export const scheduleKeys = {
  calendars: ['sessions'] as const,
  calendar: (from: string, to: string, mediatorId?: string) => ['sessions', { from, to, mediatorId }] as const,
  caseSessions: (caseId: string) => ['case', caseId, 'sessions'] as const,
  slots: (caseId: string, q: Record<string, unknown>) => ['case', caseId, 'slots', q] as const,
  hours: (mediatorId: string) => ['working-hours', mediatorId] as const,
  absences: (mediatorId: string) => ['absences', mediatorId] as const,
  rooms: ['rooms'] as const,
  mediators: ['caseload'] as const,
};

const m = (id: string) => `/api/v1/mediators/${encodeURIComponent(id)}`;
const s = (id: string) => `/api/v1/sessions/${encodeURIComponent(id)}`;
const c = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;

export const schedulingApi = {
  workingHours: (mediatorId: string, signal?: AbortSignal) => http.get<{ hours: WorkingSpan[] }>(`${m(mediatorId)}/working-hours`, undefined, signal),
  saveWorkingHours: (mediatorId: string, hours: WorkingSpan[]) =>
    request<{ hours: WorkingSpan[] }>('PUT', `${m(mediatorId)}/working-hours`, { body: { hours } }),
  absences: (mediatorId: string, signal?: AbortSignal) => http.get<{ items: Absence[] }>(`${m(mediatorId)}/absences`, undefined, signal),
  addAbsence: (mediatorId: string, body: Omit<Absence, 'id'>) => http.post<Absence>(`${m(mediatorId)}/absences`, body),
  removeAbsence: (mediatorId: string, absenceId: string) => http.delete<void>(`${m(mediatorId)}/absences/${encodeURIComponent(absenceId)}`),
  rooms: (signal?: AbortSignal) => http.get<{ items: Room[] }>('/api/v1/rooms', undefined, signal),
  addRoom: (body: { name: string; address: string; outletId?: string }) => http.post<Room>('/api/v1/rooms', body),
  updateRoom: (id: string, body: RoomChange) => http.patch<Room>(`/api/v1/rooms/${encodeURIComponent(id)}`, body),
  slots: (caseId: string, q: { from: string; days: number; minutes: number; roomId?: string }, signal?: AbortSignal) =>
    http.get<{ items: Slot[] }>(`${c(caseId)}/slots`, q, signal),
  caseSessions: (caseId: string, signal?: AbortSignal) => http.get<{ items: SessionView[] }>(`${c(caseId)}/sessions`, undefined, signal),
  book: (caseId: string, body: BookBody) => http.post<SessionView>(`${c(caseId)}/sessions`, body),
  calendar: (q: { from: string; to: string; mediatorId?: string }, signal?: AbortSignal) =>
    http.get<{ items: SessionView[] }>('/api/v1/sessions', q, signal),
  reschedule: (id: string, body: RescheduleBody) => http.post<SessionView>(`${s(id)}/reschedule`, body),
  cancel: (id: string, reason: string) => http.post<SessionView>(`${s(id)}/cancel`, { reason }),
  noShow: (id: string, reason: string) => http.post<SessionView>(`${s(id)}/no-show`, { reason }),
  /** The bank's representative confirms the time or asks for another. */
  confirm: (id: string, answer: ConfirmAnswer, note?: string) => http.post<SessionView>(`${s(id)}/confirm`, { answer, note: note || undefined }),
  /** The center sends the consumer an SMS link to confirm (or ask for another time). */
  sendConsumerLink: (id: string) => http.post<{ linkId: string; expiresAt: string }>(`${s(id)}/consumer-link`),
  /** The iCalendar invitation, downloaded with the token. */
  downloadInvitation: (id: string, fallbackName = 'invitation.ics') => downloadFile(`${s(id)}/invitation.ics`, fallbackName),
  /** The center's mediators (the caseload board lists every one of them). */
  mediators: (signal?: AbortSignal) => http.get<{ items: CaseloadRow[] }>('/api/v1/mediators/caseload', undefined, signal),
};
