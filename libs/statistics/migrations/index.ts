import { Statistics1795470500000 } from './1795470500000-statistics';
import { StatisticsRollups1795470500001 } from './1795470500001-statistics-rollups';
import { StatisticsBranchIndexes1795470900000 } from './1795470900000-statistics-branch-indexes';
import { StatisticsLineMonths1796602627189 } from './1796602627189-statistics-line-months';
import { StatisticsMediationDue1796621640353 } from './1796621640353-statistics-mediation-due';
import { StatisticsBreaches1796608250764 } from './1796608250764-statistics-breaches';
import { StatisticsRebuildLock1796700000000 } from './1796700000000-statistics-rebuild-lock';

/**
 * The statistics roll-up tables and the PL/pgSQL that keeps them (statistics_refresh_case and
 * friends). In order; libs/schema merges every lib's list into the one migration history.
 */
export const statisticsMigrations: Function[] = [
  Statistics1795470500000,
  StatisticsRollups1795470500001,
  StatisticsBranchIndexes1795470900000,
  StatisticsLineMonths1796602627189,
  StatisticsBreaches1796608250764,
  StatisticsMediationDue1796621640353,
  StatisticsRebuildLock1796700000000,
];
