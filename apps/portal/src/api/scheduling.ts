import type { Channel, ConfirmAnswer } from '@accord/contracts';
import { api, downloadFile, exportQuery, ok, type Schemas } from './http';

export { PARTICIPANT_ROLES, SESSION_STATUSES } from '@accord/contracts';
export type { ConfirmAnswer, ParticipantRole, SessionStatus } from '@accord/contracts';
export type Participant = Schemas['Participant'];
/** A party's answer for the session's current time (a reschedule asks again). */
export type Confirmation = Schemas['Confirmation'];
export type SessionView = Schemas['SessionView'];
export type WorkingSpan = Schemas['WorkingSpan'];
export type Absence = Schemas['AbsenceView'];
export type Room = Schemas['RoomView'];
export type RoomChange = Schemas['UpdateRoomDto'];
export type Slot = Schemas['Slot'];
export type BookBody = Schemas['BookSessionDto'] & { channel: Channel };
export type RescheduleBody = Schemas['RescheduleDto'];

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

const mediator = (mediatorId: string) => ({ path: { mediatorId } });
const session = (sessionId: string) => ({ path: { sessionId } });
const ofCase = (caseId: string) => ({ path: { caseId } });

export const schedulingApi = {
  workingHours: (mediatorId: string, signal?: AbortSignal) => ok(api.GET('/api/v1/mediators/{mediatorId}/working-hours', { params: mediator(mediatorId), signal })),
  saveWorkingHours: (mediatorId: string, hours: WorkingSpan[]) =>
    ok(api.PUT('/api/v1/mediators/{mediatorId}/working-hours', { params: mediator(mediatorId), body: { hours } })),
  absences: (mediatorId: string, signal?: AbortSignal) => ok(api.GET('/api/v1/mediators/{mediatorId}/absences', { params: mediator(mediatorId), signal })),
  addAbsence: (mediatorId: string, body: Schemas['AbsenceDto']) => ok(api.POST('/api/v1/mediators/{mediatorId}/absences', { params: mediator(mediatorId), body })),
  removeAbsence: (mediatorId: string, absenceId: string) =>
    ok(api.DELETE('/api/v1/mediators/{mediatorId}/absences/{absenceId}', { params: { path: { mediatorId, absenceId } } })),
  rooms: (signal?: AbortSignal) => ok(api.GET('/api/v1/rooms', { signal })),
  addRoom: (body: Schemas['RoomDto']) => ok(api.POST('/api/v1/rooms', { body })),
  updateRoom: (roomId: string, body: RoomChange) => ok(api.PATCH('/api/v1/rooms/{roomId}', { params: { path: { roomId } }, body })),
  slots: (caseId: string, query: { from: string; days: number; minutes: number; roomId?: string }, signal?: AbortSignal) =>
    ok(api.GET('/api/v1/cases/{caseId}/slots', { params: { ...ofCase(caseId), query }, signal })),
  caseSessions: (caseId: string, signal?: AbortSignal) => ok(api.GET('/api/v1/cases/{caseId}/sessions', { params: ofCase(caseId), signal })),
  book: (caseId: string, body: BookBody) => ok(api.POST('/api/v1/cases/{caseId}/sessions', { params: ofCase(caseId), body })),
  calendar: (query: { from: string; to: string; mediatorId?: string }, signal?: AbortSignal) => ok(api.GET('/api/v1/sessions', { params: { query }, signal })),
  /** The same calendar as XLSX (every session of the window, not only the first 500). */
  exportCalendar: (query: { from: string; to: string; mediatorId?: string }) => downloadFile(`/api/v1/sessions.xlsx?${exportQuery(query)}`, 'sessions.xlsx'),
  reschedule: (id: string, body: RescheduleBody) => ok(api.POST('/api/v1/sessions/{sessionId}/reschedule', { params: session(id), body })),
  cancel: (id: string, reason: string) => ok(api.POST('/api/v1/sessions/{sessionId}/cancel', { params: session(id), body: { reason } })),
  noShow: (id: string, reason: string) => ok(api.POST('/api/v1/sessions/{sessionId}/no-show', { params: session(id), body: { reason } })),
  /** The bank's representative confirms the time or asks for another. */
  confirm: (id: string, answer: ConfirmAnswer, note?: string) =>
    ok(api.POST('/api/v1/sessions/{sessionId}/confirm', { params: session(id), body: { answer, note: note || undefined } })),
  /** The center sends the consumer an SMS link to confirm (or ask for another time). */
  sendConsumerLink: (id: string) => ok(api.POST('/api/v1/sessions/{sessionId}/consumer-link', { params: session(id) })),
  /** The iCalendar invitation, downloaded with the token. */
  downloadInvitation: (id: string, fallbackName = 'invitation.ics') =>
    downloadFile(`/api/v1/sessions/${encodeURIComponent(id)}/invitation.ics`, fallbackName),
  /** The center's mediators (the caseload board lists every one of them). */
  mediators: (signal?: AbortSignal) => ok(api.GET('/api/v1/mediators/caseload', { signal })),
};
