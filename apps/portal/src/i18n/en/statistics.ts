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
    preset: { thisMonth: 'This month', lastMonth: 'Last month', thisYear: 'This year', last12: 'Last 12 months', custom: 'Custom' },
  },
};

export default statistics;
