import type { WebhookEventType } from '@accord/contracts';

/** The webhook event an outbox event stands for, with the fields its payload adds; null when banks are not told. */
export interface MappedWebhookEvent {
  type: WebhookEventType;
  caseId: string;
  data: Record<string, unknown>;
}

const CASE_MOVES: Partial<Record<string, WebhookEventType>> = {
  submitted: 'case.submitted',
  accepted: 'case.accepted',
  returned: 'case.returned',
  rejected: 'case.rejected',
  closed: 'case.closed',
};
const CASE_CHANGES: Partial<Record<string, WebhookEventType>> = {
  judicial_confirmation: 'judicial_confirmation.decided',
  obligation_performed: 'obligation.performed',
  document_signed: 'agreement.signed',
  consent_declined: 'consent.declined',
  consent_expired: 'consent.expired',
};
const SESSION_MOVES: Partial<Record<string, WebhookEventType>> = {
  booked: 'session.booked',
  rescheduled: 'session.rescheduled',
  cancelled: 'session.cancelled',
};

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Reads the outbox events the domain libs already write (libs/core/queue WEBHOOK_SOURCE_EVENTS) as
 * webhook events: one place that knows both vocabularies, so no domain lib learns about webhooks.
 */
export function webhookEventOf(type: string, p: Record<string, unknown>): MappedWebhookEvent | null {
  const caseId = text(p.caseId);
  if (!caseId) return null;
  const change = text(p.change);
  const status = text(p.status);
  if (type === 'case.updated') {
    // A status move is `change === status`; an assignment reaches `assigned` with change `assignment`.
    // A referral filed straight to the center (not saved as a draft first) says `filed`.
    if ((change === 'filed' || change === 'consent_given') && status === 'submitted') return { type: 'case.submitted', caseId, data: {} };
    if (change && change === status && CASE_MOVES[change]) return { type: CASE_MOVES[change], caseId, data: {} };
    if (change === 'assignment' && status === 'assigned') return { type: 'case.assigned', caseId, data: {} };
    const other = change ? CASE_CHANGES[change] : undefined;
    if (other === 'obligation.performed') return { type: other, caseId, data: { obligationId: text(p.obligationId) } };
    if (other === 'consent.declined') return { type: other, caseId, data: { reason: text(p.reason) } };
    if (other) return { type: other, caseId, data: {} };
    return null;
  }
  if (type === 'session.updated') {
    const session = { sessionId: text(p.sessionId), startsAt: text(p.startsAt), previousStartsAt: text(p.previousStartsAt) };
    // The scheduling lib's moves carry no `change`; the session console's do (concluded or adjourned: it was held).
    if (!change && status && SESSION_MOVES[status]) return { type: SESSION_MOVES[status], caseId, data: session };
    if (change === 'concluded' || change === 'adjourned') return { type: 'session.held', caseId, data: session };
    return null;
  }
  if (type === 'case.outcome-recorded') return { type: 'outcome.recorded', caseId, data: { outcome: text(p.outcome) } };
  if (type === 'obligation.reminded') {
    return { type: p.kind === 'overdue' ? 'obligation.overdue' : 'obligation.due', caseId, data: { obligationId: text(p.obligationId) } };
  }
  return null;
}
