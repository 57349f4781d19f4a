import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';

export interface MissedEvent {
  seq: string;
  type: string;
  payload: Record<string, unknown>;
  at: Date;
}

/**
 * The events a reconnecting socket missed, read back from the outbox (PostgreSQL is the record
 * of every event and its rooms; its id is the event's seq). Run in the system scope: the rooms
 * asked for are the socket's own, each checked when it was joined.
 */
@Injectable()
export class CatchUpRepository {
  constructor(private readonly db: Database) {}

  /** Up to `limit` events after `afterSeq` for any of `rooms`, oldest first (a range scan of the primary key). */
  async since(afterSeq: number, rooms: string[], limit: number): Promise<MissedEvent[]> {
    return (await this.db.manager.query(
      `SELECT id::text AS seq, type, payload, created_at AS at FROM outbox
        WHERE id > $1 AND rooms && $2::text[] AND type <> 'session.ended'
        ORDER BY id LIMIT $3`,
      [afterSeq, rooms, limit],
    )) as MissedEvent[];
  }

  /** The newest event's seq (0 when none). */
  async latestSeq(): Promise<number> {
    const [row] = (await this.db.manager.query(`SELECT coalesce(max(id), 0)::text AS seq FROM outbox`)) as { seq: string }[];
    return Number(row.seq);
  }
}
