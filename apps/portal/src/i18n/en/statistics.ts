import type statisticsZh from '../zh-CN/statistics';
import type { Shape } from '../shape';

const statistics: Shape<typeof statisticsZh> = {
  statistics: {
    title: 'Statistics',
    export: 'Export XLSX',
    exportCases: 'Export XLSX with the cases',
    exportFailed: 'The export failed; try again later',
    chartTitle: 'Success rate and referrals',
    institution: 'Institution',
    branch: 'Branch',
    own: ' (own cases)',
    total: 'Total',
    rootHint: 'Per branch one level below {{name}}',
    path: 'Branch path',
    drillHint: 'Click a branch marked › to see the branches below it',
    openBranch: 'Open the branches below {{name}}',
    backToRoot: 'Back to the top level',
    referrals: 'Referrals',
    accepted: 'Accepted',
    concluded: 'Concluded',
    settled: 'Settled',
    notSettled: 'Not settled',
    withdrawn: 'Withdrawn',
    terminated: 'Terminated',
    successRate: 'Success rate',
    disputed: 'Amount in dispute',
    settledAmount: 'Amount settled',
    medianAccept: 'Median days to acceptance',
    medianConclude: 'Median days to conclusion',
    satisfaction: 'Satisfaction (answers)',
    breached: 'Breaches',
    breachRate: 'Breach rate',
    judicialConfirmed: 'Judicial confirmations',
    obligationsOverdue: 'Obligations overdue',
    withheldTip: 'Fewer than {{n}} cases, withheld to protect privacy (or withheld beside one so that it cannot be worked out as a total minus the rest)',
    withheldLegend: '“—” underlined with dots: fewer than {{n}} cases, withheld to protect privacy; where one cell alone would be withheld, another of its column or row is too, so that it cannot be worked out as a total minus the rest. A rate or median built from {{n}} cases or more is shown. Any other “—” means there is nothing to compute (e.g. a denominator of 0).',
    preset: { thisMonth: 'This month', lastMonth: 'Last month', thisYear: 'This year', last12: 'Last 12 months', custom: 'Custom' },
  },
};

export default statistics;
