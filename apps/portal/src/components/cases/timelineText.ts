import type { TFunction } from 'i18next';
import type { OutcomeSummaryParams, TimelineMessage } from '@accord/contracts';
import { formatFen } from '../../lib/money';

/** The system-written message of a timeline event, when the server stored one (detail.message). */
export function messageOf(detail: Record<string, unknown> | null | undefined): TimelineMessage | null {
  const m = detail?.message as Partial<TimelineMessage> | undefined;
  return m && typeof m === 'object' && typeof m.key === 'string' && m.params && typeof m.params === 'object' ? (m as TimelineMessage) : null;
}

function outcomeSummary(p: OutcomeSummaryParams, t: TFunction): string {
  const parts = [t(`timelineText.outcome.${p.outcome}`)];
  if (p.refundFen) parts.push(t('timelineText.refund', { amount: formatFen(p.refundFen) }));
  if (p.feeWaiverFen) parts.push(t('timelineText.feeWaiver', { amount: formatFen(p.feeWaiverFen) }));
  if (p.instalmentCount) parts.push(t('timelineText.instalment', { count: p.instalmentCount, amount: formatFen(p.instalmentTotalFen) }));
  if (p.obligationCount) parts.push(t('timelineText.obligations', { count: p.obligationCount }));
  // the reason and the note are the mediator's own words: shown as typed
  if (p.reason) parts.push(p.reason);
  if (p.note) parts.push(p.note);
  return parts.join(t('timelineText.separator'));
}

/**
 * A system-written timeline line in the reader's language. Unknown keys (a newer server) fall
 * back to the stored Chinese body, so nothing is lost.
 */
export function timelineText(m: TimelineMessage, t: TFunction, fallback: string | null): string | null {
  switch (m.key) {
    case 'outcomeRecorded':
      return outcomeSummary(m.params, t);
    case 'outcomeAmended':
      return t('timelineText.outcomeAmended', { summary: outcomeSummary(m.params, t) });
    case 'closed':
      return t('timelineText.closed');
    case 'autoClosed':
      return t('timelineText.autoClosed');
    case 'obligationPerformed':
      return t('timelineText.obligationPerformed', { note: m.params.note });
    case 'obligationOverdue':
      return t('timelineText.obligationOverdue', { description: m.params.description, dueOn: m.params.dueOn });
    case 'judicialApplied': {
      const p = m.params;
      const result =
        p.result === 'confirmed' ? t('timelineText.judicialConfirmed', { resultOn: p.resultOn }) : p.result === 'refused' ? t('timelineText.judicialRefused', { resultOn: p.resultOn }) : '';
      return t('timelineText.judicialApplied', { court: p.court, appliedOn: p.appliedOn }) + result;
    }
    case 'judicialDeclined':
      return t('timelineText.judicialDeclined');
    case 'sessionEndedByOutcome':
      return t('timelineText.sessionEndedByOutcome', { outcome: t(`timelineText.outcome.${m.params.outcome}`) });
    case 'sessionCancelledByOutcome':
      return t('timelineText.sessionCancelledByOutcome', { outcome: t(`timelineText.outcome.${m.params.outcome}`) });
    default:
      return fallback;
  }
}
