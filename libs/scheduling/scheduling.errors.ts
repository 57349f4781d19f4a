import { ConflictError, DomainError, FieldError, NotFoundError, ValidationFailedError } from '@accord/core';

export const SessionNotFound = () => new NotFoundError('Session', 'SESSION_NOT_FOUND');
export const MediatorNotFound = () => new NotFoundError('Mediator', 'MEDIATOR_NOT_FOUND');
export const RoomNotFound = () => new NotFoundError('Room', 'ROOM_NOT_FOUND');
export const RoomInactive = () =>
  new DomainError('ROOM_INACTIVE', 422, 'The room has been retired and takes no new bookings', {
    field: 'roomId',
    errors: [{ field: 'roomId', message: 'the room has been retired' }],
  });
export const RoomNameTaken = () =>
  new ConflictError('ROOM_NAME_TAKEN', 'The center already has a room of that name', { errors: [{ field: 'name', message: 'already in use' }] });
export const OutletNotMember = () =>
  new DomainError('OUTLET_NOT_MEMBER', 422, 'The outlet is not a branch of a member institution of this center', {
    field: 'outletId',
    errors: [{ field: 'outletId', message: 'not a branch of a member institution of this center' }],
  });
export const SlotTaken = (what: 'mediator' | 'room') =>
  new ConflictError('SLOT_TAKEN', what === 'room' ? 'The room is already booked at that time' : 'The mediator already has a session at that time', { conflictWith: what });
export const SessionNotLive = (status: string) => new ConflictError('SESSION_NOT_LIVE', `A session that is ${status} cannot be changed`, { currentStatus: status });
export const NotAssigned = () => new DomainError('CASE_NOT_ASSIGNED', 409, 'Sessions are booked for a case with a mediator assigned');
export const invalid = (field: string, message: string) => new ValidationFailedError([new FieldError(field, message)]);

export function exclusionViolated(error: unknown): 'mediator' | 'room' | null {
  const e = error as { code?: string; constraint?: string };
  if (e?.code !== '23P01') return null;
  return e.constraint === 'excl_mediation_sessions_room' ? 'room' : 'mediator';
}
export const OutsideHours = () =>
  new DomainError('OUTSIDE_WORKING_HOURS', 422, 'The time is outside the mediator’s working hours or the center’s working days; give outsideHoursReason to book it anyway', {
    field: 'outsideHoursReason',
  });
export const MediatorAway = (absence: { startsAt: Date; endsAt: Date; reason: string }) =>
  new ConflictError('MEDIATOR_ABSENT', `The mediator is away then (${absence.reason}); remove the absence first or book another time`, {
    absence: { startsAt: absence.startsAt.toISOString(), endsAt: absence.endsAt.toISOString(), reason: absence.reason },
  });

// The mediation clock's one extension (issue 20).
export const ExtensionNotFound = () => new NotFoundError('Extension', 'EXTENSION_NOT_FOUND');
export const MediationNotRunning = (status: string) =>
  new ConflictError('MEDIATION_NOT_RUNNING', 'The mediation clock runs from the first session until an outcome: there is nothing to extend', { currentStatus: status });
export const ExtensionAlreadyGranted = () =>
  new ConflictError('EXTENSION_ALREADY_GRANTED', 'The mediation has been extended once already; it cannot be extended again');
export const ExtensionPending = () => new ConflictError('EXTENSION_PENDING', 'A proposed extension is waiting for the parties’ answers; withdraw it first');
export const ExtensionNotPending = (status: string) => new ConflictError('EXTENSION_NOT_PENDING', `The extension is ${status} and takes no more answers`, { currentStatus: status });
export const ExtensionTooLong = (max: number) =>
  new DomainError('EXTENSION_TOO_LONG', 422, `The mediation may be extended by at most ${max} days (60 in all)`, {
    field: 'days',
    maxDays: max,
    errors: [{ field: 'days', message: `at most ${max} days` }],
  });
