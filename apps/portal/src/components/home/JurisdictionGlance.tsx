import { Card, Col, Row, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { statisticsApi, statisticsKeys } from '../../api/statistics';
import { todayInShanghai } from '../../lib/format';
import { ProblemAlert } from '../ProblemAlert';
import { RankingEnds } from '../statistics/RankingEnds';

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
  const total = dash.data?.total;
  return (
    <Card
      title={t('home.glance.title', { year: today.slice(0, 4) })}
      extra={<Link to="/regulator-console">{t('home.glance.console')}</Link>}
      data-testid="home-jurisdiction"
    >
      <ProblemAlert error={dash.error} />
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
      <div style={{ marginTop: 16 }}>
        <RankingEnds from={months.from} to={months.to} />
      </div>
    </Card>
  );
}
