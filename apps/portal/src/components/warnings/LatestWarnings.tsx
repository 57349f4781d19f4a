import { Card, List, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { WarningView } from '@accord/contracts';
import { warningKeys, warningsApi } from '../../api/warnings';
import { ProblemAlert } from '../ProblemAlert';
import { useWarningsLive } from '../../realtime/caseLive';
import { breachRate, MetricTag } from './metric';

const QUERY = { status: 'open' as const, page: 1, pageSize: 6 };

/**
 * The console's 最新预警: the jurisdiction's open warnings, newest period first, with what they
 * measure (调解申请 or 超时限率, the latter as breached/concluded and its rate) and where their
 * supervisory notice stands; a warning raised (or moved on) while the page is open comes in over
 * the socket. Each opens the warning's drawer on /warnings (?id=).
 */
export function LatestWarnings() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: warningKeys.list(QUERY), queryFn: ({ signal }) => warningsApi.list(QUERY, signal) });
  useWarningsLive(() => void queryClient.invalidateQueries({ queryKey: warningKeys.lists }));
  const line = (w: WarningView) => (w.businessLine ? t(`businessLine.${w.businessLine}`, { defaultValue: w.businessLine }) : t('warnings.allLines'));
  const period = (w: WarningView) => (w.periodKind === 'month' ? w.periodStart.slice(0, 7) : `${w.periodStart} – ${w.periodEnd}`);
  return (
    <Card
      size="small"
      data-testid="console-warnings"
      title={
        <Space>
          {t('warnings.latest')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
            {t('warnings.latestLive')}
          </Typography.Text>
        </Space>
      }
      extra={<Link to="/warnings?status=open">{t('warnings.latestAll', { n: list.data?.total ?? 0 })}</Link>}
    >
      <ProblemAlert error={list.error} />
      <List<WarningView>
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('warnings.latestEmpty') }}
        renderItem={(w) => (
          <List.Item
            data-testid={`console-warning-${w.id}`}
            extra={
              w.noticeState === 'none' ? null : (
                <Tag color={w.noticeState === 'awaiting_answer' ? 'orange' : 'blue'}>{t(`warnings.noticeStates.${w.noticeState}`)}</Tag>
              )
            }
          >
            <Link to={`/warnings?id=${w.id}`}>
              <Space size={6} wrap>
                <Typography.Text strong>{w.institutionName ?? '—'}</Typography.Text>
                <span>{line(w)}</span>
                <MetricTag metric={w.metric} />
                <Tag>{t(`warnings.periodKinds.${w.periodKind}`)}</Tag>
                <span>{period(w)}</span>
                <Typography.Text type="danger">
                  {w.metric === 'breaches'
                    ? `${t('warnings.latestFiguresBreaches', { observed: w.observed, concluded: w.concluded ?? '—', bound: w.bound })} ${breachRate(w)}`
                    : t('warnings.latestFigures', { observed: w.observed, bound: w.bound })}
                </Typography.Text>
              </Space>
            </Link>
          </List.Item>
        )}
      />
    </Card>
  );
}
