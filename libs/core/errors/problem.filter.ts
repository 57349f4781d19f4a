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
    if (problem.status >= 500) this.logger.error({ err: error, reqId: request?.id }, 'request failed');
    // RFC 9110: a 429 (or 423, 503) says when to come back.
    const retryAfter = (problem as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number' && retryAfter > 0) void reply.header('retry-after', String(Math.ceil(retryAfter)));
    void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
  }
}
