import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config';
import { DomainError } from '../errors/domain-error';
import { RedisService } from '../redis';

/**
 * Counts in Redis, so limits hold across API processes: a per-address rate on sign-in
 * and refresh, and a lock-out of an account after repeated wrong passwords.
 */
@Injectable()
export class SignInLimiter {
  constructor(
    private readonly redis: RedisService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async checkRate(ip: string): Promise<void> {
    const window = Math.floor(Date.now() / 60_000);
    const key = this.redis.key('auth', 'rate', ip, String(window));
    const [[, count]] = (await this.redis.client.multi().incr(key).expire(key, 60).exec()) as [[null, number]];
    if (count > this.config.SIGN_IN_RATE_PER_MINUTE) {
      throw new DomainError('RATE_LIMITED', 429, 'Too many sign-in attempts from this address; wait a minute.', {
        retryAfterSeconds: 60 - Math.floor((Date.now() / 1000) % 60),
      });
    }
  }

  async assertNotLocked(username: string): Promise<void> {
    const key = this.redis.key('auth', 'fail', username.toLowerCase());
    const [count, ttl] = await Promise.all([this.redis.client.get(key), this.redis.client.ttl(key)]);
    if (Number(count ?? 0) >= this.config.SIGN_IN_MAX_FAILURES) {
      throw new DomainError('ACCOUNT_LOCKED', 423, 'Too many wrong passwords: this account is locked for a while.', {
        retryAfterSeconds: Math.max(ttl, 1),
      });
    }
  }

  /** Returns the failure count so far. */
  async recordFailure(username: string): Promise<number> {
    const key = this.redis.key('auth', 'fail', username.toLowerCase());
    const [[, count]] = (await this.redis.client
      .multi()
      .incr(key)
      .expire(key, this.config.SIGN_IN_LOCK_SECONDS)
      .exec()) as [[null, number]];
    return count;
  }

  async reset(username: string): Promise<void> {
    await this.redis.client.del(this.redis.key('auth', 'fail', username.toLowerCase()));
  }
}
