import { ConflictError, ForbiddenError, NotFoundError } from '@accord/core';

export const OutcomeNotFound = () => new NotFoundError('Outcome', 'OUTCOME_NOT_FOUND');
export const ObligationNotFound = () => new NotFoundError('Obligation', 'OBLIGATION_NOT_FOUND');
export const ObligationsOpen = (open: number) => new ConflictError('OBLIGATIONS_OPEN', 'The case can be closed once every obligation is performed', { open });
export const TermsFixed = (why: string) => new ConflictError('TERMS_FIXED', `The outcome can no longer be corrected: ${why}`);
export const OutcomeKindFixed = (outcome: string) =>
  new ConflictError('OUTCOME_KIND_FIXED', `The case ended ${outcome}; its details can be corrected, not what it ended in`, { currentOutcome: outcome });
export const NotYourOutcome = () => new ForbiddenError('Only the case’s mediator or the center admin corrects its outcome', 'ROLE_REQUIRED');
