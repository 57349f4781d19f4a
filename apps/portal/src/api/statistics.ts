import type { StatisticsDashboard } from '@accord/contracts';
import { downloadFile, http } from './http';

export const statisticsKeys = {
  dashboard: (from: string, to: string) => ['statistics', 'dashboard', from, to] as const,
};

export const statisticsApi = {
  dashboard: (from: string, to: string, signal?: AbortSignal) => http.get<StatisticsDashboard>('/api/v1/statistics/dashboard', { from, to }, signal),
  exportXlsx: (from: string, to: string, cases = false) =>
    downloadFile(
      `/api/v1/statistics/dashboard.xlsx?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${cases ? '&cases=true' : ''}`,
      `statistics-${from}-${to}${cases ? '-cases' : ''}.xlsx`,
    ),
};
