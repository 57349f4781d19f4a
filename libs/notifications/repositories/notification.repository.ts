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

  async listFor(userId: string, page: number, pageSize: number): Promise<Page<NotificationView> & { unread: number }> {
    const rows = (await this.db.manager.query(
      `SELECT id, kind, title, body, data, created_at AS "createdAt", read_at AS "readAt", count(*) OVER () AS total,
              count(*) FILTER (WHERE read_at IS NULL) OVER () AS unread
       FROM notifications WHERE user_id = $1 ORDER BY user_id, created_at DESC LIMIT $2 OFFSET $3`,
      [userId, pageSize, (page - 1) * pageSize],
    )) as (NotificationView & { total: string; unread: string })[];
    return {
      items: rows.map(({ total: _t, unread: _u, ...n }) => n),
      total: Number(rows[0]?.total ?? 0),
      unread: Number(rows[0]?.unread ?? 0),
      page,
      pageSize,
    };
  }

  async markRead(id: string, userId: string): Promise<boolean> {
    const [, count] = (await this.db.manager.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2`,
      [id, userId],
    )) as [unknown, number];
    return count === 1;
  }

  async insert(n: { organisationId: string; userId: string; kind: string; title: string; body: string; data: Record<string, unknown> }): Promise<string> {
    const [{ id }] = (await this.db.manager.query(
      `INSERT INTO notifications (organisation_id, user_id, kind, title, body, data) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [n.organisationId, n.userId, n.kind, n.title, n.body, JSON.stringify(n.data)],
    )) as { id: string }[];
    return id;
  }
}
