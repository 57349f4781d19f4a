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

  it('says 503 with Retry-After when PostgreSQL or Redis went away, naming which, and leaks nothing', () => {
    const pgGone = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const wrapped = Object.assign(new Error('query failed'), { name: 'QueryFailedError', driverError: pgGone });
    for (const error of [
      wrapped,
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
    ]) {
      const p = toProblem(error);
      expect(p).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE', retryAfterSeconds: 5 });
      expect(JSON.stringify(p)).not.toMatch(/127\.0\.0\.1|administrator|ECONNREFUSED/);
    }
    expect(toProblem(wrapped)).toMatchObject({ dependency: 'postgres' });
    const redis = Object.assign(new Error('Reached the max retries per request limit (which is 2). Refer to "maxRetriesPerRequest" option for details.'), { name: 'MaxRetriesPerRequestError' });
    expect(toProblem(redis)).toMatchObject({ status: 503, dependency: 'redis' });
    expect(toProblem(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toMatchObject({ status: 503, dependency: 'redis' });
    // A constraint violation is not an outage.
    expect(toProblem(Object.assign(new Error('duplicate key'), { code: '23505' }))).toMatchObject({ status: 500 });
  });

  it('maps framework and Fastify errors by status', () => {
    expect(toProblem(new BadRequestException('bad'))).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(toProblem(Object.assign(new Error('Body is too large'), { statusCode: 413 }))).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });
});
