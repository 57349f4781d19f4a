import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { AccessScope, rlsSettings } from '../access/access-scope';
import { UnauthorizedError } from '../errors/domain-error';

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

/** What commits with a transaction and must be heard after it (see CommitSignals). */
const AFTER_COMMIT = `SELECT current_setting('app.after_commit', true) AS keys`;

function afterCommitKeys(value: unknown): string[] {
  return typeof value === 'string' && value ? value.split(',') : [];
}

export interface TransactionOptions {
  /** Check in the BEGIN round trip that the sign-in session is still live. */
  requireSession?: boolean;
  /** The live session's end, when it was checked. */
  onSession?: (until: Date) => void;
  /**
   * Read on this replica if it has replayed `floor` (checked in its BEGIN round trip), else, or
   * if it cannot be reached, on the primary. Never with requireSession (a revoked session must
   * not look live on a replica that lags).
   */
  replica?: { pool: Pool; floor: string; onServed: (where: 'replica' | 'lagging' | 'unavailable') => void };
  /** Learn the primary's WAL position after a COMMIT that wrote (read-your-writes on a replica). */
  trackWrites?: boolean;
}

/** After COMMIT, in the same round trip: the WAL position the commit is at or before. */
const WROTE = `, pg_current_xact_id_if_assigned() IS NOT NULL AS wrote`;
const LSN_AFTER = `; SELECT pg_current_wal_lsn()::text AS lsn`;

/**
 * One request's (or job's) transaction, opened on its first query: BEGIN and the caller's RLS
 * settings (and, when asked, the session check) in one round trip. A request that never
 * queries opens none. Its keys for after the commit come back in the COMMIT round trip.
 */
export class PgTransaction implements SqlExecutor {
  committed = false;
  /** The keys the transaction's triggers collected (app.after_commit), once it committed. */
  afterCommit: string[] = [];
  /** The primary's WAL position after a commit that wrote (with trackWrites). */
  wroteAt?: string;
  /** Where the transaction ran. */
  servedBy: 'primary' | 'replica' = 'primary';
  private client?: PoolClient;
  private opening?: Promise<PgExecutor>;
  private began = false;
  private lost?: Error;
  private readonly onLost = (error: Error) => (this.lost = error);

  constructor(
    private readonly pool: Pool,
    private readonly scope: AccessScope,
    private readonly options: TransactionOptions = {},
  ) {}

  get opened(): boolean {
    return this.opening !== undefined;
  }

  open(): Promise<PgExecutor> {
    return (this.opening ??= this.begin());
  }

  private async begin(): Promise<PgExecutor> {
    const replica = this.options.replica;
    if (replica && !this.options.requireSession) {
      const served = await this.beginOnReplica(replica.pool, replica.floor).catch(() => 'unavailable' as const);
      if (typeof served === 'object') {
        replica.onServed('replica');
        this.servedBy = 'replica';
        return served;
      }
      replica.onServed(served);
    }
    const client = (this.client = await this.pool.connect());
    // A connection that PostgreSQL ends while we hold it (a restart between two of our queries)
    // emits 'error' on the client, which the pool does not handle for a checked-out one: take it
    // here, so it fails this request instead of crashing the process, and drop the client.
    client.on('error', this.onLost);
    // Literals are escaped by the driver; a simple query may carry BEGIN and the SELECT
    // together, which bound parameters can't.
    const sets = rlsSettings(this.scope).map(([k, v]) => `set_config(${client.escapeLiteral(k)}, ${client.escapeLiteral(v)}, true)`);
    const check = this.options.requireSession
      ? `, auth_session_until(${client.escapeLiteral(this.scope.sessionId ?? '00000000-0000-0000-0000-000000000000')}::uuid, ${Number(this.scope.accessVersion ?? 0) | 0}) AS until`
      : '';
    this.began = true;
    const results = (await client.query(`BEGIN; SELECT ${sets.join(', ')}${check}`)) as unknown as { rows: { until?: Date | null }[] }[];
    if (this.options.requireSession) {
      const until = results[1].rows[0].until;
      if (!until) throw new UnauthorizedError('Your session has ended; sign in again', 'SESSION_ENDED');
      this.options.onSession?.(until);
    }
    return new PgExecutor(client);
  }

  /**
   * BEGIN READ ONLY on the replica with the caller's settings (RLS holds there as on the
   * primary: the same policies, replicated), and whether it has replayed the floor.
   */
  private async beginOnReplica(pool: Pool, floor: string): Promise<PgExecutor | 'lagging' | 'unavailable'> {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch {
      return 'unavailable';
    }
    client.on('error', this.onLost);
    try {
      const sets = rlsSettings(this.scope).map(([k, v]) => `set_config(${client.escapeLiteral(k)}, ${client.escapeLiteral(v)}, true)`);
      // NULL replay position: not a standby (a promoted one, or the primary itself) — current.
      const results = (await client.query(
        `BEGIN TRANSACTION READ ONLY; SELECT ${sets.join(', ')}, COALESCE(pg_last_wal_replay_lsn() >= ${client.escapeLiteral(floor)}::pg_lsn, true) AS fresh`,
      )) as unknown as { rows: { fresh: boolean }[] }[];
      if (results[1].rows[0].fresh) {
        this.client = client;
        this.began = true;
        return new PgExecutor(client);
      }
      await client.query('ROLLBACK');
      client.off('error', this.onLost);
      client.release();
      return 'lagging';
    } catch {
      client.off('error', this.onLost);
      client.release(true);
      this.lost = undefined;
      return 'unavailable';
    }
  }

  async query<T = unknown>(sql: string, params?: unknown[]): Promise<T> {
    if (this.committed) throw new Error('The transaction has been committed: no query may follow queryAndCommit');
    return (await this.open()).query<T>(sql, params);
  }

  async queryAndCommit<T extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    const executor = await this.open();
    const { rows, keys, wroteAt } = await executor.executeAndCommit<T>(sql, params, this.tracking);
    this.committed = true;
    this.afterCommit = keys;
    this.wroteAt = wroteAt;
    return rows;
  }

  /** COMMIT (reading the after-commit keys in the same round trip), if anything was opened. */
  async commit(): Promise<void> {
    if (!this.opening || this.committed) return;
    await this.opening;
    const track = this.tracking;
    const results = (await this.client!.query(`${AFTER_COMMIT}${track ? WROTE : ''}; COMMIT${track ? LSN_AFTER : ''}`)) as unknown as { rows: { keys: unknown; wrote?: boolean; lsn?: string }[] }[];
    this.committed = true;
    this.afterCommit = afterCommitKeys(results[0].rows[0]?.keys);
    if (track && results[0].rows[0]?.wrote) this.wroteAt = results[2].rows[0].lsn;
  }

  private get tracking(): boolean {
    return Boolean(this.options.trackWrites) && this.servedBy === 'primary';
  }

  async rollback(): Promise<void> {
    if (this.began && !this.committed && !this.lost) await this.client?.query('ROLLBACK').catch(() => undefined);
  }

  release(): void {
    if (!this.client) return;
    this.client.off('error', this.onLost);
    this.client.release(this.lost);
    this.client = undefined;
  }
}

export class PgExecutor implements SqlExecutor {
  committed = false;

  /** The end of the queue of this connection's queries (see inTurn). */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(private readonly client: PoolClient) {}

  /**
   * One query at a time: services may read side by side (Promise.all) inside one transaction,
   * and one connection runs one query anyway. They wait here in order, not in pg's own queue,
   * which pg deprecates (it warns, and pg 9 drops it).
   */
  private inTurn<R>(run: () => Promise<R>): Promise<R> {
    const result = this.turn.then(run);
    this.turn = result.catch(() => undefined);
    return result;
  }

  /** EXECUTE and COMMIT in one round trip, answering the rows and the after-commit keys. */
  async executeAndCommit<T extends object>(sql: string, params: unknown[] = [], track = false): Promise<{ rows: T[]; keys: string[]; wroteAt?: string }> {
    const name = await this.prepare(sql);
    const args = params.length ? `(${params.map((v) => this.literal(v)).join(', ')})` : '';
    const results = (await this.client.query(`EXECUTE ${name}${args}; ${AFTER_COMMIT}${track ? WROTE : ''}; COMMIT${track ? LSN_AFTER : ''}`)) as unknown as { rows: T[] }[];
    this.committed = true;
    const after = results[1].rows[0] as { keys?: unknown; wrote?: boolean } | undefined;
    const wroteAt = track && after?.wrote ? (results[3].rows[0] as { lsn: string }).lsn : undefined;
    return { rows: results[0].rows, keys: afterCommitKeys(after?.keys), wroteAt };
  }

  private async prepare(sql: string): Promise<string> {
    const name = `x${statementName(sql).slice(1)}`;
    const prepared = preparedOn.get(this.client) ?? preparedOn.set(this.client, new Set()).get(this.client)!;
    if (!prepared.has(name)) {
      await this.client.query(`PREPARE ${name} AS ${sql}`);
      prepared.add(name);
    }
    return name;
  }

  async queryAndCommit<T extends object = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    // The simple protocol carries EXECUTE and COMMIT together but no bound parameters: the
    // statement is prepared once per connection (its plan cached like every other) and its
    // arguments are inlined as literals with the driver's own escaping.
    return (await this.executeAndCommit<T>(sql, params)).rows;
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
    const result = await this.inTurn(() => this.client.query({ name: statementName(sql), text: sql, values: params }));
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
