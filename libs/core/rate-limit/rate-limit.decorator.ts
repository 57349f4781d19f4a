import { SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { LimitName } from './rate-limit.rules';

export const RATE_LIMITS = 'accord:rate-limits';

/**
 * Whom a limit counts: the client's address, or a target taken from the request (a consumer
 * link's token: hashed before it becomes a Redis key). A target of '' is not counted.
 */
export type LimitKey = 'ip' | ((request: FastifyRequest) => string | undefined);

export interface RouteLimit {
  name: LimitName;
  by: LimitKey;
}

/** The limits a route (or every route of a controller) counts against; all must allow. */
export const RateLimit = (...limits: RouteLimit[]) => SetMetadata(RATE_LIMITS, limits);

/** Targets by route parameter, e.g. the consumer link's `:token`. */
export const byParam =
  (param: string): LimitKey =>
  (request) =>
    (request.params as Record<string, string> | undefined)?.[param];

/** Targets by request header, e.g. `x-consumer-token`. */
export const byHeader =
  (header: string): LimitKey =>
  (request) => {
    const v = request.headers[header];
    return typeof v === 'string' ? v : undefined;
  };
