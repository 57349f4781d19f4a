import type { BusinessLine, DisputeType } from '@accord/contracts';
import { api, downloadFile, ok } from './http';

/** The dashboard's filters for centers and regulators (the console's institution table). */
export interface DashboardFilter {
  centerId?: string;
  businessLine?: BusinessLine;
  disputeType?: DisputeType;
}

export const statisticsKeys = {
  dashboard: (from: string, to: string, branchId?: string) => ['statistics', 'dashboard', from, to, branchId ?? null] as const,
  institutions: (from: string, to: string, f: DashboardFilter) => ['statistics', 'dashboard', from, to, null, f] as const,
};

export const statisticsApi = {
  /** `branchId` (institution users): open the dashboard at a branch at or below the viewer's root. */
  dashboard: (from: string, to: string, branchId?: string, signal?: AbortSignal) =>
    ok(api.GET('/api/v1/statistics/dashboard', { params: { query: { from, to, branchId } }, signal })),
  /** Per institution, narrowed to a center, business line or dispute type (with a line filter: counts only, see `figuresAvailable`). */
  institutions: (from: string, to: string, f: DashboardFilter, signal?: AbortSignal) =>
    ok(api.GET('/api/v1/statistics/dashboard', { params: { query: { from, to, centerId: f.centerId, businessLine: f.businessLine, disputeType: f.disputeType } }, signal })),
  exportXlsx: (from: string, to: string, cases = false, branchId?: string) =>
    downloadFile(
      `/api/v1/statistics/dashboard.xlsx?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${cases ? '&cases=true' : ''}${branchId ? `&branchId=${encodeURIComponent(branchId)}` : ''}`,
      `statistics-${from}-${to}${cases ? '-cases' : ''}.xlsx`,
    ),
};
