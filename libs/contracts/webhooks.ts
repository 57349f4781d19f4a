/**
 * Webhooks to banks' systems (Standard Webhooks): the event types an institution may subscribe
 * to and the one payload schema of each. A payload names the case in the bank's own terms and
 * carries no personal data beyond what the bank already holds (no consumer name or identity).
 */
export const WEBHOOK_EVENT_TYPES = [
  'case.submitted',
  'case.accepted',
  'case.returned',
  'case.rejected',
  'case.assigned',
  'session.booked',
  'session.rescheduled',
  'session.cancelled',
  'session.held',
  'outcome.recorded',
  'agreement.signed',
  'judicial_confirmation.decided',
  'obligation.due',
  'obligation.overdue',
  'obligation.performed',
  'case.closed',
  'consent.declined',
  'consent.expired',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The case as the bank knows it. */
export interface WebhookCaseReference {
  /** The center's case number (null only for a case not yet numbered). */
  caseNumber: string | null;
  /** The code of the branch that handled the complaint, in the institution's own branch tree. */
  branchCode: string | null;
  /** The bank's own complaint id, when it gave one at filing. */
  externalComplaintId: string | null;
  /** Accord's case id (the API's `/cases/{id}`). */
  caseId: string;
}

interface WebhookEventBase<T extends WebhookEventType, D> {
  type: T;
  /** When the change happened (ISO 8601). */
  timestamp: string;
  data: { case: WebhookCaseReference; status: string } & D;
}

type Empty = Record<never, never>;
/** A session event: when it starts (and started before a reschedule). */
interface SessionData {
  sessionId: string;
  startsAt: string | null;
  previousStartsAt: string | null;
}

export type WebhookCaseSubmitted = WebhookEventBase<'case.submitted', Empty>;
export type WebhookCaseAccepted = WebhookEventBase<'case.accepted', Empty>;
export type WebhookCaseReturned = WebhookEventBase<'case.returned', Empty>;
export type WebhookCaseRejected = WebhookEventBase<'case.rejected', Empty>;
export type WebhookCaseAssigned = WebhookEventBase<'case.assigned', Empty>;
export type WebhookSessionBooked = WebhookEventBase<'session.booked', SessionData>;
export type WebhookSessionRescheduled = WebhookEventBase<'session.rescheduled', SessionData>;
export type WebhookSessionCancelled = WebhookEventBase<'session.cancelled', SessionData>;
export type WebhookSessionHeld = WebhookEventBase<'session.held', SessionData>;
export type WebhookOutcomeRecorded = WebhookEventBase<'outcome.recorded', { outcome: string | null }>;
export type WebhookAgreementSigned = WebhookEventBase<'agreement.signed', Empty>;
export type WebhookJudicialConfirmationDecided = WebhookEventBase<'judicial_confirmation.decided', Empty>;
export type WebhookObligationDue = WebhookEventBase<'obligation.due', { obligationId: string | null }>;
export type WebhookObligationOverdue = WebhookEventBase<'obligation.overdue', { obligationId: string | null }>;
export type WebhookObligationPerformed = WebhookEventBase<'obligation.performed', { obligationId: string | null }>;
export type WebhookCaseClosed = WebhookEventBase<'case.closed', Empty>;
/** The consumer declined the referral by link: the draft is closed (no case number), with their reason when they gave one. */
export type WebhookConsentDeclined = WebhookEventBase<'consent.declined', { reason: string | null }>;
/** Nobody answered the consent link in time: the draft is closed (no case number). */
export type WebhookConsentExpired = WebhookEventBase<'consent.expired', Empty>;

/** The body of every webhook request: one of these, told apart by `type`. */
export type WebhookEvent =
  | WebhookCaseSubmitted
  | WebhookCaseAccepted
  | WebhookCaseReturned
  | WebhookCaseRejected
  | WebhookCaseAssigned
  | WebhookSessionBooked
  | WebhookSessionRescheduled
  | WebhookSessionCancelled
  | WebhookSessionHeld
  | WebhookOutcomeRecorded
  | WebhookAgreementSigned
  | WebhookJudicialConfirmationDecided
  | WebhookObligationDue
  | WebhookObligationOverdue
  | WebhookObligationPerformed
  | WebhookCaseClosed
  | WebhookConsentDeclined
  | WebhookConsentExpired;

/** An endpoint as its institution's admins see it (never the secret). */
export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string | null;
  eventTypes: WebhookEventType[];
  enabled: boolean;
  /** Why it was switched off (`failures` after a run of failed deliveries), null while enabled. */
  disabledReason: string | null;
  consecutiveFailures: number;
  /** A rotated-out secret stays valid until then (both signatures are sent). */
  previousSecretExpiresAt: string | null;
  createdAt: string;
}

/** The answer of creating an endpoint or rotating its secret: the `whsec_` secret, shown this once. */
export interface WebhookEndpointWithSecret extends WebhookEndpointView {
  secret: string;
}

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'retrying', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One event to one endpoint, with its last attempt. */
export interface WebhookDeliveryView {
  /** The `webhook-id` header: the same on every retry and replay. */
  id: string;
  eventType: WebhookEventType;
  caseId: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  /** The receiver's answer (at most 1 KB) or the network error. */
  lastResponse: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  payload: WebhookEvent;
}

/** How many deliveries a replay queued again. */
export interface WebhookReplayResult {
  queued: number;
}
