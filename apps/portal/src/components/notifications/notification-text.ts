import type { TFunction } from 'i18next';
import { notificationText as render, type NotificationText } from '@accord/contracts';
import type { Notification } from '../../api/notifications';
import { formatDateTime } from '../../lib/format';

export type { NotificationText };

/**
 * A notification in the viewer's language (contracts' notificationText: the kind's message with
 * the params from its data, the same texts the e-mail copy uses). A row written before its kind
 * stored the params keeps its stored Chinese title and body.
 */
export function notificationText(n: Pick<Notification, 'kind' | 'title' | 'body' | 'data'>, t: TFunction, locale: string): NotificationText {
  return render(n, (key, params) => t(key, params ?? {}) as string, (iso) => formatDateTime(iso, locale));
}
