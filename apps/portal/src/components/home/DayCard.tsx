import type { ReactNode } from 'react';
import { Badge, Card, Empty, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { addDays } from '../../lib/shanghai';

/**
 * One card of a home page: what waits, how many, the first few as links, "nothing waiting"
 * when there is none, and a link to the whole filtered list.
 */
export function DayCard<T>({
  testId,
  title,
  count,
  capped,
  items,
  loading,
  rowKey,
  renderItem,
  seeAll,
  extra,
  itemTestId,
}: {
  testId: string;
  title: string;
  count: number;
  /** The list stops counting past a page: "50+". */
  capped?: boolean;
  items: T[];
  loading: boolean;
  rowKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  seeAll?: string;
  extra?: ReactNode;
  /** data-testid of each row (default `${testId}-item`). */
  itemTestId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid={testId}
      title={
        <span>
          {title}{' '}
          <Badge
            count={loading ? 0 : `${count}${capped ? '+' : ''}`}
            showZero
            color={count > 0 ? '#fa541c' : '#bfbfbf'}
            overflowCount={999}
            data-testid={`${testId}-count`}
            data-count={count}
          />
        </span>
      }
      extra={
        extra ??
        (seeAll ? (
          <Link to={seeAll} data-testid={`${testId}-all`}>
            {t('homeDay.seeAll')}
          </Link>
        ) : null)
      }
      styles={{ body: { paddingTop: 4, paddingBottom: 4 } }}
    >
      {!loading && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('homeDay.nothingWaiting')} data-testid={`${testId}-empty`} style={{ margin: '8px 0' }} />
      ) : (
        <List<T> size="small" loading={loading} dataSource={items} rowKey={rowKey} renderItem={(item) => <List.Item data-testid={itemTestId ?? `${testId}-item`}>{renderItem(item)}</List.Item>} />
      )}
    </Card>
  );
}

/** A due day against today (Beijing): overdue by n days, today, tomorrow, or the date. */
export function DueTag({ dueOn, today, label }: { dueOn: string | null; today: string; label?: string }) {
  const { t } = useTranslation();
  if (!dueOn) return null;
  const days = Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86400_000);
  const [color, text] =
    days < 0
      ? ['red', t('homeDay.overdueBy', { count: -days })]
      : days === 0
        ? ['volcano', t('homeDay.dueToday')]
        : dueOn === addDays(today, 1)
          ? ['orange', t('homeDay.dueTomorrow')]
          : ['default', t('homeDay.dueOn', { date: dueOn })];
  return (
    <Tag color={color} data-testid="due-tag" data-due={dueOn} style={{ whiteSpace: 'nowrap', marginInlineEnd: 0 }}>
      {label ? `${label} · ` : ''}
      {text}
    </Tag>
  );
}

/** A row's parts: the case number as a link, then what is waiting and its clock. */
export function CaseLine({ caseId, caseNumber, who, what, clock }: { caseId: string; caseNumber: string | null; who?: string; what: ReactNode; clock?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, width: '100%', minWidth: 0 }}>
      <Link to={`/cases/${caseId}`} style={{ whiteSpace: 'nowrap' }} data-testid="home-case-link">
        {caseNumber ?? '—'}
      </Link>
      {who ? (
        <Typography.Text style={{ whiteSpace: 'nowrap' }} data-testid="home-consumer">
          {who}
        </Typography.Text>
      ) : null}
      <Typography.Text type="secondary" ellipsis style={{ flex: 1, minWidth: 0 }}>
        {what}
      </Typography.Text>
      {clock}
    </div>
  );
}
