import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';

import dayjs, { type Dayjs } from 'dayjs';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { auditApi, type AuditFilter } from '../api/organisations';
import type { AuditEvent } from '../api/types';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDateTimeSeconds } from '../lib/format';
import { tablePagination, usePaging } from '../lib/paging';

/** `{username: 'x', roles: ['a']}` → `username: x · roles: ["a"]`; keys the server left out (content) are named, not shown. */
function detailText(detail: Record<string, unknown>, omittedLabel: string): string {
  return Object.entries(detail ?? {})
    .map(([k, v]) => (k === 'omitted' && Array.isArray(v) ? `${omittedLabel}: ${v.join(', ')}` : `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`))
    .join(' · ');
}

const SUBJECT_TYPES = ['case', 'session', 'document', 'user', 'organisation', 'api-key', 'membership', 'room', 'warning', 'audit-log'];

/**
 * The audit trail of the viewer's own organisation (center, institution or the platform): who did
 * what to which record, from where and when, with the request id; filtered in the URL (bookmarkable)
 * and exported as XLSX with the same filter. Case content is never part of an entry.
 */
export default function AuditPage() {
  const { t } = useTranslation();
  const { page, pageSize, params, setParam } = usePaging();
  const filter: AuditFilter = {
    actorUserId: params.get('actor') || undefined,
    action: params.get('action') || undefined,
    subjectType: params.get('subjectType') || undefined,
    subjectId: params.get('subjectId') || undefined,
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
  };
  const setFilter = (changes: Record<string, string | undefined>) => setParam({ ...changes, page: undefined });

  const list = useQuery({
    queryKey: ['audit-events', { page, pageSize, ...filter }],
    queryFn: ({ signal }) => auditApi.list({ page, pageSize, ...filter }, signal),
    placeholderData: keepPreviousData,
  });
  const actors = useQuery({ queryKey: ['audit-events', 'actors'], queryFn: ({ signal }) => auditApi.actors(signal), staleTime: 60_000 });
  const exporting = useMutation({ mutationFn: () => auditApi.exportXlsx(filter) });

  const columns: TableColumnsType<AuditEvent> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      key: 'at',
      width: 170,
      render: (v: string) => formatDateTimeSeconds(v),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      key: 'actorName',
      width: 120,
      render: (v: string | null, e) => v || (e.actorApiKeyId ? t('audit.apiKey') : t('audit.system')),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      width: 210,
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      title: t('audit.subject'),
      key: 'subject',
      width: 190,
      render: (_: unknown, e) =>
        e.subjectType || e.subjectId ? (
          <Typography.Text>
            {e.subjectType}
            {e.subjectId ? (
              <Typography.Text type="secondary" copyable={{ text: e.subjectId }} style={{ marginInlineStart: 6, whiteSpace: 'nowrap' }}>
                {e.subjectId.length > 12 ? `${e.subjectId.slice(0, 8)}…` : e.subjectId}
              </Typography.Text>
            ) : null}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('audit.from'),
      key: 'from',
      width: 150,
      render: (_: unknown, e) =>
        e.ip || e.userAgent ? (
          <Tooltip title={e.userAgent}>
            <Typography.Text style={{ whiteSpace: 'nowrap' }}>{e.ip ?? '—'}</Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('audit.detail'),
      dataIndex: 'detail',
      key: 'detail',
      render: (d: Record<string, unknown>, e) => {
        const text = detailText(d, t('audit.omitted'));
        return (
          <>
            {text ? (
              <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0, fontSize: 12 }}>
                {text}
              </Typography.Paragraph>
            ) : null}
            {e.requestId ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: e.requestId }}>
                {t('audit.requestId')} {e.requestId.length > 14 ? `${e.requestId.slice(0, 12)}…` : e.requestId}
              </Typography.Text>
            ) : null}
          </>
        );
      },
    },
  ];

  const range: [Dayjs, Dayjs] | null = filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null;

  return (
    <Card
      title={t('audit.title')}
      extra={
        <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="audit-export">
          {t('audit.export')}
        </Button>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          <SafetyCertificateOutlined /> {t('audit.intro')}
        </Typography.Paragraph>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label={t('audit.actor')} htmlFor="audit-actor">
            <Select
              id="audit-actor"
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 160 }}
              placeholder={t('audit.anyone')}
              value={filter.actorUserId}
              onChange={(v?: string) => setFilter({ actor: v })}
              options={(actors.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
              data-testid="audit-actor"
            />
          </Form.Item>
          <Form.Item label={t('audit.action')}>
            <Input.Search
              allowClear
              style={{ width: 200 }}
              placeholder={t('audit.actionPlaceholder')}
              defaultValue={filter.action}
              onSearch={(v) => setFilter({ action: v.trim() || undefined })}
              data-testid="audit-action"
            />
          </Form.Item>
          <Form.Item label={t('audit.subject')} htmlFor="audit-subject-type">
            <Space.Compact>
              <Select
                id="audit-subject-type"
                aria-label={t('audit.subjectType')}
                allowClear
                style={{ width: 130 }}
                placeholder={t('audit.subjectType')}
                value={filter.subjectType}
                onChange={(v?: string) => setFilter({ subjectType: v })}
                options={SUBJECT_TYPES.map((s) => ({ value: s, label: s }))}
              />
              <Input.Search
                allowClear
                style={{ width: 200 }}
                placeholder={t('audit.subjectId')}
                defaultValue={filter.subjectId}
                onSearch={(v) => setFilter({ subjectId: v.trim() || undefined })}
              />
            </Space.Compact>
          </Form.Item>
          <Form.Item label={t('audit.period')}>
            <DatePicker.RangePicker
              value={range}
              onChange={(v) => {
                const [a, b] = (v ?? []) as [Dayjs | null, Dayjs | null];
                setFilter({ from: a?.format('YYYY-MM-DD'), to: b?.format('YYYY-MM-DD') });
              }}
              data-testid="audit-period"
            />
          </Form.Item>
        </Form>
        <ProblemAlert error={list.error ?? exporting.error} />
        <Table<AuditEvent>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          pagination={tablePagination(t, page, pageSize, list.data?.total, (p, s) => setParam({ page: p, pageSize: s }))}
          scroll={{ x: 1000 }}
        />
      </Space>
    </Card>
  );
}
