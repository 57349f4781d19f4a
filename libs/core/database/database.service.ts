import { Inject, Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { Pool } from 'pg';
import { AccessScope } from '../access/access-scope';
import { currentContext, requestContext } from '../access/request-context';
import { ReadReplica } from './read-replica';
import { PgTransaction, SqlExecutor } from './sql-executor';

export const APP_POOL = Symbol('APP_POOL');
export const READ_REPLICA = Symbol('READ_REPLICA');

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
  /**
   * Reads whose answer may be as old as DATABASE_READ_MAX_LAG_SECONDS (statistics, exports): on
   * the replica when one is configured and has replayed the floor (ReadReplica), else the primary.
   * The work must not write (the replica's transaction is READ ONLY).
   */
  replica?: boolean;
  /** A floor fixed earlier (the request's start) instead of one taken now. */
  readFloor?: string | null;
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

  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Optional() @Inject(READ_REPLICA) readonly replica: ReadReplica | null = null,
  ) {}

  async run<T>(scope: AccessScope, work: () => Promise<T>, options: RunOptions = {}): Promise<T> {
    const replica = this.replica;
    const caller = callerKey(scope);
    const readFloor = options.readFloor !== undefined ? options.readFloor : replica && options.replica ? await this.readFloor(scope) : undefined;
    const tx = new PgTransaction(this.pool, scope, {
      requireSession: options.requireSession,
      onSession: options.onSession,
      replica: replica && options.replica && readFloor ? { pool: replica.pool, floor: readFloor, onServed: (where) => replica.served[where]++ } : undefined,
      trackWrites: Boolean(replica && caller),
    });
    if (replica && options.replica && !readFloor) replica.served.primary++;
    let result: T;
    try {
      if (!options.lazy || options.requireSession) await tx.open();
      const context = { scope, manager: tx, requestId: options.requestId, ip: options.ip, userAgent: options.userAgent?.slice(0, 300), readFloor };
      result = await requestContext.run(context, work);
      await tx.commit();
    } catch (error) {
      await tx.rollback();
      throw error;
    } finally {
      tx.release();
    }
    // The caller reads its own write from now on, in any process (ReadReplica).
    if (replica && caller && tx.wroteAt) await replica.remember(caller, tx.wroteAt);
    // Committed: what it changed is heard everywhere before the caller answers.
    if (tx.afterCommit.length) for (const listener of this.committedListeners) await listener(tx.afterCommit);
    return result;
  }

  /**
   * The replica floor for reads on behalf of `scope` (ReadReplica.floor): inside a request that
   * fixed one, that one; null when no replica is configured or the primary must answer.
   */
  async readFloor(scope: AccessScope): Promise<string | null> {
    const fixed = requestContext.getStore()?.readFloor;
    if (fixed !== undefined) return fixed;
    return this.replica ? this.replica.floor(callerKey(scope)) : null;
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
    await this.replica?.close();
    await this.pool.end();
  }
}

/** Whose own writes a replica read must see: the sign-in session's, or the API key's. */
function callerKey(scope: AccessScope): string | null {
  return scope.sessionId ? `s:${scope.sessionId}` : scope.apiKeyId ? `k:${scope.apiKeyId}` : null;
}
