import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { primaryWalPosition } from './wal-position.repository';

/** '16/B374D848' as a number that orders like the LSN. */
export function lsnValue(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
}

export function laterLsn(a: string | null, b: string | null): string | null {
  if (!a || !b) return a ?? b;
  return lsnValue(a) >= lsnValue(b) ? a : b;
}

/**
 * Where a caller's own commits are remembered (their primary LSN) for as long as the lag bound
 * would not already cover them: shared by every API process (Redis), since the next request of
 * the same sign-in may reach another one.
 */
export interface WrittenLsnStore {
  remember(key: string, lsn: string, ttlMs: number): Promise<void>;
  recall(key: string): Promise<string | null>;
}

/**
 * The replica, and the rule that keeps what it serves correct when it lags. A read may go to the
 * replica only if the replica has replayed at least the *floor*, checked in the replica's BEGIN
 * round trip (`pg_last_wal_replay_lsn() >= floor`); otherwise the same read runs on the primary.
 * The floor is the later of
 * - the primary's WAL position `maxLagMs` ago (sampled here every `pollMs` with
 *   `pg_current_wal_lsn()`): nothing committed on the primary before then is missing, so no
 *   answer is staler than the bound, however far the replica falls behind or if it stops;
 * - the caller's own last commit (its sign-in session's or API key's LSN, remembered after each
 *   committing transaction that wrote): a caller always reads its own writes.
 * Measured in LSNs, not `pg_last_xact_replay_timestamp()`, which says nothing while the primary
 * is idle and keeps "fresh" a replica whose WAL receiver is cut off. No recent sample (the
 * primary unreachable, the sampler just started) or no Redis answer: the primary answers.
 */
export class ReadReplica {
  private readonly logger = new Logger('ReadReplica');
  private samples: { at: number; lsn: string }[] = [];
  private timer?: NodeJS.Timeout;
  /** Reads served where, and why (tests and /metrics). */
  readonly served = { replica: 0, primary: 0, lagging: 0, unavailable: 0 };

  constructor(
    readonly pool: Pool,
    private readonly primary: Pool,
    readonly maxLagMs: number,
    private readonly store: WrittenLsnStore | null,
    private readonly pollMs = 250,
  ) {
    this.start();
  }

  /** Kept while the floor could still be below a write: after that the lag bound covers it. */
  get rememberMs(): number {
    return this.maxLagMs + 4 * this.pollMs + 1000;
  }

  private start(): void {
    if (this.timer) return;
    const sample = () =>
      void primaryWalPosition(this.primary)
        .then((lsn) => {
          const now = Date.now();
          this.samples.push({ at: now, lsn });
          // Keep the newest sample at or before the cut-off, and everything after it.
          const cutoff = now - this.maxLagMs;
          while (this.samples.length > 1 && this.samples[1].at <= cutoff) this.samples.shift();
        })
        .catch((error: Error) => this.logger.warn(`primary WAL position not read: ${error.message}`));
    sample();
    this.timer = setInterval(sample, this.pollMs);
    this.timer.unref();
  }

  /** The LSN the replica must have replayed to answer this caller; null: the primary answers. */
  async floor(callerKey: string | null): Promise<string | null> {
    const now = Date.now();
    const newest = this.samples[this.samples.length - 1];
    if (!newest || now - newest.at > 4 * this.pollMs + 1000) return null;
    const cutoff = now - this.maxLagMs;
    // The newest sample old enough; while none is (just started), the oldest: stricter, never staler.
    let floor = this.samples[0].lsn;
    for (const s of this.samples) {
      if (s.at > cutoff) break;
      floor = s.lsn;
    }
    if (!callerKey || !this.store) return floor;
    try {
      return laterLsn(floor, await this.store.recall(callerKey));
    } catch {
      return null;
    }
  }

  async remember(callerKey: string, lsn: string): Promise<void> {
    await this.store?.remember(callerKey, lsn, this.rememberMs).catch((error: Error) => this.logger.warn(`own write not remembered: ${error.message}`));
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.pool.end();
  }
}
