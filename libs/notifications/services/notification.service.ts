import { Injectable } from '@nestjs/common';
import { rooms } from '@accord/contracts';
import { Database, NotFoundError, OutboxService } from '@accord/core';
import { NotificationRepository } from '../repositories/notification.repository';

@Injectable()
export class NotificationService {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationRepository,
    private readonly outbox: OutboxService,
  ) {}

  listMine(page: number, pageSize: number) {
    return this.notifications.listFor(this.db.scope.userId!, page, pageSize);
  }

  async markRead(id: string): Promise<void> {
    if (!(await this.notifications.markRead(id, this.db.scope.userId!))) throw new NotFoundError('Notification');
  }

  /** In-app delivery: a row the user can list, and a live event to their sockets. */
  async deliver(n: { organisationId: string; userId: string; kind: string; title: string; body: string; data?: Record<string, unknown> }): Promise<void> {
    const id = await this.notifications.insert({ ...n, data: n.data ?? {} });
    await this.outbox.add({
      type: 'notification.created',
      organisationId: n.organisationId,
      rooms: [rooms.user(n.userId)],
      payload: { notificationId: id, kind: n.kind },
    });
  }
}
