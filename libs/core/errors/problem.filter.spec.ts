import { BadRequestException } from '@nestjs/common';
import { ConflictError, FieldError, NotFoundError, ValidationFailedError } from './domain-error';
import { toProblem } from './problem.filter';

describe('problem details', () => {
  it('turns a domain error into RFC 9457 with its stable code', () => {
    expect(toProblem(new NotFoundError('User', 'USER_NOT_FOUND'), '/api/v1/users/x')).toEqual({
      type: 'https://accord.example/problems/user-not-found',
      title: 'Not Found',
      status: 404,
      code: 'USER_NOT_FOUND',
      detail: 'User not found',
      instance: '/api/v1/users/x',
    });
    expect(toProblem(new ConflictError('ILLEGAL_TRANSITION', 'no', { currentState: 'draft' }))).toMatchObject({ status: 409, currentState: 'draft' });
  });

  it('lists the fields at fault', () => {
    const p = toProblem(new ValidationFailedError([new FieldError('since', 'must be a date')]));
    expect(p).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'since', message: 'must be a date' }] });
  });

  it('never leaks an unexpected error', () => {
    const p = toProblem(new Error('connection to 10.0.0.5 refused at Socket.connect (net.js:1)'));
    expect(p).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(JSON.stringify(p)).not.toMatch(/10\.0\.0\.5|net\.js/);
  });

  it('maps framework and Fastify errors by status', () => {
    expect(toProblem(new BadRequestException('bad'))).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(toProblem(Object.assign(new Error('Body is too large'), { statusCode: 413 }))).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });
});
