import { FieldError, NotFoundError } from '@accord/core';

export const OutcomeNotFound = () => new NotFoundError('Outcome', 'OUTCOME_NOT_FOUND');
export const ObligationNotFound = () => new NotFoundError('Obligation', 'OBLIGATION_NOT_FOUND');
export const fieldError = (field: string, message: string) => new FieldError(field, message);
