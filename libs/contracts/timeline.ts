import type { Outcome } from './outcomes';

/**
 * Lines of the case timeline the system writes (not a person's words): stored as a message key
 * with its parameters in case_events.detail.message, so each reader sees them in their own
 * language. The Chinese sentence stays in case_events.body for old rows, exports and the
 * audit trail; the portal renders the key when there is one. Parameters that are a person's
 * own words (a note, a reason, a court's name) are shown as typed.
 */
/** A line without parameters (written as {}); typed loosely so the OpenAPI schema can say it. */
export type NoParams = Record<string, string>;

export interface TimelineMessageParams {
  /** outcomeRecorded / outcomeAmended */
  outcomeRecorded: OutcomeSummaryParams;
  outcomeAmended: OutcomeSummaryParams;
  /** the case was closed with no note */
  closed: NoParams;
  /** closed by the system once everything after the outcome was done */
  autoClosed: NoParams;
  obligationPerformed: { note: string };
  obligationOverdue: { description: string; dueOn: string };
  judicialApplied: { court: string; appliedOn: string; result: 'pending' | 'confirmed' | 'refused'; resultOn: string | null };
  judicialDeclined: NoParams;
  /** a running session ended because the outcome was recorded */
  sessionEndedByOutcome: { outcome: Outcome };
  /** a booked session was cancelled because the outcome was recorded */
  sessionCancelledByOutcome: { outcome: Outcome };
}

export interface OutcomeSummaryParams {
  outcome: Outcome;
  refundFen: number;
  feeWaiverFen: number;
  instalmentCount: number | null;
  instalmentTotalFen: number | null;
  obligationCount: number;
  /** why it did not settle, as typed */
  reason: string | null;
  /** the mediator's note, as typed */
  note: string | null;
}

export type TimelineMessageKey = keyof TimelineMessageParams;

export type TimelineMessage = { [K in TimelineMessageKey]: { key: K; params: TimelineMessageParams[K] } }[TimelineMessageKey];

/** The message as stored in case_events.detail (under `message`). */
export function timelineMessage<K extends TimelineMessageKey>(key: K, params: TimelineMessageParams[K]): { message: TimelineMessage } {
  return { message: { key, params } as TimelineMessage };
}
