import { useMemo, useState } from 'react';
import { Badge, Button, Card, Checkbox, Flex, Input, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { CASE_STATUSES, INTAKE_QUEUE_STATUSES, TRACKS, type CaseStatus } from '@accord/contracts';
import { caseKeys, casesApi, type CaseListQuery } from '../api/cases';
import { organisationsApi } from '../api/organisations';
import { hasAnyRole, useCurrentUser } from '../auth/AuthContext';
import { CaseTable } from '../components/cases/CaseTable';
import { ListExportButton } from '../components/ListExportButton';
import { ProblemAlert } from '../components/ProblemAlert';
import { tablePagination, usePaging } from '../lib/paging';
import { useCaseListsLive } from '../realtime/caseLive';

type SearchBy = 'q' | 'phone' | 'idNumber';
const SEARCH_BY: SearchBy[] = ['q', 'phone', 'idNumber'];
const SEARCH_LABEL: Record<SearchBy, string> = {
  q: 'cases.searchByNumber',
  phone: 'cases.searchByPhone',
  idNumber: 'cases.searchByIdNumber',
};

/** The case lists: a bank's own cases, a center's cases, the center's intake queue. */
export function CaseListPage({ view }: { view: 'intake' | 'all' }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { page, pageSize, params, setParam } = usePaging();
  const center = me.organisation.kind === 'center';
  const institution = me.organisation.kind === 'institution';
  // a regulator: its jurisdiction's cases, identities masked, read-only
  const regulator = me.organisation.kind === 'regulator';
  useCaseListsLive();

  const status = params.get('status') ?? '';
  const track = params.get('track') ?? '';
  const institutionId = params.get('institutionId') ?? '';
  const overdue = params.get('overdue') === 'true';
  // from the home pages' "see all": clocks due by a day, cases waiting on the bank
  const dueBy = /^\d{4}-\d{2}-\d{2}$/.test(params.get('dueBy') ?? '') ? params.get('dueBy')! : '';
  const awaiting = params.get('awaiting') === 'institution' && institution;
  // The list's order (server-side): the newest update first unless asked otherwise; the queue the
  // oldest submission first (first in, first decided) unless asked for the newest.
  const sortParam = params.get('sort');
  const sort = view === 'all' ? (sortParam === 'updatedAt' ? 'updatedAt' : undefined) : sortParam === '-submittedAt' ? '-submittedAt' : undefined;
  // a regulator sees no consumer identity, so it searches by case number only
  const searchKinds: SearchBy[] = regulator ? ['q'] : SEARCH_BY;
  const searchBy = (searchKinds.find((k) => params.get(k)) ?? 'q') as SearchBy;
  const searchValue = params.get(searchBy) ?? '';
  const [searchKind, setSearchKind] = useState<SearchBy>(searchBy);

  const query: CaseListQuery = {
    view,
    status: status || undefined,
    track: (track || undefined) as CaseListQuery['track'],
    institutionId: institutionId || undefined,
    [searchBy]: searchValue || undefined,
    overdue: overdue ? 'true' : undefined,
    dueBy: dueBy || undefined,
    awaiting: awaiting ? 'institution' : undefined,
    sort,
    page,
    pageSize,
  };

  const list = useQuery({
    queryKey: caseKeys.list(query as Record<string, unknown>),
    queryFn: ({ signal }) => casesApi.list(query, signal),
    placeholderData: keepPreviousData,
  });

  const members = useQuery({
    queryKey: ['memberships', { page: 1, pageSize: 100 }],
    queryFn: ({ signal }) => organisationsApi.memberships({ page: 1, pageSize: 100 }, signal),
    enabled: (center && hasAnyRole(me, ['center_admin', 'intake_officer'])) || regulator,
  });

  const statuses: readonly CaseStatus[] =
    view === 'intake' ? INTAKE_QUEUE_STATUSES : CASE_STATUSES.filter((s) => institution || s !== 'draft');
  const statusOptions = statuses.map((s) => ({ value: s, label: t(`caseStatus.${s}`) }));
  // one option per institution (a regulator's jurisdiction may hold it as a member of several centers)
  const institutionOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const m of members.data?.items ?? []) seen.set(m.institutionId, m.institutionName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [members.data]);

  const title =
    view === 'intake'
      ? t('cases.intakeTitle')
      : regulator
        ? t('cases.regulatorCasesTitle')
        : center && !me.roles.includes('mediator')
          ? t('cases.allCasesTitle')
          : t('cases.myCasesTitle');
  const canFile = hasAnyRole(me, ['complaint_handler', 'branch_manager']);
  const canRefer = hasAnyRole(me, ['regulator_supervisor']);

  return (
    <Card
      title={
        <Space>
          {title}
          <Badge status="processing" text={<Typography.Text type="secondary">{t('cases.live')}</Typography.Text>} />
        </Space>
      }
      extra={
        <Space>
          <ListExportButton download={() => casesApi.exportList(query)} hint={t('cases.exportHint')} tooLarge={t('cases.exportTooLarge')} testId="cases-export" />
          {canFile ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cases/new')}>
              {t('cases.newCase')}
            </Button>
          ) : canRefer ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cases/refer')} data-testid="cases-refer">
              {t('cases.refer')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {view === 'intake' || regulator ? (
        <Typography.Paragraph type="secondary">{regulator ? t('cases.regulatorHint') : t('cases.intakeHint')}</Typography.Paragraph>
      ) : null}
      <Flex gap={8} wrap style={{ marginBottom: 16 }} role="search">
        <Select
          allowClear
          mode="multiple"
          maxTagCount="responsive"
          aria-label={t('cases.filterStatus')}
          placeholder={t('cases.filterStatus')}
          style={{ minWidth: 220 }}
          value={status ? status.split(',') : []}
          options={statusOptions}
          onChange={(v: string[]) => setParam({ status: v.join(',') || undefined, page: undefined })}
          data-testid="filter-status"
        />
        {center || regulator ? (
          <Select
            allowClear
            aria-label={t('cases.filterTrack')}
            placeholder={t('cases.filterTrack')}
            style={{ width: 160 }}
            value={track || undefined}
            options={TRACKS.map((k) => ({ value: k, label: t(`track.${k}`) }))}
            onChange={(v?: string) => setParam({ track: v, page: undefined })}
          />
        ) : null}
        {(center || regulator) && institutionOptions.length ? (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('cases.filterInstitution')}
            placeholder={t('cases.filterInstitution')}
            style={{ width: 220 }}
            value={institutionId || undefined}
            options={institutionOptions}
            onChange={(v?: string) => setParam({ institutionId: v, page: undefined })}
          />
        ) : null}
        <Space.Compact>
          <Select<SearchBy>
            aria-label={t('cases.searchBy')}
            value={searchKind}
            style={{ width: 120 }}
            options={searchKinds.map((k) => ({ value: k, label: t(SEARCH_LABEL[k]) }))}
            onChange={setSearchKind}
          />
          <Input.Search
            allowClear
            key={searchBy + searchValue}
            defaultValue={searchValue}
            aria-label={t(SEARCH_LABEL[searchKind])}
            placeholder={t('cases.searchPlaceholder')}
            style={{ width: 240 }}
            data-testid="case-search"
            onSearch={(v) =>
              setParam({ q: undefined, phone: undefined, idNumber: undefined, [searchKind]: v.trim() || undefined, page: undefined })
            }
          />
        </Space.Compact>
        <Checkbox checked={overdue} onChange={(e) => setParam({ overdue: e.target.checked ? 'true' : undefined, page: undefined })}>
          {t('cases.overdueOnly')}
        </Checkbox>
        {dueBy ? (
          <Tag closable color="orange" onClose={() => setParam({ dueBy: undefined, page: undefined })} data-testid="filter-due-by" style={{ alignSelf: 'center' }}>
            {t('homeDay.dueByFilter', { date: dueBy })}
          </Tag>
        ) : null}
        {awaiting ? (
          <Tag closable color="orange" onClose={() => setParam({ awaiting: undefined, page: undefined })} data-testid="filter-awaiting" style={{ alignSelf: 'center' }}>
            {t('homeDay.awaitingFilter')}
          </Tag>
        ) : null}
      </Flex>
      <ProblemAlert error={list.error} />
      <CaseTable
        items={list.data?.items}
        loading={list.isFetching}
        perspective={center || regulator ? 'center' : 'institution'}
        rowTestId={view === 'intake' ? 'intake-row' : 'case-row'}
        sort={
          view === 'all'
            ? { by: 'updatedAt', order: sort === 'updatedAt' ? 'ascend' : 'descend', onChange: (o) => setParam({ sort: o === 'ascend' ? 'updatedAt' : undefined, page: undefined }) }
            : { by: 'submittedAt', order: sort === '-submittedAt' ? 'descend' : 'ascend', onChange: (o) => setParam({ sort: o === 'descend' ? '-submittedAt' : undefined, page: undefined }) }
        }
        pagination={tablePagination(t, page, pageSize, list.data?.total, (p, s) => setParam({ page: p, pageSize: s }), list.data?.totalIsCapped)}
      />
    </Card>
  );
}

export function IntakePage() {
  return <CaseListPage view="intake" />;
}

export default function CasesPage() {
  return <CaseListPage view="all" />;
}
