import type { RankingLevel } from '@accord/contracts';
import { api, ok } from './http';

export interface RankingsParams {
  from: string;
  to: string;
  min?: number;
  top?: number;
  level?: RankingLevel;
  centerId?: string;
}

export const rankingsKeys = {
  list: (p: RankingsParams) => ['statistics', 'rankings', p] as const,
};

export const rankingsApi = {
  /** 红黑榜 for the period (months YYYY-MM or days), with the rank change against the period before. */
  list: (p: RankingsParams, signal?: AbortSignal) => ok(api.GET('/api/v1/statistics/rankings', { params: { query: p }, signal })),
};
