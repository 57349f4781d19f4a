import type consoleZh from '../zh-CN/console';
import type { Shape } from '../shape';

const regulatorConsole: Shape<typeof consoleZh> = {
  regulatorConsole: {
    rankings: 'Red/black list (the period chosen)',
    title: 'Regulator console',
    months: 'Months',
    allCenters: 'All centers of the jurisdiction',
    allBusinessLines: 'All business lines',
    allDisputeTypes: 'All dispute types',
    overview: 'Jurisdiction overview',
    overviewNote: '{{from}} to {{to}}, the whole jurisdiction (not narrowed by center, business line or dispute type; defined as on Statistics)',
    referrals: 'Referrals',
    accepted: 'Accepted',
    concluded: 'Concluded',
    successRate: 'Success rate',
    medianConclude: 'Median days to conclusion',
    trends: 'Monthly trends',
    byInstitution: 'By institution',
    byBusinessLine: 'By business line',
    metric: 'Figure',
    pick: 'Institutions or business lines to show',
    mom: 'MoM',
    yoy: 'YoY',
    points: ' points',
    heatMap: 'Business line × institution heat map',
    heatMapNote: 'The colour follows referrals; hover for the success rate',
    definitions: 'Definitions',
    withheld: 'withheld',
    privacy: 'Small cells: counts of 1–4, and success rates over fewer than 5 cases, are withheld (“—”).',
    empty: 'No figures in the months chosen',
  },
};

export default regulatorConsole;
