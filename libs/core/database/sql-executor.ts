import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';

/**
 * What repositories query through: one pooled connection inside the request's transaction.
 * Same contract as TypeORM's EntityManager.query (rows; `[rows, affected]` for UPDATE and
 * DELETE) without its per-query overhead on the hot path.
 */
export interface SqlExecutor {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query<T = any>(sql: string, params?: unknown[]): Promise<T>;
}

export class PgExecutor implements SqlExecutor {
  constructor(private readonly client: PoolClient) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async query<T = any>(sql: string, params: unknown[] = []): Promise<T> {
    // Named statements are planned once per connection: with RLS policies expanded into
    // every query, planning costs several times more than running these small queries.
    const result = await this.client.query({ name: statementName(sql), text: sql, values: params });
    if (result.command === 'UPDATE' || result.command === 'DELETE') return [result.rows, result.rowCount ?? 0] as T;
    return result.rows as T;
  }
}

const names = new Map<string, string>();
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `s_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    if (names.size < 10000) names.set(sql, name);
  }
  return name;
}
