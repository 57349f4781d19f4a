import { api, downloadFile, ok } from './http';

export const statisticsKeys = {
  dashboard: (from: string, to: string, branchId?: string) => ['statistics', 'dashboard', from, to, branchId ?? null] as const,
};

export const statisticsApi = {
  /** `branchId` (institution users): open the dashboard at a branch at or below the viewer's root. */
  dashboard: (from: string, to: string, branchId?: string, signal?: AbortSignal) =>
    ok(api.GET('/api/v1/statistics/dashboard', { params: { query: { from, to, branchId } }, signal })),
  exportXlsx: (from: string, to: string, cases = false, branchId?: string) =>
    downloadFile(
      `/api/v1/statistics/dashboard.xlsx?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${cases ? '&cases=true' : ''}${branchId ? `&branchId=${encodeURIComponent(branchId)}` : ''}`,
      `statistics-${from}-${to}${cases ? '-cases' : ''}.xlsx`,
    ),
};
