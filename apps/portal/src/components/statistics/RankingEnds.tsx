import { Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { rankingsApi, rankingsKeys } from '../../api/rankings';
import { todayInShanghai } from '../../lib/format';
import { ProblemAlert } from '../ProblemAlert';

const percent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * The 红黑榜's two ends over some months (the rankings page's defaults for the rest): the first
 * `n` of the red list and of the black list with their success rates, and the way to the whole list.
 */
export function RankingEnds({ from, to, centerId, n = 3 }: { from: string; to: string; centerId?: string; n?: number }) {
  const { t } = useTranslation();
  const params = { from, to, ...(centerId ? { centerId } : {}) };
  const ranks = useQuery({ queryKey: rankingsKeys.list(params), queryFn: ({ signal }) => rankingsApi.list(params, signal), enabled: from <= to });
  if (ranks.error) return <ProblemAlert error={ranks.error} />;
  if (!ranks.data) return null;
  const today = todayInShanghai();
  if (ranks.data.rankedCount === 0) return <Typography.Text type="secondary">{t('home.glance.noneRanked', { min: ranks.data.minConcluded })}</Typography.Text>;
  return (
    <Space direction="vertical" size={4} data-testid="ranking-ends">
      {/* Whole months are ranked; the current one holds cases up to today, not to its last day. */}
      <Typography.Text type="secondary">{t('home.glance.rankings', { from: ranks.data.from, to: ranks.data.to < today ? ranks.data.to : today })}</Typography.Text>
      {(
        [
          ['red', 'green', ranks.data.red],
          ['black', 'red', ranks.data.black],
        ] as const
      ).map(([list, color, entries]) => (
        <Space wrap key={list}>
          <Tag color={color}>{t(`home.glance.${list}`)}</Tag>
          {entries.slice(0, n).map((e) => (
            <span key={e.id}>
              {e.rank}. {e.name} {percent(e.successRate)}
            </span>
          ))}
        </Space>
      ))}
      <Link to={`/rankings?from=${from}&to=${to}${centerId ? `&center=${centerId}` : ''}`}>{t('home.glance.allRankings')}</Link>
    </Space>
  );
}
