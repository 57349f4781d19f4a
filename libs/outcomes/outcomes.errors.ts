import { ConflictError, NotFoundError } from '@accord/core';

export const OutcomeNotFound = () => new NotFoundError('Outcome', 'OUTCOME_NOT_FOUND');
export const ObligationNotFound = () => new NotFoundError('Obligation', 'OBLIGATION_NOT_FOUND');
export const ObligationsOpen = (open: number) => new ConflictError('OBLIGATIONS_OPEN', 'The case can be closed once every obligation is performed', { open });
