import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config';
import { DomainError } from '../errors/domain-error';
import { RedisService } from '../redis';

/** Failures are forgotten a day after the last one (NIST 800-63B 5.2.2 limits consecutive failures). */
const FAILURE_MEMORY_SECONDS = 24 * 3600;

/**
 * Counts in Redis, so limits hold across API processes: a per-address rate on sign-in and
 * refresh, and after repeated wrong passwords an exponential back-off, per account (a guess at
 * one account from many addresses) and per address (one address guessing many accounts).
 * The first SIGN_IN_MAX_FAILURES failures are free; each further one doubles the wait from
 * SIGN_IN_BACKOFF_SECONDS up to SIGN_IN_LOCK_SECONDS. A lock refuses even the right password.
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

  private keys(username: string, ip: string) {
    return {
      account: this.redis.key('auth', 'fail', username.toLowerCase()),
      accountLock: this.redis.key('auth', 'lock', username.toLowerCase()),
      address: this.redis.key('auth', 'fail-ip', ip),
      addressLock: this.redis.key('auth', 'lock-ip', ip),
    };
  }

  async assertNotLocked(username: string, ip: string): Promise<void> {
    const k = this.keys(username, ip);
    const [account, address] = await Promise.all([this.redis.client.pttl(k.accountLock), this.redis.client.pttl(k.addressLock)]);
    if (account > 0) {
      throw new DomainError('ACCOUNT_LOCKED', 429, 'Too many wrong passwords for this account: try again later.', {
        retryAfterSeconds: Math.ceil(account / 1000),
      });
    }
    if (address > 0) {
      throw new DomainError('ADDRESS_LOCKED', 429, 'Too many wrong passwords from this address: try again later.', {
        retryAfterSeconds: Math.ceil(address / 1000),
      });
    }
  }

  /** The wait after the n-th failure, given the free ones (0 while under the threshold). */
  static backoffSeconds(failures: number, free: number, first: number, cap: number): number {
    if (failures < free) return 0;
    return Math.min(first * 2 ** (failures - free), cap);
  }

  /** Counts a failure for the account and the address and locks either past its threshold; returns the account's count. */
  async recordFailure(username: string, ip: string): Promise<number> {
    const k = this.keys(username, ip);
    const [[, account], , [, address]] = (await this.redis.client
      .multi()
      .incr(k.account)
      .expire(k.account, FAILURE_MEMORY_SECONDS)
      .incr(k.address)
      .expire(k.address, FAILURE_MEMORY_SECONDS)
      .exec()) as [[null, number], unknown, [null, number], unknown];
    const { SIGN_IN_MAX_FAILURES, SIGN_IN_IP_MAX_FAILURES, SIGN_IN_BACKOFF_SECONDS, SIGN_IN_LOCK_SECONDS } = this.config;
    const accountWait = SignInLimiter.backoffSeconds(account, SIGN_IN_MAX_FAILURES, SIGN_IN_BACKOFF_SECONDS, SIGN_IN_LOCK_SECONDS);
    const addressWait = SignInLimiter.backoffSeconds(address, SIGN_IN_IP_MAX_FAILURES, SIGN_IN_BACKOFF_SECONDS, SIGN_IN_LOCK_SECONDS);
    const locks = this.redis.client.multi();
    if (accountWait) locks.set(k.accountLock, '1', 'EX', accountWait);
    if (addressWait) locks.set(k.addressLock, '1', 'EX', addressWait);
    if (accountWait || addressWait) await locks.exec();
    return account;
  }

  /** A right password clears the account's count; the address keeps its own. */
  async reset(username: string): Promise<void> {
    await this.redis.client.del(this.redis.key('auth', 'fail', username.toLowerCase()));
  }
}
