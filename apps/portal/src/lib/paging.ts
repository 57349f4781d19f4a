import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { TablePaginationConfig } from 'antd';
import type { TFunction } from 'i18next';

const DEFAULT_PAGE_SIZE = 20;

/** page / pageSize (and other filters) kept in the URL so lists are bookmarkable. */
export function usePaging() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(params.get('pageSize')) || DEFAULT_PAGE_SIZE));

  const setParam = useCallback(
    (changes: Record<string, string | number | undefined>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === undefined || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return { page, pageSize, params, setParam };
}

export function tablePagination(
  t: TFunction,
  page: number,
  pageSize: number,
  total: number | undefined,
  onChange: (page: number, pageSize: number) => void,
  /** The server stopped counting: there are more than `total` (big lists are paged, not counted). */
  capped = false,
): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (n) => (capped ? t('common.totalMore', { total: n - 1 }) : t('common.total', { total: n })),
    onChange,
  };
}
