import type { BusinessLine, DisputeType, TrendGrouping } from '@accord/contracts';
import { api, ok } from './http';

export interface TrendFilter {
  from: string;
  to: string;
  centerId?: string;
  businessLine?: BusinessLine;
  disputeType?: DisputeType;
}

export const trendsKeys = {
  series: (by: TrendGrouping, f: TrendFilter) => ['statistics', 'trends', by, f] as const,
  heatMap: (f: TrendFilter) => ['statistics', 'heat-map', f] as const,
};

/** The regulator's console: monthly trend lines and the business line × institution heat map. */
export const trendsApi = {
  series: (by: TrendGrouping, f: TrendFilter, signal?: AbortSignal) => ok(api.GET('/api/v1/statistics/trends', { params: { query: { by, ...f } }, signal })),
  heatMap: (f: TrendFilter, signal?: AbortSignal) => ok(api.GET('/api/v1/statistics/heat-map', { params: { query: f }, signal })),
};
