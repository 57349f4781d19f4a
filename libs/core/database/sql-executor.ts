import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';

/**
 * What repositories query through: one pooled connection inside the request's transaction.
 * Same contract as TypeORM's EntityManager.query (rows; `[rows, affected]` for UPDATE and
 * DELETE) without its per-query overhead on the hot path.
 */
export interface SqlExecutor {
  query<T = unknown>(sql: string, params?: unknown[]): Promise<T>;
  /**
   * Runs a last statement and COMMIT in one round trip; the transaction is over afterwards.
   * For a statement that takes a hot row lock (a case-number counter): the lock is held for
   * the statement and the commit only, never across a round trip to Node.
   */
  queryAndCommit<T extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export class PgExecutor implements SqlExecutor {
  committed = false;

  constructor(private readonly client: PoolClient) {}

  async queryAndCommit<T extends object = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    // The simple protocol carries EXECUTE and COMMIT together but no bound parameters: the
    // statement is prepared once per connection (its plan cached like every other) and its
    // arguments are inlined as literals with the driver's own escaping.
    const name = `x${statementName(sql).slice(1)}`;
    const prepared = preparedOn.get(this.client) ?? preparedOn.set(this.client, new Set()).get(this.client)!;
    if (!prepared.has(name)) {
      await this.client.query(`PREPARE ${name} AS ${sql}`);
      prepared.add(name);
    }
    const args = params.length ? `(${params.map((v) => this.literal(v)).join(', ')})` : '';
    const results = (await this.client.query(`EXECUTE ${name}${args}; COMMIT`)) as unknown as { rows: T[] }[];
    this.committed = true;
    return results[0].rows;
  }

  private literal(value: unknown): string {
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (Buffer.isBuffer(value)) return `'\\x${value.toString('hex')}'::bytea`;
    if (value instanceof Date) return this.client.escapeLiteral(value.toISOString());
    // An empty ARRAY[] has no type; '{}' takes the parameter's.
    if (Array.isArray(value)) return value.length ? `ARRAY[${value.map((v) => this.literal(v)).join(', ')}]` : `'{}'`;
    if (typeof value === 'object') return this.client.escapeLiteral(JSON.stringify(value));
    return this.client.escapeLiteral(String(value));
  }

  async query<T = unknown>(sql: string, params: unknown[] = []): Promise<T> {
    if (this.committed) throw new Error('The transaction has been committed: no query may follow queryAndCommit');
    // Named statements are planned once per connection: with RLS policies expanded into
    // every query, planning costs several times more than running these small queries.
    const result = await this.client.query({ name: statementName(sql), text: sql, values: params });
    if (result.command === 'UPDATE' || result.command === 'DELETE') return [result.rows, result.rowCount ?? 0] as T;
    return result.rows as T;
  }
}

/** SQL-level prepared statements per pooled connection (they live as long as it does). */
const preparedOn = new WeakMap<PoolClient, Set<string>>();

const names = new Map<string, string>();
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `s_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    if (names.size < 10000) names.set(sql, name);
  }
  return name;
}
