import { ConflictError, DomainError, FieldError, NotFoundError, ValidationFailedError } from '@accord/core';
import type { CaseStatus } from '@accord/contracts';

export const CaseNotFound = () => new NotFoundError('Case');
export const AttachmentNotFound = () => new NotFoundError('Attachment');

/** 409 with the state the case is really in, so the caller can refresh and decide. */
export class IllegalTransitionError extends ConflictError {
  constructor(currentStatus: CaseStatus, attempted: string) {
    super('ILLEGAL_TRANSITION', `A case that is ${currentStatus} cannot be ${attempted}`, { currentStatus, attempted });
  }
}

export const invalid = (field: string, message: string) => new ValidationFailedError([new FieldError(field, message)]);

export const IdempotencyKeyReused = () =>
  new DomainError('IDEMPOTENCY_KEY_REUSED', 422, 'This Idempotency-Key was already used for a different request');
export const IdempotentRequestInProgress = () =>
  new ConflictError('IDEMPOTENT_REQUEST_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed; retry shortly');
export const ConflictOfInterest = () =>
  new ConflictError('CONFLICT_OF_INTEREST', 'This mediator is affiliated with the respondent institution and may not mediate its cases');
export const MediatorRecused = () => new ConflictError('MEDIATOR_RECUSED', 'This mediator has recused from this case');
export const VersionConflict = (version: number) =>
  new ConflictError('VERSION_CONFLICT', 'Someone else changed this case; reload it and try again', { currentVersion: version });
export const AttachmentTooLarge = (max: number) =>
  new DomainError('ATTACHMENT_TOO_LARGE', 413, `Attachments may be at most ${Math.floor(max / 1024 / 1024)} MB`, { maxBytes: max });
export const AttachmentTypeRefused = () =>
  new DomainError('ATTACHMENT_TYPE_REFUSED', 415, 'Only PDF, images (JPEG, PNG, WebP, HEIC, TIFF) and office documents are accepted');
export const ConsentAwaited = () =>
  new ConflictError('CONSENT_AWAITED', 'The consumer is reading this referral to consent to it: cancel the consent request before changing it');
export const ConsentClosed = (state: string) =>
  new ConflictError('CONSENT_CLOSED', 'The consumer declined this referral or let the link expire: it can only be discarded', { consentState: state });
export const MediatorNotOffered = () =>
  new DomainError('MEDIATOR_NOT_OFFERED', 422, 'Choose one of the mediators offered on this page', { field: 'mediatorId' });
export const NotAllowed = (what: string) => new DomainError('ACTION_NOT_ALLOWED', 403, `You may not ${what} on this case`);

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === constraint;
}
