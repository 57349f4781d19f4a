import type { Shape } from '../shape';
import type zh from '../zh-CN/rankings';

const rankings: Shape<typeof zh> = {
  rankings: {
    periodEnd: 'To month',
    title: 'Red / black list',
    period: 'Months',
    previous: 'Compared with {{from}} to {{to}}',
    min: 'Minimum concluded',
    top: 'Units per list',
    level: 'Level',
    levels: { branch: 'Branch', sub_branch: 'Sub-branch', outlet: 'Outlet' },
    center: 'Center',
    allCenters: 'All centers of the jurisdiction',
    scope: { institution: 'Institutions ranked', branch: '{{level}} level below “{{name}}” ranked' },
    red: 'Red list (top {{n}})',
    black: 'Black list (bottom {{n}}, worst first)',
    rank: 'Rank / change',
    changeNew: 'new',
    changeUp: 'up {{n}}',
    changeDown: 'down {{n}}',
    changeSame: 'same',
    name: 'Name',
    score: 'Score',
    successRate: 'Success',
    breachRate: 'Breach rate',
    median: 'Median days',
    concluded: 'Cases',
    ranked: '{{n}} units ranked',
    noneRanked: 'No unit reached the minimum of {{min}} concluded cases in the period: nothing is ranked.',
    lowerMin: 'Use at least {{min}}',
    emptyList: 'None',
    unranked: 'Not enough cases, not ranked (fewer than {{min}})',
    unrankedCount: '{{n}} cases',
    definitions: 'Definitions',
    formula: 'Score = 100 × (0.5 × success rate + 0.3 × speed + 0.2 × (1 − breach rate)); the lower the breach rate, the better.',
  },
};

export default rankings;
