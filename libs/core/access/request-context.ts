import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlExecutor } from '../database/sql-executor';
import type { AccessScope } from './access-scope';

export interface RequestContext {
  scope: AccessScope;
  manager: SqlExecutor;
  requestId?: string;
  ip?: string;
  /** The client's User-Agent header (cut to 300 characters), for the audit trail's "from where". */
  userAgent?: string;
  /**
   * The replica floor fixed when a request marked for replica reads began (see ReadReplica):
   * the reads it starts later (an export's batches) keep it, so they never depend on the
   * request's own audit row reaching the replica. null: the primary answers.
   */
  readFloor?: string | null;
}

/**
 * The request's (or job's) context. Only Database.run() enters it, so a query can't run
 * outside a transaction that carries the caller's RLS settings.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentContext(): RequestContext {
  const ctx = requestContext.getStore();
  if (!ctx) throw new Error('No request context: wrap the call in Database.run(scope, …)');
  return ctx;
}
