import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { AccessScope } from '../access/access-scope';
import { currentContext, requestContext } from '../access/request-context';
import { PgTransaction, SqlExecutor } from './sql-executor';

export const APP_POOL = Symbol('APP_POOL');

export interface RunOptions {
  requestId?: string;
  ip?: string;
  userAgent?: string;
  /** Check in the same round trip that the sign-in session is still live. */
  requireSession?: boolean;
  /** The live session's end, when it was checked. */
  onSession?: (until: Date) => void;
  /**
   * Open the transaction on the first query only (BEGIN and the settings still in one round
   * trip): a request that reads nothing from PostgreSQL opens none. Ignored with requireSession.
   */
  lazy?: boolean;
}

/**
 * One transaction per request or job. BEGIN and the caller's scope go in one round trip:
 * transaction-local set_config, so a pooled connection never carries one tenant's context
 * into the next, and the RLS policies fail closed without it. (TypeORM stays for entities
 * and migrations; the request path talks to pg directly — it is the hottest code we have.)
 */
@Injectable()
export class Database implements OnModuleDestroy {
  private readonly committedListeners: ((keys: string[]) => Promise<void>)[] = [];

  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async run<T>(scope: AccessScope, work: () => Promise<T>, options: RunOptions = {}): Promise<T> {
    const tx = new PgTransaction(this.pool, scope, { requireSession: options.requireSession, onSession: options.onSession });
    let result: T;
    try {
      if (!options.lazy || options.requireSession) await tx.open();
      result = await requestContext.run({ scope, manager: tx, requestId: options.requestId, ip: options.ip, userAgent: options.userAgent?.slice(0, 300) }, work);
      await tx.commit();
    } catch (error) {
      await tx.rollback();
      throw error;
    } finally {
      tx.release();
    }
    // Committed: what it changed is heard everywhere before the caller answers.
    if (tx.afterCommit.length) for (const listener of this.committedListeners) await listener(tx.afterCommit);
    return result;
  }

  /** `listener` hears the after-commit keys of each committed transaction (CommitSignals). */
  onCommitted(listener: (keys: string[]) => Promise<void>): void {
    this.committedListeners.push(listener);
  }

  /**
   * Runs `work` inside a savepoint of the current transaction: if it throws, what it wrote is
   * undone and the transaction goes on (one bad row of a bulk import must not undo the rest).
   */
  async savepoint<T>(work: () => Promise<T>): Promise<T> {
    const manager = this.manager;
    await manager.query('SAVEPOINT work');
    try {
      const result = await work();
      await manager.query('RELEASE SAVEPOINT work');
      return result;
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT work');
      throw error;
    }
  }

  /** The current transaction's executor; throws outside Database.run(). */
  get manager(): SqlExecutor {
    return currentContext().manager;
  }

  get scope(): AccessScope {
    return currentContext().scope;
  }

  /** The request's id and client address, for audit rows written in bulk SQL. */
  get requestId(): string | undefined {
    return currentContext().requestId;
  }

  get ip(): string | undefined {
    return currentContext().ip;
  }

  get userAgent(): string | undefined {
    return currentContext().userAgent;
  }

  /** A plain round trip outside any tenant context, for readiness checks only. */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  /** Names of the applied migrations (readiness), through a narrow SECURITY DEFINER look-up. */
  async appliedMigrations(): Promise<string[]> {
    const { rows } = await this.pool.query<{ name: string }>('SELECT ops_applied_migrations() AS name');
    return rows.map((r) => r.name);
  }

  /** Events not yet relayed and the age of the oldest (readiness, /metrics). */
  async outboxBacklog(): Promise<{ backlog: number; oldestAgeSeconds: number }> {
    const { rows } = await this.pool.query<{ backlog: string; oldest_age_seconds: number }>('SELECT * FROM ops_outbox_backlog()');
    return { backlog: Number(rows[0].backlog), oldestAgeSeconds: Number(rows[0].oldest_age_seconds) };
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
