import { ConflictError, DomainError, FieldError, NotFoundError, ValidationFailedError } from '@accord/core';

export const OrganisationNotFound = () => new NotFoundError('Organisation', 'ORGANISATION_NOT_FOUND');
export const UserNotFound = () => new NotFoundError('User', 'USER_NOT_FOUND');
export const BranchNotFound = () => new NotFoundError('Branch', 'BRANCH_NOT_FOUND');
export const MembershipNotFound = () => new NotFoundError('Membership', 'MEMBERSHIP_NOT_FOUND');
export const UsernameTaken = () =>
  new ConflictError('USERNAME_TAKEN', 'This username is already in use', { errors: [{ field: 'username', message: 'already in use' }] });
export const CodeTaken = (field: string) =>
  new ConflictError('CODE_TAKEN', `This ${field} is already in use`, { errors: [{ field, message: 'already in use' }] });
export const MembershipExists = () => new ConflictError('MEMBERSHIP_EXISTS', 'This institution is already a member of the center');
export const CannotDeactivateSelf = () => new DomainError('CANNOT_DEACTIVATE_SELF', 409, 'You cannot deactivate your own account');
export const invalidField = (field: string, message: string) => new ValidationFailedError([new FieldError(field, message)]);

/** PostgreSQL unique violation on a named constraint or index. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  const name = e.driverError?.constraint ?? e.constraint;
  return code === '23505' && name === constraint;
}
