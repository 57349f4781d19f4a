import { ConflictError, DomainError, NotFoundError } from '@accord/core';

export const ConsentNotFound = () => new NotFoundError('Consent request', 'CONSENT_NOT_FOUND');
export const ConsentAnswered = (state: string) =>
  new ConflictError('CONSENT_ANSWERED', 'This request has already been answered, withdrawn or has expired', { state });
export const ConsentTextChanged = () =>
  new DomainError('CONSENT_TEXT_CHANGED', 409, 'The text you read is not the current one: reload the page and read it again');
