import type timelineZh from '../zh-CN/timeline';
import type { Shape } from '../shape';

const timeline: Shape<typeof timelineZh> = {
  timelineText: {
    system: 'System',
    consumerByLink: 'Consumer (by SMS link)',
    outcome: {
      settled: 'Settled',
      not_settled: 'Not settled',
      withdrawn: 'Withdrawn',
      terminated: 'Terminated',
    },
    refund: 'refund/compensation {{amount}}',
    feeWaiver: 'fees waived {{amount}}',
    instalment: '{{amount}} in {{count}} instalments',
    obligations: '{{count}} obligation(s) to perform',
    separator: '; ',
    outcomeAmended: 'Outcome corrected: {{summary}}',
    closed: 'Case closed',
    autoClosed: 'Follow-up answered and agreement performed: closed automatically',
    obligationPerformed: 'Performed: {{note}}',
    obligationOverdue: 'Overdue: {{description}} (due by {{dueOn}})',
    judicialApplied: 'Judicial confirmation: applied to {{court}} on {{appliedOn}}',
    judicialConfirmed: ', confirmed as valid on {{resultOn}}',
    judicialRefused: ', refused on {{resultOn}}',
    judicialDeclined: 'The parties do not apply for judicial confirmation',
    sessionEndedByOutcome: 'Outcome: {{outcome}}',
    sessionCancelledByOutcome: 'The mediation has its outcome ({{outcome}}); this session is cancelled',
  },
};

export default timeline;
