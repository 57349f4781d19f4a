import { Injectable } from '@nestjs/common';
import { currentContext } from '../access/request-context';
import { columns, RowOf } from '../database/columns';
import { Database } from '../database/database.service';
import { OutboxEventEntity } from './outbox-event.entity';

const WRITTEN = columns(OutboxEventEntity, ['organisationId', 'type', 'rooms', 'payload', 'jobName', 'requestId'] as const);
const PENDING = columns(OutboxEventEntity, ['id', 'type', 'rooms', 'payload', 'jobName', 'createdAt', 'requestId'] as const);
export type PendingOutboxRow = RowOf<typeof PENDING>;

/**
 * The queries of the outbox: appended to in the caller's transaction, claimed and stamped by the
 * relay in its own; the relay wakes on the `outbox` after-commit signal (CommitSignals).
 */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: Database) {}

  /** In the current transaction, taken from the request context like every writer of the outbox. */
  async insert(row: RowOf<typeof WRITTEN>): Promise<void> {
    const { manager } = currentContext();
    await manager.query(`INSERT INTO outbox (${WRITTEN.names()}) VALUES ($1, $2, $3, $4, $5, $6)`, [
      row.organisationId,
      row.type,
      row.rooms,
      JSON.stringify(row.payload),
      row.jobName,
      row.requestId,
    ]);
  }

  /** Unpublished rows in order, locked for this transaction; rows another relay holds are skipped. */
  async claimPending(limit: number): Promise<PendingOutboxRow[]> {
    return (await this.db.manager.query(
      `SELECT ${PENDING.select()} FROM outbox
       WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    )) as PendingOutboxRow[];
  }

  async markPublished(ids: string[]): Promise<void> {
    await this.db.manager.query(`UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [ids]);
  }
}
