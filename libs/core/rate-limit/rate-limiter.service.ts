import { Injectable, Logger } from '@nestjs/common';
import { RedisService } from '../redis';
import type { WhenRedisDown } from './rate-limit.rules';

export interface Hit {
  allowed: boolean;
  /** Seconds until the window resets (what Retry-After says). */
  retryAfterSeconds: number;
  /** Counted in this process only, because Redis did not answer. */
  local: boolean;
}

/**
 * A fixed window per (limit, key), counted in Redis with one atomic script, so every API process
 * shares the count: INCR, and on the first hit the window's expiry; the remaining time is the
 * answer's Retry-After.
 */
const SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {hits, ttl}
`;

/** A limiter that waits longer than this for Redis answers from its fallback instead. */
const REDIS_TIMEOUT_MS = 250;
const LOCAL_MAX_KEYS = 50_000;

@Injectable()
export class RateLimiter {
  private readonly logger = new Logger('RateLimiter');
  private readonly local = new Map<string, { hits: number; resetAt: number }>();
  private warnedAt = 0;

  constructor(private readonly redis: RedisService) {}

  async hit(name: string, key: string, limit: number, windowSeconds: number, whenRedisDown: WhenRedisDown): Promise<Hit> {
    const redisKey = this.redis.key('rl', name, key);
    const windowMs = windowSeconds * 1000;
    try {
      const [hits, ttl] = await withTimeout(this.redis.client.eval(SCRIPT, 1, redisKey, windowMs) as Promise<[number, number]>);
      return { allowed: hits <= limit, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)), local: false };
    } catch (error) {
      // Once per 10 s, not once per request: an outage must not flood the log.
      if (Date.now() - this.warnedAt > 10_000) {
        this.warnedAt = Date.now();
        this.logger.warn({ err: error }, 'rate limits: Redis did not answer; sign-in and codes count in this process, API-key quotas let requests through');
      }
      if (whenRedisDown === 'open') return { allowed: true, retryAfterSeconds: 0, local: true };
      return this.hitLocally(redisKey, limit, windowMs);
    }
  }

  private hitLocally(key: string, limit: number, windowMs: number): Hit {
    const now = Date.now();
    if (this.local.size > LOCAL_MAX_KEYS) for (const [k, w] of this.local) if (w.resetAt <= now) this.local.delete(k);
    let w = this.local.get(key);
    if (!w || w.resetAt <= now) this.local.set(key, (w = { hits: 0, resetAt: now + windowMs }));
    w.hits += 1;
    return { allowed: w.hits <= limit, retryAfterSeconds: Math.max(1, Math.ceil((w.resetAt - now) / 1000)), local: true };
  }
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error('Redis timeout')), REDIS_TIMEOUT_MS))),
  ]);
}
