import { ConflictError, DomainError, FieldError, NotFoundError, ValidationFailedError } from '@accord/core';

export const SessionNotFound = () => new NotFoundError('Session', 'SESSION_NOT_FOUND');
export const StepNotFound = () => new NotFoundError('Method step', 'METHOD_STEP_NOT_FOUND');
export const CallNotFound = () => new NotFoundError('Call', 'CALL_NOT_FOUND');
/** The session's state forbids the action: the answer names the state, like the case's 409s. */
export const SessionStateConflict = (status: string, action: string) =>
  new ConflictError('SESSION_STATE_CONFLICT', `A session that is ${status} cannot be ${action}`, { currentStatus: status, action });
export const TooEarly = (opensAt: Date) => new DomainError('SESSION_NOT_OPEN_YET', 409, 'The session can be opened from an hour before its start', { opensAt: opensAt.toISOString() });
export const CaucusOpen = (withParty: string) => new ConflictError('CAUCUS_OPEN', 'A private talk is already going on; bring everyone back first', { withParty });
export const NoCaucus = () => new ConflictError('NO_CAUCUS', 'No private talk is going on');
export const NoteConflict = (current: { body: string; version: number }) =>
  new ConflictError('NOTE_CONFLICT', 'The notes were saved elsewhere since this version; merge and save again', { current });
export const CallEnded = () => new ConflictError('CALL_ENDED', 'The call has already ended');
export const invalid = (field: string, message: string) => new ValidationFailedError([new FieldError(field, message)]);
