import type { AppConfig } from '../config';

/**
 * When Redis does not answer, a limit either falls back to a counter in this process ('local':
 * still limited, by as many times as there are API processes — never unlimited) or lets the
 * request through ('open').
 */
export type WhenRedisDown = 'local' | 'open';

export interface LimitRule {
  limit: number;
  windowSeconds: number;
  whenRedisDown: WhenRedisDown;
  /** Each refused attempt leaves an audit entry (the issue asks it of sign-in and one-time codes). */
  audit: boolean;
}

/**
 * Every limit by name (the name is the metric's label and the problem's `limit`).
 * - Sign-in, refresh and one-time codes guard secrets a stranger can guess: 'local' when Redis is
 *   away, so a Redis outage never opens them to brute force.
 * - A consumer's pages answer only to a 24-byte random access token (nothing to guess): 'local'
 *   as well — a per-process limit costs a real consumer nothing.
 * - An API key's quota protects us from a bank system's runaway loop, not from a stranger (the
 *   key is already authenticated): 'open', so a Redis blip never stops a bank's filings.
 */
export function limitRules(config: AppConfig): Record<LimitName, LimitRule> {
  return {
    'auth.sign-in': { limit: config.SIGN_IN_RATE_PER_MINUTE, windowSeconds: 60, whenRedisDown: 'local', audit: true },
    'auth.refresh': { limit: config.RATE_LIMIT_REFRESH_PER_MINUTE, windowSeconds: 60, whenRedisDown: 'local', audit: true },
    'consumer.code': { limit: config.RATE_LIMIT_CONSUMER_CODE_PER_MINUTE, windowSeconds: 60, whenRedisDown: 'local', audit: true },
    // Per link, whatever the address: a brute force spread over many IPs still meets this one.
    'consumer.code-target': { limit: config.RATE_LIMIT_CONSUMER_CODE_PER_LINK, windowSeconds: 15 * 60, whenRedisDown: 'local', audit: true },
    'consumer.access': { limit: config.RATE_LIMIT_CONSUMER_PER_MINUTE, windowSeconds: 60, whenRedisDown: 'local', audit: false },
    'documents.verify': { limit: config.RATE_LIMIT_VERIFY_PER_MINUTE, windowSeconds: 60, whenRedisDown: 'local', audit: false },
    // The limit itself is the key's own (api_keys.rate_per_minute), read with the key.
    'api-key.quota': { limit: 0, windowSeconds: 60, whenRedisDown: 'open', audit: false },
  };
}

export const LIMIT_NAMES = ['auth.sign-in', 'auth.refresh', 'consumer.code', 'consumer.code-target', 'consumer.access', 'documents.verify', 'api-key.quota'] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];
