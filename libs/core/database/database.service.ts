import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { AccessScope, rlsSettings } from '../access/access-scope';
import { currentContext, requestContext } from '../access/request-context';
import { UnauthorizedError } from '../errors/domain-error';
import { PgExecutor, SqlExecutor } from './sql-executor';

export const APP_POOL = Symbol('APP_POOL');

export interface RunOptions {
  requestId?: string;
  ip?: string;
  userAgent?: string;
  /** Check in the same round trip that the sign-in session is still live. */
  requireSession?: boolean;
}

/**
 * One transaction per request or job. BEGIN and the caller's scope go in one round trip:
 * transaction-local set_config, so a pooled connection never carries one tenant's context
 * into the next, and the RLS policies fail closed without it. (TypeORM stays for entities
 * and migrations; the request path talks to pg directly — it is the hottest code we have.)
 */
@Injectable()
export class Database implements OnModuleDestroy {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async run<T>(scope: AccessScope, work: () => Promise<T>, options: RunOptions = {}): Promise<T> {
    const client = await this.pool.connect();
    // A connection that PostgreSQL ends while we hold it (a restart between two of our queries)
    // emits 'error' on the client, which the pool does not handle for a checked-out one: take it
    // here, so it fails this request instead of crashing the process, and drop the client.
    let lost: Error | undefined;
    const onLost = (error: Error) => (lost = error);
    client.on('error', onLost);
    let open = false;
    try {
      // Literals are escaped by the driver; a simple query may carry BEGIN and the SELECT
      // together, which bound parameters can't.
      const sets = rlsSettings(scope).map(([k, v]) => `set_config(${client.escapeLiteral(k)}, ${client.escapeLiteral(v)}, true)`);
      const check = options.requireSession
        ? `, auth_session_active(${client.escapeLiteral(scope.sessionId ?? '00000000-0000-0000-0000-000000000000')}::uuid, ${Number(scope.accessVersion ?? 0) | 0}) AS active`
        : '';
      open = true;
      const results = (await client.query(`BEGIN; SELECT ${sets.join(', ')}${check}`)) as unknown as { rows: { active?: boolean }[] }[];
      if (options.requireSession && !results[1].rows[0].active) {
        throw new UnauthorizedError('Your session has ended; sign in again', 'SESSION_ENDED');
      }
      const executor = new PgExecutor(client);
      const result = await requestContext.run({ scope, manager: executor, requestId: options.requestId, ip: options.ip, userAgent: options.userAgent?.slice(0, 300) }, work);
      if (!executor.committed) await client.query('COMMIT');
      open = false;
      return result;
    } catch (error) {
      if (open && !lost) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.off('error', onLost);
      client.release(lost);
    }
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
