import { Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { rankingsApi, rankingsKeys } from '../../api/rankings';
import { statisticsApi, statisticsKeys } from '../../api/statistics';
import { todayInShanghai } from '../../lib/format';
import { ProblemAlert } from '../ProblemAlert';

const percent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * A regulator's home: the jurisdiction at a glance — this year's headline figures (the dashboard's
 * total row, its 口径 and small-cell rule on the console) and who leads and trails the 红黑榜 over
 * the last 12 months — each leading to the page that explains it.
 */
export function JurisdictionGlance() {
  const { t } = useTranslation();
  const today = todayInShanghai();
  const yearFrom = `${today.slice(0, 4)}-01-01`;
  const months = { from: dayjs(today).subtract(11, 'month').format('YYYY-MM'), to: today.slice(0, 7) };
  const dash = useQuery({ queryKey: statisticsKeys.dashboard(yearFrom, today), queryFn: ({ signal }) => statisticsApi.dashboard(yearFrom, today, undefined, signal) });
  const ranks = useQuery({ queryKey: rankingsKeys.list(months), queryFn: ({ signal }) => rankingsApi.list(months, signal) });
  const total = dash.data?.total;
  return (
    <Card
      title={t('home.glance.title', { year: today.slice(0, 4) })}
      extra={<Link to="/regulator-console">{t('home.glance.console')}</Link>}
      data-testid="home-jurisdiction"
    >
      <ProblemAlert error={dash.error ?? ranks.error} />
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('statistics.referrals')} value={total?.referrals ?? '—'} loading={dash.isLoading} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('statistics.concluded')} value={total?.concluded ?? '—'} loading={dash.isLoading} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('statistics.successRate')} value={percent(total?.successRate)} loading={dash.isLoading} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('statistics.breachRate')} value={percent(total?.breachRate)} loading={dash.isLoading} />
        </Col>
      </Row>
      {ranks.data && ranks.data.rankedCount > 0 ? (
        <Space direction="vertical" size={4} style={{ marginTop: 16 }} data-testid="home-rankings">
          <Typography.Text type="secondary">{t('home.glance.rankings', { from: ranks.data.from, to: ranks.data.to })}</Typography.Text>
          <Space wrap>
            <Tag color="green">{t('home.glance.red')}</Tag>
            {ranks.data.red.slice(0, 3).map((e) => (
              <span key={e.id}>
                {e.rank}. {e.name} {percent(e.successRate)}
              </span>
            ))}
          </Space>
          <Space wrap>
            <Tag color="red">{t('home.glance.black')}</Tag>
            {ranks.data.black.slice(0, 3).map((e) => (
              <span key={e.id}>
                {e.rank}. {e.name} {percent(e.successRate)}
              </span>
            ))}
          </Space>
          <Link to="/rankings">{t('home.glance.allRankings')}</Link>
        </Space>
      ) : null}
    </Card>
  );
}
