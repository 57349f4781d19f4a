import type { NotificationPreference } from '@accord/contracts';
import { api, ok, type Schemas } from './http';

export type Notification = Schemas['NotificationView'];

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  lists: ['notifications', 'list'] as const,
  list: (page: number, pageSize: number, unread: boolean) => ['notifications', 'list', { page, pageSize, unread }] as const,
  preferences: ['notifications', 'preferences'] as const,
};

export const notificationsApi = {
  /** The signed-in user's notifications, newest first (`unread`: the unread ones only), with the unread count. */
  list: (query: { page: number; pageSize: number; unread?: boolean }, signal?: AbortSignal) =>
    ok(api.GET('/api/v1/notifications', { params: { query: { page: query.page, pageSize: query.pageSize, unread: query.unread ? 'true' : undefined } }, signal })),
  /** The bell's number. */
  unreadCount: (signal?: AbortSignal) => ok(api.GET('/api/v1/notifications/unread-count', { signal })),
  markRead: (id: string) => ok(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
  markAllRead: () => ok(api.POST('/api/v1/notifications/read-all')),
  preferences: (signal?: AbortSignal) => ok(api.GET('/api/v1/notifications/preferences', { signal })),
  savePreferences: (items: NotificationPreference[]) => ok(api.PUT('/api/v1/notifications/preferences', { body: { items } })),
};
