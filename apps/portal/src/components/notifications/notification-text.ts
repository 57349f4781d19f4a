import type { TFunction } from 'i18next';
import { hasNotificationParams, notificationLink } from '@accord/contracts';
import type { Notification } from '../../api/notifications';
import { formatDateTime } from '../../lib/format';

export interface NotificationText {
  title: string;
  body: string;
  /** The portal path it concerns, or null. */
  link: string | null;
}

/**
 * A notification in the viewer's language: its kind's message with the params from its data
 * (names and labels translated, times in Beijing time). A row written before its kind stored
 * the params keeps its stored Chinese title and body.
 */
export function notificationText(n: Pick<Notification, 'kind' | 'title' | 'body' | 'data'>, t: TFunction, locale: string): NotificationText {
  const d = n.data as Record<string, unknown>;
  const link = notificationLink(d);
  if (!hasNotificationParams(n.kind, d)) return { title: n.title, body: n.body, link };
  const str = (v: unknown) => (typeof v === 'string' ? v : String(v ?? ''));
  const params: Record<string, unknown> = { ...d };
  if (typeof d.startsAt === 'string') params.startsAt = formatDateTime(d.startsAt, locale);
  if (typeof d.channel === 'string') params.channel = t(`channel.${d.channel}`, { defaultValue: d.channel });
  if (typeof d.owedBy === 'string') params.owedBy = t(`outcomes.party.${d.owedBy}`, { defaultValue: d.owedBy });
  if (n.kind === 'membership.changed') params.status = t(`notifications.membershipStatus.${str(d.status)}`, { defaultValue: str(d.status) });
  if (typeof d.periodKind === 'string') {
    params.period =
      d.periodKind === 'month'
        ? t('notifications.periodMonth', { month: str(d.periodStart).slice(0, 7) })
        : t('notifications.periodWeek', { start: str(d.periodStart), end: str(d.periodEnd) });
  }
  if (typeof d.institutionName === 'string') {
    params.unit = d.businessLine
      ? t('notifications.unitWithLine', { institution: d.institutionName, line: t(`businessLine.${str(d.businessLine)}`, { defaultValue: str(d.businessLine) }) })
      : d.institutionName;
  }
  const breaches = n.kind === 'warning.raised' && d.metric === 'breaches';
  const base = `notifications.kinds.${n.kind}`;
  let body = t(`${base}.${breaches ? 'bodyBreaches' : 'body'}`, params);
  if (d.partyReminded === true) body += t('notifications.partyReminded');
  if (typeof d.note === 'string' && d.note) body += t('notifications.note', { note: d.note });
  return { title: t(`${base}.${breaches ? 'titleBreaches' : 'title'}`, params), body, link };
}
