import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ProblemCode, ProblemDetails } from '@accord/contracts';
import { DomainError, ValidationFailedError } from './domain-error';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const HTTP_CODES: Record<number, ProblemCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** What a 503 for a dependency that went away tells the client to wait (a restart or failover takes seconds). */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

/** PostgreSQL's SQLSTATEs for a server going away or refusing connections (class 08, 57P01–57P03, 53300). */
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
const PG_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated due to connection timeout)/;
const REDIS_MESSAGES = /^(Reached the max retries per request limit|Connection is closed\.|Stream isn't writeable|Redis timeout)/;
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

/**
 * Which dependency an error says is unreachable — PostgreSQL or Redis — or undefined when it
 * says something else. Such a request changed nothing (its transaction never committed), so the
 * client is told 503 with Retry-After rather than a 500.
 */
export function unavailableDependency(error: unknown): 'postgres' | 'redis' | 'dependency' | undefined {
  for (let e = error as { name?: string; message?: string; code?: string; driverError?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    const message = typeof e.message === 'string' ? e.message : '';
    if (e.name === 'MaxRetriesPerRequestError' || REDIS_MESSAGES.test(message)) return 'redis';
    if ((typeof e.code === 'string' && PG_UNAVAILABLE.test(e.code)) || PG_MESSAGES.test(message)) return 'postgres';
    if (typeof e.code === 'string' && SOCKET_CODES.has(e.code)) return 'dependency';
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return undefined;
}

/** `requestId`: the request's X-Request-Id, so a user reporting an error gives the id its log line carries. */
export function toProblem(error: unknown, instance?: string, requestId?: string): ProblemDetails {
  return { ...problemOf(error, instance), ...(requestId ? { requestId } : {}) };
}

function problemOf(error: unknown, instance?: string): ProblemDetails {
  if (error instanceof DomainError) {
    return {
      type: `https://accord.example/problems/${error.code.toLowerCase().replace(/_/g, '-')}`,
      title: TITLES[error.status] ?? 'Error',
      status: error.status,
      code: error.code,
      detail: error.message,
      instance,
      ...(error instanceof ValidationFailedError ? { errors: error.fields.map((f) => ({ ...f })) } : {}),
      ...error.extensions,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code: ProblemCode = HTTP_CODES[status] ?? 'HTTP_ERROR';
    const body = error.getResponse();
    const detail = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? error.message);
    return {
      type: `https://accord.example/problems/${code.toLowerCase().replace(/_/g, '-')}`,
      title: TITLES[status] ?? 'Error',
      status,
      code,
      detail: Array.isArray(detail) ? detail.join('; ') : String(detail),
      instance,
    };
  }
  // Fastify's own errors (bad JSON, body too large) carry a statusCode of their own.
  const fastifyStatus = (error as { statusCode?: number })?.statusCode;
  if (fastifyStatus && fastifyStatus >= 400 && fastifyStatus < 500) {
    const code: ProblemCode = HTTP_CODES[fastifyStatus] ?? 'BAD_REQUEST';
    return {
      type: `https://accord.example/problems/${code.toLowerCase().replace(/_/g, '-')}`,
      title: TITLES[fastifyStatus] ?? 'Error',
      status: fastifyStatus,
      code,
      detail: (error as Error).message,
      instance,
    };
  }
  const dependency = unavailableDependency(error);
  if (dependency) {
    return {
      type: 'https://accord.example/problems/dependency-unavailable',
      title: TITLES[503] ?? 'Service Unavailable',
      status: 503,
      code: 'DEPENDENCY_UNAVAILABLE',
      detail: 'A service this request needs is not reachable for a moment; nothing was changed. Try again shortly.',
      instance,
      dependency,
      retryAfterSeconds: DEPENDENCY_RETRY_AFTER_SECONDS,
    };
  }
  return {
    type: 'https://accord.example/problems/internal',
    title: TITLES[500],
    status: 500,
    code: 'INTERNAL',
    detail: 'Something went wrong on our side; the request changed nothing.',
    instance,
  };
}

/** The one place errors become responses: problem+json, a stable code, never a stack trace. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(error, request?.url, request?.id === undefined ? undefined : String(request.id));
    if (problem.status === 503) this.logger.warn({ reqId: request?.id, dependency: (problem as { dependency?: string }).dependency, error: (error as Error)?.message }, 'request refused: a dependency is unavailable');
    else if (problem.status >= 500) this.logger.error({ err: error, reqId: request?.id }, 'request failed');
    // RFC 9110: a 429 (or 423, 503) says when to come back.
    const retryAfter = (problem as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number' && retryAfter > 0) void reply.header('retry-after', String(Math.ceil(retryAfter)));
    void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
  }
}
