import type { Shape } from '../shape';
import type zh from '../zh-CN/warnings';

/** Early warnings: the list, its method, the detail drawer and the acknowledgement. */
const warnings: Shape<typeof zh> = {
  warnings: {
    title: 'Complaint risk warnings',
    method:
      'Method: for each institution (and each of its business lines), the mediation requests of the latest week/month are compared with the mean of its 12 previous periods; a warning is raised when they exceed the 99.9% upper bound of the Poisson distribution and number at least 5. Units with less than 12 periods of history are not judged. Judged daily at 01:30 Beijing time.',
    status: 'Status',
    statusAll: 'Any status',
    statuses: { open: 'Open', acknowledged: 'Acknowledged' },
    periodKind: 'Period',
    periodKindAll: 'Weeks and months',
    periodKinds: { week: 'Week', month: 'Month' },
    institution: 'Institution',
    center: 'Center',
    businessLine: 'Business line',
    allLines: 'All lines',
    period: 'Period',
    observed: 'Observed',
    expected: 'Expected (mean)',
    bound: '99.9% bound',
    priorPeriods: 'Prior periods',
    open: 'View',
    empty: 'No warnings',
    live: 'New warnings appear live, without reloading',
    detail: 'Warning',
    figures: 'Figures',
    timeline: 'Timeline',
    raised: 'Raised by the system',
    acknowledged: 'Acknowledged by {{name}}',
    cases: 'Mediation requests of the period ({{n}})',
    caseNumber: 'Case number',
    caseStatus: 'Case status',
    consumer: 'Consumer',
    submittedOn: 'Submitted on',
    acknowledge: 'Acknowledge',
    comment: 'Comment',
    commentRequired: 'Please enter a comment',
    commentPlaceholder: 'e.g. Met the institution and asked for an explanation',
    acknowledgedOk: 'Acknowledged',
  },
};

export default warnings;
