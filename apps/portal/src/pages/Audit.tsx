import { Card, Table, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { auditApi } from '../api/organisations';
import type { AuditEvent } from '../api/types';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDateTimeSeconds } from '../lib/format';
import { tablePagination, usePaging } from '../lib/paging';

/** `{username: 'x', roles: ['a']}` → `username: x · roles: ["a"]` */
function detailText(detail: unknown): string {
  if (detail === null || detail === undefined || detail === '') return '';
  if (typeof detail !== 'object') return String(detail);
  return Object.entries(detail as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { page, pageSize, setParam } = usePaging();

  const list = useQuery({
    queryKey: ['audit-events', { page, pageSize }],
    queryFn: ({ signal }) => auditApi.list({ page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<AuditEvent> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      key: 'at',
      width: 190,
      render: (v: string) => formatDateTimeSeconds(v),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      key: 'actorName',
      width: 160,
      render: (v: string | null) => v || t('audit.system'),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      width: 200,
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      title: t('audit.subject'),
      key: 'subject',
      width: 260,
      render: (_: unknown, e: AuditEvent) =>
        e.subjectType || e.subjectId ? (
          <Typography.Text>
            {e.subjectType}
            {e.subjectId ? (
              <Typography.Text type="secondary" copyable={{ text: e.subjectId }} style={{ marginInlineStart: 6 }}>
                {e.subjectId.length > 12 ? `${e.subjectId.slice(0, 8)}…` : e.subjectId}
              </Typography.Text>
            ) : null}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('audit.detail'),
      dataIndex: 'detail',
      key: 'detail',
      render: (d: unknown) => {
        const text = detailText(d);
        return text ? (
          <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0, fontSize: 12 }}>
            {text}
          </Typography.Paragraph>
        ) : (
          '—'
        );
      },
    },
  ];

  return (
    <Card title={t('audit.title')}>
      <ProblemAlert error={list.error} />
      <Table<AuditEvent>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={tablePagination(t, page, pageSize, list.data?.total, (p, s) => setParam({ page: p, pageSize: s }))}
        scroll={{ x: 1000 }}
      />
    </Card>
  );
}
