import { Inject, Injectable } from '@nestjs/common';
import { notificationKindsFor, notificationText, notificationTranslator, rooms, type NotificationPreferences } from '@accord/contracts';
import { APP_CONFIG, AppConfig, Database, FieldError, NotFoundError, OutboxService, ValidationFailedError } from '@accord/core';
import { DirectoryService } from '@accord/organisations';
import { NotificationPreferenceRepository } from '../repositories/notification-preference.repository';
import { NotificationRepository } from '../repositories/notification.repository';
import { MessageService } from './message.service';

const SHANGHAI = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
/** 2026-12-07 14:00 (Beijing time), as the portal writes times in both languages. */
const shanghaiDateTime = (iso: string) => SHANGHAI.format(new Date(iso));

@Injectable()
export class NotificationService {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationRepository,
    private readonly preferences: NotificationPreferenceRepository,
    private readonly outbox: OutboxService,
    private readonly messages: MessageService,
    private readonly directory: DirectoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async listMine(page: number, pageSize: number, unreadOnly = false) {
    const userId = this.db.scope.userId!;
    const list = await this.notifications.listFor(userId, page, pageSize, unreadOnly);
    return { ...list, unread: await this.notifications.unreadCount(userId) };
  }

  async unreadCount(): Promise<{ unread: number }> {
    return { unread: await this.notifications.unreadCount(this.db.scope.userId!) };
  }

  async markRead(id: string): Promise<void> {
    const userId = this.db.scope.userId!;
    const result = await this.notifications.markRead(id, userId);
    if (result === 'missing') throw new NotFoundError('Notification');
    // The user's other tabs take the bell's count down too.
    if (result === 'read') await this.outbox.add({ type: 'notification.read', rooms: [rooms.user(userId)], payload: { notificationId: id } });
  }

  async markAllRead(): Promise<{ updated: number }> {
    const userId = this.db.scope.userId!;
    const updated = await this.notifications.markAllRead(userId);
    if (updated) await this.outbox.add({ type: 'notification.read', rooms: [rooms.user(userId)], payload: { notificationId: null } });
    return { updated };
  }

  /** The user's e-mail choice for every kind that can reach them (default: portal only). */
  async myPreferences(): Promise<NotificationPreferences> {
    const { userId, roles } = this.db.scope;
    const [chosen, user] = await Promise.all([this.preferences.emailKinds(userId!), this.directory.user(userId!)]);
    return { items: notificationKindsFor(roles).map((k) => ({ kind: k, email: chosen.has(k) })), hasEmail: Boolean(user?.email) };
  }

  async savePreferences(items: { kind: string; email: boolean }[]): Promise<NotificationPreferences> {
    const { userId, organisationId, roles } = this.db.scope;
    const allowed = new Set<string>(notificationKindsFor(roles));
    const wrong = items.flatMap((item, i) => (allowed.has(item.kind) ? [] : [new FieldError(`items[${i}].kind`, 'not a notification kind this user receives')]));
    if (wrong.length) throw new ValidationFailedError(wrong);
    await this.preferences.save(userId!, organisationId!, items);
    return this.myPreferences();
  }

  /**
   * In-app delivery: a row the user can list, a live event to their sockets, and an e-mail copy
   * when the user chose this kind by e-mail and has an address — in the user's language, from the
   * same message keys the portal renders (a row without its params: the stored Chinese), with the
   * link into the portal. Runs in the worker's job, whose processed row commits with all of it,
   * so a re-run sends nothing twice.
   */
  async deliver(n: { organisationId: string; userId: string; kind: string; title: string; body: string; data?: Record<string, unknown> }): Promise<void> {
    const data = n.data ?? {};
    const id = await this.notifications.insert({ ...n, data });
    await this.outbox.add({
      type: 'notification.created',
      organisationId: n.organisationId,
      rooms: [rooms.user(n.userId)],
      payload: { notificationId: id, kind: n.kind },
    });
    if (!(await this.preferences.wantsEmail(n.userId, n.kind))) return;
    const user = await this.directory.user(n.userId);
    if (!user?.email) return;
    const t = notificationTranslator(user.language);
    const text = notificationText({ ...n, data }, t, shanghaiDateTime);
    const body = [text.body, text.link ? t('notifications.email.openIn', { url: `${this.config.PUBLIC_URL.replace(/\/$/, '')}${text.link}` }) : null, t('notifications.email.why')]
      .filter(Boolean)
      .join('\n\n');
    await this.messages.queueEmail({
      organisationId: n.organisationId,
      caseId: typeof data.caseId === 'string' ? data.caseId : null,
      caseNumber: typeof data.caseNumber === 'string' ? data.caseNumber : null,
      email: user.email,
      subject: text.title,
      body,
    });
  }
}
