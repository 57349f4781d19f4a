/** Queue and job names, and each job's payload. Producers and handlers share this map. */
export const QUEUE_EVENTS = 'events';
/**
 * Webhook fan-out and delivery have a queue (and workers' slots) of their own: a burst of case
 * events, each also bringing its notifications and statistics jobs, does not hold the banks'
 * deliveries behind them, and a slow bank's attempts (up to the 10 s timeout each) do not take
 * the slots of the product's other jobs.
 */
export const QUEUE_WEBHOOKS = 'webhooks';

/** The queue a job goes to (and is consumed from): `webhooks.*` to QUEUE_WEBHOOKS, every other to QUEUE_EVENTS. */
export const queueOf = (job: string): typeof QUEUE_EVENTS | typeof QUEUE_WEBHOOKS => (job.startsWith('webhooks.') ? QUEUE_WEBHOOKS : QUEUE_EVENTS);

export interface JobPayloads {
  /** Tells the institution's admins that a center changed their membership. */
  'notifications.membership-changed': { outboxId: string; membershipId: string };
  /** Tells the people a case change concerns: the filer, the new mediator, the intake officers. */
  'cases.notify-parties': {
    outboxId: string;
    caseId: string;
    status: string;
    change: string;
    /** A comment's timeline entry (change `comment`). */
    eventId?: string;
    /** What the notice names beyond the case (an extension's days and new due day). */
    notice?: Record<string, string | number>;
  };
  /** A session was booked, moved or cancelled: (re)plan its reminders. */
  'sessions.plan-reminders': { outboxId: string; sessionId: string };
  /** A reminder due before a session (24 hours or 30 minutes); stale ones do nothing. */
  'sessions.reminder': { outboxId?: string; sessionId: string; kind: '24h' | '30m'; startsAt: string };
  /** Sends one queued SMS or e-mail through its provider and records the outcome. */
  'messages.deliver': { outboxId: string; messageId: string };
  /** A session was booked, moved or cancelled: e-mail its invitation (.ics) and tell the consumer. */
  'sessions.send-invitation': { outboxId: string; sessionId: string; change: 'booked' | 'rescheduled' | 'cancelled'; version: number; previousStartsAt: string | null };
  /** A case reached its outcome: send the consumer the follow-up survey link (回访). */
  'outcomes.send-follow-up': { outboxId: string; caseId: string };
  /** Obligations were recorded or an agreement took effect: plan their reminders as delayed jobs. */
  'outcomes.plan-reminders': { outboxId: string; caseId: string };
  /** Before an obligation's due date, remind the owing party; after it, flag it overdue to the center and the institution. */
  'outcomes.obligation-reminder': { outboxId?: string; obligationId: string; kind: 'before_due' | 'overdue' };
  /** The judicial-confirmation window is closing (7 days, 1 day left) and nobody has decided. */
  'outcomes.judicial-reminder': { outboxId?: string; caseId: string; kind: '7d' | '1d'; windowEndsOn: string };
  /** Something after the outcome got done (survey answered, obligation performed, agreement signed): close the case if all is. */
  'outcomes.close-when-done': { outboxId: string; caseId: string };
  /** A case changed in a way a statistic may follow: recount the roll-up buckets it counts in (and counted in). */
  'statistics.refresh-case': { outboxId?: string; caseId: string };
  /**
   * Repeatable (daily): checks every institution and institution × business line's referrals of
   * the latest complete week and month against its history and raises early warnings. `today`
   * (an Asia/Shanghai day) only in tests; a run per period adds a warning at most once.
   */
  'supervision.detect-warnings': { outboxId?: string; today?: string };
  /**
   * A warning concerns people: raised (no `change`) → the regulators' analysts and supervisors
   * watching its center and the institution's admins; a notice sent → the institution's admins;
   * a notice answered → the regulator's user who sent it. In-app notifications.
   */
  'supervision.notify-warning': { outboxId: string; warningId: string; change?: 'notice_sent' | 'notice_answered'; noticeId?: string | null };
  /** Greets a new user in the portal. */
  'notifications.user-welcome': { outboxId: string; userId: string };
  /** Repeatable (daily): moves audit entries past their year in audit_events to the archive, chain intact. */
  'audit.archive': { outboxId?: string };
  /** Repeatable (daily): erases the personal data of cases closed longer than their center's retention. */
  'cases.erase-expired': { outboxId?: string };
  /** An outbox event a bank may subscribe to: record one delivery per subscribed endpoint of the case's institution. */
  'webhooks.fan-out': { outboxId: string; type: string; at: string; [key: string]: unknown };
  /** A case reached its outcome: its center's quality-review rule decides whether it enters the review queue. */
  'quality.consider-case': { outboxId?: string; caseId: string };
  /** One attempt at one webhook delivery (its id is the webhook-id); failures schedule the next attempt. */
  'webhooks.deliver': { outboxId?: string; deliveryId: string };
  /** Repeatable (every 5 minutes): consent links past their time close their drafts as expired. */
  'consent.expire-due': { outboxId?: string };
}
export type JobName = keyof JobPayloads;
export const JOB_NAMES = ['cases.notify-parties', 'messages.deliver', 'sessions.plan-reminders', 'sessions.reminder', 'sessions.send-invitation', 'notifications.membership-changed', 'notifications.user-welcome', 'outcomes.send-follow-up', 'outcomes.plan-reminders', 'outcomes.obligation-reminder', 'outcomes.judicial-reminder', 'outcomes.close-when-done', 'statistics.refresh-case', 'supervision.detect-warnings', 'supervision.notify-warning', 'audit.archive', 'cases.erase-expired', 'webhooks.fan-out', 'webhooks.deliver', 'consent.expire-due', 'quality.consider-case'] as const satisfies readonly JobName[];

/**
 * Outbox event types the relay also hands to the webhooks lib (besides their own job): the case
 * and session changes a bank's system may subscribe to. The webhooks lib maps them to event types.
 */
export const WEBHOOK_SOURCE_EVENTS: readonly string[] = ['case.updated', 'session.updated', 'case.outcome-recorded', 'obligation.reminded'];

/** Outbox event types the relay also hands to quality review (`quality.consider-case`): a case concluded. */
export const QUALITY_SOURCE_EVENTS: readonly string[] = ['case.outcome-recorded'];

/** The socket-event stream the worker writes and every API process reads. */
export const REALTIME_STREAM = 'realtime';
