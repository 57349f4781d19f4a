import { Card, Col, Row, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { INTAKE_QUEUE_STATUSES, type CaseListItem, type CaseloadRow } from '@accord/contracts';
import { caseKeys, casesApi, type CaseListQuery } from '../../api/cases';
import { addDays } from '../../lib/shanghai';
import { StatusTag } from '../cases/CaseTags';
import { CaseLine, DayCard, DueTag } from './DayCard';
import { HOME_PAGE_SIZE, HOME_SHOWN } from './BankCards';

/** The clock a case is running now: the intake decision until accepted, then the first session. */
function runningClock(c: CaseListItem): { name: 'intake' | 'firstSession'; dueOn: string | null } {
  return ['submitted', 'returned'].includes(c.status) ? { name: 'intake', dueOn: c.intakeClock.dueOn } : { name: 'firstSession', dueOn: c.firstSessionClock.dueOn };
}

function useCases(query: CaseListQuery) {
  return useQuery({ queryKey: caseKeys.list(query as Record<string, unknown>), queryFn: ({ signal }) => casesApi.list(query, signal) });
}

/** A list of cases with their state and running clock, first few shown. */
function CaseClockCard({ testId, title, query, seeAll, today }: { testId: string; title: string; query: CaseListQuery; seeAll: string; today: string }) {
  const { t } = useTranslation();
  const list = useCases(query);
  const items = list.data?.items ?? [];
  return (
    <DayCard<CaseListItem>
      testId={testId}
      title={title}
      count={list.data?.totalIsCapped ? items.length : (list.data?.total ?? 0)}
      capped={list.data?.totalIsCapped}
      items={items.slice(0, HOME_SHOWN)}
      loading={list.isPending}
      rowKey={(c) => c.id}
      seeAll={seeAll}
      renderItem={(c) => {
        const clock = runningClock(c);
        return (
          <CaseLine
            caseId={c.id}
            caseNumber={c.caseNumber}
            who={c.consumerName}
            what={<StatusTag status={c.status} />}
            clock={<DueTag dueOn={clock.dueOn} today={today} label={t(`clock.${clock.name}Short`)} />}
          />
        );
      }}
    />
  );
}

/** The intake queue's cases whose clock breaches by tomorrow (or already did), oldest first. */
export function IntakeClocks({ today }: { today: string }) {
  const { t } = useTranslation();
  const dueBy = addDays(today, 1);
  return (
    <CaseClockCard
      testId="home-intake-clocks"
      title={t('homeDay.intakeClocks')}
      query={{ view: 'intake', dueBy, page: 1, pageSize: HOME_PAGE_SIZE }}
      seeAll={`/intake?dueBy=${dueBy}`}
      today={today}
    />
  );
}

/** The center's breached clocks (intake decision or first session past due). */
export function Breaches({ today }: { today: string }) {
  const { t } = useTranslation();
  return (
    <CaseClockCard
      testId="home-breaches"
      title={t('homeDay.breaches')}
      query={{ overdue: 'true', page: 1, pageSize: HOME_PAGE_SIZE }}
      seeAll="/cases?overdue=true"
      today={today}
    />
  );
}

/** A mediator's new cases: assigned, no session booked yet (the first-session clock runs). */
export function NewAssignments({ today }: { today: string }) {
  const { t } = useTranslation();
  return (
    <CaseClockCard
      testId="home-new-assignments"
      title={t('homeDay.newAssignments')}
      query={{ status: 'assigned', page: 1, pageSize: HOME_PAGE_SIZE }}
      seeAll="/cases?status=assigned"
      today={today}
    />
  );
}

/** The intake queue by state: how many new, returned, and accepted waiting for a mediator. */
export function IntakeCounts() {
  const { t } = useTranslation();
  const counts = useQueries({
    queries: INTAKE_QUEUE_STATUSES.map((status) => {
      const query: CaseListQuery = { view: 'intake', status, page: 1, pageSize: 1 };
      return { queryKey: caseKeys.list(query as Record<string, unknown>), queryFn: ({ signal }: { signal: AbortSignal }) => casesApi.list(query, signal) };
    }),
  });
  return (
    <Card size="small" title={t('homeDay.queueByState')} data-testid="home-intake-counts" extra={<Link to="/intake">{t('homeDay.seeAll')}</Link>}>
      <Row gutter={8}>
        {INTAKE_QUEUE_STATUSES.map((status, i) => (
          <Col span={8} key={status}>
            <Link to={`/intake?status=${status}`} data-testid={`home-intake-count-${status}`} data-count={counts[i].data?.total ?? ''}>
              <Statistic
                title={t(`caseStatus.${status}`)}
                value={counts[i].data ? `${counts[i].data.total}${counts[i].data.totalIsCapped ? '+' : ''}` : '…'}
                styles={{ content: { fontSize: 22 } }}
              />
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** Caseload: open cases per mediator (busiest first) and the center's open cases by state. */
export function CaseloadGlance() {
  const { t } = useTranslation();
  const load = useQuery({ queryKey: caseKeys.caseload, queryFn: ({ signal }) => casesApi.caseload(signal) });
  const rows = [...(load.data?.items ?? [])].sort((a, b) => b.open - a.open || b.firstSessionOverdue - a.firstSessionOverdue);
  const states = ['assigned', 'scheduled', 'in_session', 'adjourned'] as const;
  const totals = Object.fromEntries(states.map((s) => [s, rows.reduce((n, r) => n + r.byStatus[s], 0)]));
  const columns: TableColumnsType<CaseloadRow> = [
    { title: t('homeDay.mediator'), dataIndex: 'name', key: 'name', ellipsis: true },
    { title: t('homeDay.open'), dataIndex: 'open', key: 'open', width: 90, align: 'right' },
    {
      title: t('homeDay.firstSessionOverdue'),
      key: 'overdue',
      width: 150,
      align: 'right',
      render: (_: unknown, r) => <Typography.Text type={r.firstSessionOverdue > 0 ? 'danger' : undefined}>{r.firstSessionOverdue}</Typography.Text>,
    },
  ];
  return (
    <Card size="small" title={t('homeDay.caseload')} data-testid="home-caseload" extra={<Link to="/caseload">{t('homeDay.caseloadPage')}</Link>}>
      <Row gutter={8} style={{ marginBottom: 8 }}>
        {states.map((s) => (
          <Col span={6} key={s}>
            <Statistic title={t(`caseStatus.${s}`)} value={totals[s]} styles={{ content: { fontSize: 20 } }} data-testid={`home-open-${s}`} />
          </Col>
        ))}
      </Row>
      <Table<CaseloadRow> size="small" rowKey="mediatorId" loading={load.isPending} dataSource={rows.slice(0, 6)} columns={columns} pagination={false} />
    </Card>
  );
}
