import type consoleInstitutionsZh from '../zh-CN/console-institutions';
import type { Shape } from '../shape';

const consoleInstitutions: Shape<typeof consoleInstitutionsZh> = {
  consoleInstitutions: {
    title: 'Institutions side by side',
    institution: 'Institution',
    column: {
      referrals: 'Referrals',
      accepted: 'Accepted',
      concluded: 'Concluded',
      settled: 'Settled',
      successRate: 'Success rate',
      disputedFen: 'Amount in dispute',
      settledFen: 'Amount settled',
      medianDaysToAccept: 'Median days to accept',
      medianDaysToConclude: 'Median days to conclude',
      breached: 'Breaches',
      breachRate: 'Breach rate',
      judicialConfirmed: 'Judicial confirmed',
      obligationsOverdue: 'Overdue obligations',
      satisfactionAverage: 'Satisfaction',
    },
    notAvailable: 'n/a',
    notAvailableTip: 'Not available under a business line or dispute type filter (the business-line roll-ups hold counts only)',
    note: '{{from}} to {{to}}, for the center, business line and dispute type chosen; click a header to sort, hover it for the definition; withheld and n/a cells sort last.',
  },
};

export default consoleInstitutions;
