import { Card, Table, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { organisationsApi } from '../api/organisations';
import type { Organisation } from '../api/types';
import { ProblemAlert } from '../components/ProblemAlert';
import { tablePagination, usePaging } from '../lib/paging';

/** A regulator's view of the centers in its jurisdiction (the API filters them). */
export default function JurisdictionPage() {
  const { t } = useTranslation();
  const { page, pageSize, setParam } = usePaging();

  const list = useQuery({
    queryKey: ['organisations', { kind: 'center', page, pageSize }],
    queryFn: ({ signal }) =>
      organisationsApi.list({ kind: 'center', page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<Organisation> = [
    { title: t('jurisdiction.name'), dataIndex: 'name', key: 'name' },
    { title: t('jurisdiction.code'), dataIndex: 'code', key: 'code', width: 140, render: (v: string | null) => v || '—' },
    { title: t('jurisdiction.region'), dataIndex: 'regionCode', key: 'regionCode', width: 160, render: (v: string | null) => v || '—' },
  ];

  return (
    <Card title={t('jurisdiction.title')}>
      <Typography.Paragraph type="secondary">{t('jurisdiction.intro')}</Typography.Paragraph>
      <ProblemAlert error={list.error} />
      <Table<Organisation>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={tablePagination(t, page, pageSize, list.data?.total, (p, s) => setParam({ page: p, pageSize: s }))}
      />
    </Card>
  );
}
