/** What the platform told people: in-app notifications and the SMS / e-mail message log. */
import type { Role } from './roles';

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationView[];
  total: number;
  page: number;
  pageSize: number;
  unread: number;
}

/** The bell's number: the signed-in user's unread notifications. */
export interface NotificationUnread {
  unread: number;
}

/** What marking all read did. */
export interface NotificationReadAll {
  updated: number;
}

/** Who may receive a kind (its roles; `any`: every user): the settings list only what can reach the user. */
export type NotificationAudience = Role | 'any';

/** Those who file a case (a branch's people, or a supervisor's 监管转办) and hear how it goes. */
const FILERS = ['complaint_handler', 'branch_manager', 'institution_admin', 'regulator_supervisor'] as const;
/** The bank's people an agreement's reminders reach (the filer, the institution's admins) and the case's mediator. */
const AFTER_AGREEMENT = ['mediator', 'complaint_handler', 'branch_manager', 'institution_admin'] as const;

/**
 * Every kind of in-app notification written today, defined once: the `data` params its message
 * needs (the portal renders the text in the viewer's language from the kind and these; a row
 * without them, written before they were stored, shows its stored Chinese title and body) and
 * who can receive it. Each kind has a zh-CN and an English message in the portal's
 * `notifications.kinds`.
 */
export const NOTIFICATION_KINDS = {
  'case.submitted': { params: ['caseNumber', 'actorName', 'institutionName'], audience: ['intake_officer'] },
  'case.returned': { params: ['caseNumber', 'actorName', 'centerName'], audience: FILERS },
  'case.rejected': { params: ['caseNumber', 'actorName', 'centerName'], audience: FILERS },
  'case.accepted': { params: ['caseNumber', 'actorName', 'centerName'], audience: FILERS },
  'case.assigned': { params: ['caseNumber', 'actorName', 'centerName', 'mediatorName'], audience: FILERS },
  'case.withdrawn': { params: ['caseNumber', 'actorName', 'centerName'], audience: FILERS },
  'case.assigned-to-you': { params: ['caseNumber', 'actorName'], audience: ['mediator'] },
  // The consumer's answer to a consent link (issue 17): a declined or expired draft has no number.
  'case.consent-given': { params: ['caseNumber', 'centerName'], audience: FILERS },
  'case.consent-declined': { params: ['centerName'], audience: FILERS },
  'case.consent-expired': { params: ['centerName'], audience: FILERS },
  'case.extension-proposed': { params: ['caseNumber', 'centerName', 'days', 'newDueOn'], audience: FILERS },
  'case.commented': { params: ['caseNumber', 'actorName', 'organisationName', 'comment'], audience: ['mediator', 'intake_officer', ...FILERS] },
  'session.reminder-24h': { params: ['caseNumber', 'startsAt', 'channel'], audience: ['mediator', ...FILERS] },
  'session.reminder-30m': { params: ['caseNumber', 'startsAt', 'channel'], audience: ['mediator', ...FILERS] },
  'session.booked': { params: ['caseNumber', 'centerName', 'startsAt', 'channel'], audience: FILERS },
  'session.rescheduled': { params: ['caseNumber', 'centerName', 'startsAt', 'channel'], audience: FILERS },
  'session.cancelled': { params: ['caseNumber', 'centerName', 'startsAt', 'channel'], audience: FILERS },
  'obligation.due-soon': { params: ['caseNumber', 'description', 'dueOn'], audience: AFTER_AGREEMENT },
  'obligation.overdue': { params: ['caseNumber', 'description', 'dueOn', 'owedBy'], audience: ['center_admin', ...AFTER_AGREEMENT] },
  'judicial.window-7d': { params: ['caseNumber', 'windowEndsOn'], audience: AFTER_AGREEMENT },
  'judicial.window-1d': { params: ['caseNumber', 'windowEndsOn'], audience: AFTER_AGREEMENT },
  'warning.raised': {
    params: ['institutionName', 'centerName', 'metric', 'periodKind', 'periodStart', 'periodEnd', 'observed', 'expected'],
    audience: ['institution_admin', 'regulator_analyst', 'regulator_supervisor'],
  },
  'warning.notice_sent': { params: ['institutionName', 'regulatorName', 'periodKind', 'periodStart', 'periodEnd', 'text'], audience: ['institution_admin'] },
  'warning.notice_answered': { params: ['institutionName', 'periodKind', 'periodStart', 'periodEnd', 'answer'], audience: ['regulator_analyst', 'regulator_supervisor'] },
  'membership.changed': { params: ['centerName', 'status'], audience: ['institution_admin'] },
  'user.welcome': { params: ['displayName'], audience: ['any'] },
} as const satisfies Record<string, { params: readonly string[]; audience: readonly NotificationAudience[] }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const NOTIFICATION_KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

/** The kinds that can reach a user with these roles (what their e-mail settings list). */
export function notificationKindsFor(roles: readonly string[]): NotificationKind[] {
  return NOTIFICATION_KIND_NAMES.filter((k) => (NOTIFICATION_KINDS[k].audience as readonly string[]).some((a) => a === 'any' || roles.includes(a)));
}

export function isNotificationKind(kind: string): kind is NotificationKind {
  return Object.prototype.hasOwnProperty.call(NOTIFICATION_KINDS, kind);
}

/** Whether a row carries every param its kind's message needs (rows older than the params do not). */
export function hasNotificationParams(kind: string, data: Record<string, unknown>): boolean {
  return isNotificationKind(kind) && NOTIFICATION_KINDS[kind].params.every((p) => data[p] !== undefined && data[p] !== null);
}

/** The portal path a notification concerns: its own link, else its case's page; null when it concerns no page. */
export function notificationLink(data: Record<string, unknown>): string | null {
  if (typeof data.link === 'string' && data.link.startsWith('/')) return data.link;
  if (typeof data.caseId === 'string') return `/cases/${data.caseId}`;
  return null;
}

/** One kind's e-mail choice for the signed-in user (default: in the portal only). */
export interface NotificationPreference {
  kind: NotificationKind;
  email: boolean;
}

export interface NotificationPreferences {
  items: NotificationPreference[];
  /** Whether the user has an e-mail address the copies can go to. */
  hasEmail: boolean;
}

export type MessageStatus = 'queued' | 'sent' | 'failed';
export type MessageChannel = 'sms' | 'email';

/** One SMS or e-mail of the center's message log (with the development transports, the only place it arrives). */
export interface MessageView {
  id: string;
  caseId: string | null;
  caseNumber: string | null;
  channel: MessageChannel;
  recipientMasked: string;
  subject: string;
  body: string;
  status: MessageStatus;
  provider: string | null;
  /** The last failed attempt's error; kept on a failed message, cleared once one is sent. */
  error: string | null;
  attempts: number;
  /** What was attached (names and sizes); the files themselves are not listed. */
  attachments: { filename: string; contentType: string; size: number }[];
  createdAt: string;
  lastAttemptAt: string | null;
  sentAt: string | null;
}

/** The message log is paged without a total (it grows while one reads it). */
export interface MessagePage {
  items: MessageView[];
  page: number;
  pageSize: number;
}
