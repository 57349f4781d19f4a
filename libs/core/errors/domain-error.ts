import type { ProblemCode } from '@accord/contracts';

/**
 * Domain errors carry a stable code and an HTTP status; the global filter turns them into
 * problem+json. Cross-tenant lookups throw NotFound, never Forbidden, so ids can't be probed.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly status: number,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** 'Webhook endpoint' → WEBHOOK_ENDPOINT_NOT_FOUND (problem-codes.spec.ts checks every subject's code is listed). */
export const notFoundCode = (what: string) => `${what.toUpperCase().replace(/[^A-Z]+/g, '_')}_NOT_FOUND` as ProblemCode;

export class NotFoundError extends DomainError {
  constructor(what: string, code: ProblemCode = notFoundCode(what)) {
    super(code, 404, `${what} not found`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this', code: ProblemCode = 'FORBIDDEN') {
    super(code, 403, message);
  }
}

export class ConflictError extends DomainError {
  constructor(code: ProblemCode, message: string, extensions: Record<string, unknown> = {}) {
    super(code, 409, message, extensions);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Sign-in required', code: ProblemCode = 'UNAUTHENTICATED') {
    super(code, 401, message);
  }
}

export class FieldError {
  constructor(
    readonly field: string,
    readonly message: string,
  ) {}
}

export class ValidationFailedError extends DomainError {
  constructor(readonly fields: FieldError[]) {
    super('VALIDATION_FAILED', 400, `Invalid input: ${fields.map((f) => f.field).join(', ')}`);
  }
}
