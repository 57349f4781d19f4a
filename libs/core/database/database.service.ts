import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessScope, rlsSettings } from '../access/access-scope';
import { currentContext, requestContext } from '../access/request-context';
import { UnauthorizedError } from '../errors/domain-error';

export const APP_DATA_SOURCE = Symbol('APP_DATA_SOURCE');

export interface RunOptions {
  requestId?: string;
  ip?: string;
  /** Check in the same round trip that the sign-in session is still live. */
  requireSession?: boolean;
}

/**
 * One transaction per request or job. Its first statement sets the caller's scope with
 * transaction-local set_config (bound parameters), so a pooled connection never carries
 * one tenant's context into the next, and the RLS policies fail closed without it.
 */
@Injectable()
export class Database implements OnModuleDestroy {
  constructor(@Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async run<T>(scope: AccessScope, work: () => Promise<T>, options: RunOptions = {}): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const settings = rlsSettings(scope);
      const params: unknown[] = settings.flat();
      const sets = settings.map((_, i) => `set_config($${i * 2 + 1}, $${i * 2 + 2}, true)`);
      let sql = `SELECT ${sets.join(', ')}`;
      if (options.requireSession) {
        params.push(scope.sessionId);
        sql += `, auth_session_active($${params.length}::uuid) AS active`;
      }
      const [row] = (await runner.query(sql, params)) as { active?: boolean }[];
      if (options.requireSession && !row.active) throw new UnauthorizedError('Your session has ended; sign in again', 'SESSION_ENDED');
      const result = await requestContext.run(
        { scope, manager: runner.manager, requestId: options.requestId, ip: options.ip },
        work,
      );
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** The current transaction's manager; throws outside Database.run(). */
  get manager(): EntityManager {
    return currentContext().manager;
  }

  get scope(): AccessScope {
    return currentContext().scope;
  }

  /** A plain round trip outside any tenant context, for readiness checks only. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  async onModuleDestroy(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
