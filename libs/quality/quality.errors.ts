import { ConflictError, DomainError, NotFoundError } from '@accord/core';

export const ReviewNotFound = () => new NotFoundError('Quality review', 'QUALITY_REVIEW_NOT_FOUND');
/** A reviewer is never the case's own mediator (the joint opinion's independence of review). */
export const ReviewerIsMediator = () => new DomainError('REVIEWER_IS_CASE_MEDIATOR', 422, 'A reviewer may not review a case they mediated');
export const ReviewAlreadyDone = () => new ConflictError('REVIEW_ALREADY_DONE', 'This case has been reviewed already');
