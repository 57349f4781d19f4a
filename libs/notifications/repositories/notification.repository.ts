import { Injectable } from '@nestjs/common';
import type { Page } from '@accord/contracts';
import { Database } from '@accord/core';

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

@Injectable()
export class NotificationRepository {
  constructor(private readonly db: Database) {}

  /** A user's notifications, newest first; `unreadOnly` keeps the unread ones. */
  async listFor(userId: string, page: number, pageSize: number, unreadOnly: boolean): Promise<Page<NotificationView>> {
    const rows = (await this.db.manager.query(
      `SELECT id, kind, title, body, data, created_at AS "createdAt", read_at AS "readAt", count(*) OVER () AS total
       FROM notifications WHERE user_id = $1 AND (NOT $4::boolean OR read_at IS NULL)
       ORDER BY user_id, created_at DESC, id LIMIT $2 OFFSET $3`,
      [userId, pageSize, (page - 1) * pageSize, unreadOnly],
    )) as (NotificationView & { total: string })[];
    return { items: rows.map(({ total: _t, ...n }) => n), total: Number(rows[0]?.total ?? 0), page, pageSize };
  }

  /** The bell's count: reads the partial index idx_notifications_user_unread only. */
  async unreadCount(userId: string): Promise<number> {
    const [{ n }] = (await this.db.manager.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [userId])) as { n: number }[];
    return n;
  }

  /** Marks one of the user's notifications read; a second time keeps the first time. `missing` when it is not theirs. */
  async markRead(id: string, userId: string): Promise<'read' | 'already' | 'missing'> {
    const [, count] = (await this.db.manager.query(`UPDATE notifications SET read_at = now() WHERE id = $1 AND user_id = $2 AND read_at IS NULL`, [id, userId])) as [unknown, number];
    if (count === 1) return 'read';
    const rows = (await this.db.manager.query(`SELECT 1 FROM notifications WHERE id = $1 AND user_id = $2`, [id, userId])) as unknown[];
    return rows.length ? 'already' : 'missing';
  }

  /** Marks every unread notification of the user read; how many were. */
  async markAllRead(userId: string): Promise<number> {
    const [, count] = (await this.db.manager.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [userId])) as [unknown, number];
    return count;
  }

  async insert(n: { organisationId: string; userId: string; kind: string; title: string; body: string; data: Record<string, unknown> }): Promise<string> {
    const [{ id }] = (await this.db.manager.query(
      `INSERT INTO notifications (organisation_id, user_id, kind, title, body, data) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [n.organisationId, n.userId, n.kind, n.title, n.body, JSON.stringify(n.data)],
    )) as { id: string }[];
    return id;
  }
}
