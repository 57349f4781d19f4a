import { FieldError, NotFoundError, ValidationFailedError } from '@accord/core';

/** Another institution's branch, or one outside a pinned user's subtree, is not there for the caller (404, never 403). */
export const BranchNotFound = () => new NotFoundError('Branch', 'BRANCH_NOT_FOUND');
/** Centers and regulators read per institution: a branch to drill into means nothing to them. */
export const BranchNotForCaller = () => new ValidationFailedError([new FieldError('branchId', 'only institution users read the figures of a branch')]);
/** A center outside the caller's own (another tenant's, or outside a regulator's jurisdiction) is not there (404, never 403). */
export const CenterNotFound = () => new NotFoundError('Center', 'CENTER_NOT_FOUND');
