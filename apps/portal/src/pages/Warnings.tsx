import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Form, Input, Select, Space, Table, Tag, Timeline, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { WARNING_PERIOD_KINDS, WARNING_STATUSES, type WarningCase, type WarningDetail, type WarningPeriodKind, type WarningStatus, type WarningView } from '@accord/contracts';
import { hasAnyRole, useCurrentUser } from '../auth/AuthContext';
import { warningKeys, warningsApi } from '../api/warnings';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDateTime } from '../lib/format';
import { useWarningsLive } from '../realtime/caseLive';

const ACKNOWLEDGERS = ['regulator_analyst', 'regulator_supervisor'] as const;
const PAGE_SIZE = 20;
const oneOf = <T extends string>(all: readonly T[], v: string | null): T | undefined => (all as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

/**
 * /warnings — 投诉风险预警: referral spikes per institution and business line, newest period first,
 * the method stated above the table; a new warning arrives live; the detail (figures, timeline,
 * the cases behind it) in a drawer, where a regulator acknowledges it with a comment.
 */
export default function WarningsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = oneOf<WarningStatus>(WARNING_STATUSES, params.get('status'));
  const periodKind = oneOf<WarningPeriodKind>(WARNING_PERIOD_KINDS, params.get('period'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const openId = params.get('id');
  const set = (change: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(change)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const query = { status, periodKind, page, pageSize: PAGE_SIZE };
  const list = useQuery({ queryKey: warningKeys.list(query), queryFn: ({ signal }) => warningsApi.list(query, signal), placeholderData: keepPreviousData });
  useWarningsLive(() => void queryClient.invalidateQueries({ queryKey: warningKeys.lists }));

  const columns: TableColumnsType<WarningView> = [
    { title: t('warnings.institution'), key: 'institution', render: (_, w) => w.institutionName ?? '—' },
    { title: t('warnings.businessLine'), key: 'line', render: (_, w) => (w.businessLine ? t(`businessLine.${w.businessLine}`, { defaultValue: w.businessLine }) : t('warnings.allLines')) },
    { title: t('warnings.period'), key: 'period', render: (_, w) => <PeriodText w={w} /> },
    { title: t('warnings.observed'), dataIndex: 'observed', key: 'observed', align: 'right', render: (v: number) => <Typography.Text strong type="danger">{v}</Typography.Text> },
    { title: t('warnings.expected'), dataIndex: 'expected', key: 'expected', align: 'right', render: (v: number) => v.toFixed(2) },
    { title: t('warnings.bound'), dataIndex: 'bound', key: 'bound', align: 'right' },
    { title: t('warnings.status'), dataIndex: 'status', key: 'status', render: (s: WarningStatus) => <StatusTag status={s} /> },
    {
      title: '',
      key: 'open',
      width: 80,
      render: (_, w) => (
        <Button type="link" size="small" data-testid={`warning-open-${w.id}`} onClick={() => set({ id: w.id })}>
          {t('warnings.open')}
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('warnings.title')}
      </Typography.Title>
      <Alert type="info" showIcon data-testid="warnings-method" title={t('warnings.method')} />
      <Card size="small">
        <Space wrap>
          <Select
            data-testid="warnings-status"
            style={{ width: 160 }}
            value={status ?? ''}
            aria-label={t('warnings.status')}
            onChange={(v) => set({ status: v || undefined, page: undefined })}
            options={[{ value: '', label: t('warnings.statusAll') }, ...WARNING_STATUSES.map((s) => ({ value: s, label: t(`warnings.statuses.${s}`) }))]}
          />
          <Select
            data-testid="warnings-period"
            style={{ width: 190 }}
            value={periodKind ?? ''}
            aria-label={t('warnings.periodKind')}
            onChange={(v) => set({ period: v || undefined, page: undefined })}
            options={[{ value: '', label: t('warnings.periodKindAll') }, ...WARNING_PERIOD_KINDS.map((k) => ({ value: k, label: t(`warnings.periodKinds.${k}`) }))]}
          />
          <Typography.Text type="secondary">{t('warnings.live')}</Typography.Text>
        </Space>
      </Card>
      <ProblemAlert error={list.error} />
      <Table<WarningView>
        data-testid="warnings-table"
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('warnings.empty') }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => set({ page: p > 1 ? String(p) : undefined }) }}
      />
      <WarningDrawer id={openId} onClose={() => set({ id: undefined })} />
    </Space>
  );
}

function StatusTag({ status }: { status: WarningStatus }) {
  const { t } = useTranslation();
  return <Tag color={status === 'open' ? 'red' : 'green'}>{t(`warnings.statuses.${status}`)}</Tag>;
}

function PeriodText({ w }: { w: Pick<WarningView, 'periodKind' | 'periodStart' | 'periodEnd'> }) {
  const { t } = useTranslation();
  const label = w.periodKind === 'month' ? w.periodStart.slice(0, 7) : `${w.periodStart} – ${w.periodEnd}`;
  return (
    <span>
      <Tag>{t(`warnings.periodKinds.${w.periodKind}`)}</Tag>
      {label}
    </span>
  );
}

function WarningDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useQuery({ queryKey: warningKeys.one(id ?? ''), queryFn: ({ signal }) => warningsApi.get(id!, signal), enabled: !!id });
  return (
    <Drawer open={!!id} onClose={onClose} size={720} title={t('warnings.detail')} destroyOnHidden>
      <div data-testid="warning-detail">
        <ProblemAlert error={detail.error} />
        {detail.data ? <WarningBody w={detail.data} /> : null}
      </div>
    </Drawer>
  );
}

function WarningBody({ w }: { w: WarningDetail }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const canAcknowledge = hasAnyRole(me, ACKNOWLEDGERS) && w.status === 'open';
  const caseColumns: TableColumnsType<WarningCase> = [
    { title: t('warnings.caseNumber'), key: 'number', render: (_, c) => <Link to={`/cases/${c.id}`}>{c.caseNumber}</Link> },
    { title: t('warnings.caseStatus'), dataIndex: 'status', key: 'status', render: (s: string) => t(`caseStatus.${s}`, { defaultValue: s }) },
    { title: t('warnings.consumer'), dataIndex: 'consumerNameMasked', key: 'consumer' },
    { title: t('warnings.submittedOn'), dataIndex: 'submittedOn', key: 'submittedOn' },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions size="small" column={2} bordered title={t('warnings.figures')}>
        <Descriptions.Item label={t('warnings.institution')}>{w.institutionName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('warnings.businessLine')}>
          {w.businessLine ? t(`businessLine.${w.businessLine}`, { defaultValue: w.businessLine }) : t('warnings.allLines')}
        </Descriptions.Item>
        <Descriptions.Item label={t('warnings.center')}>{w.centerName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('warnings.period')}>
          <PeriodText w={w} />
        </Descriptions.Item>
        <Descriptions.Item label={t('warnings.observed')}>
          <Typography.Text strong type="danger" data-testid="warning-observed">
            {w.observed}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('warnings.expected')}>{w.expected.toFixed(2)}</Descriptions.Item>
        <Descriptions.Item label={t('warnings.bound')}>{w.bound}</Descriptions.Item>
        <Descriptions.Item label={t('warnings.priorPeriods')}>{w.priorPeriods}</Descriptions.Item>
        <Descriptions.Item label={t('warnings.status')} span={2}>
          <span data-testid="warning-status">
            <StatusTag status={w.status} />
          </span>
        </Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Title level={5}>{t('warnings.timeline')}</Typography.Title>
        <Timeline
          data-testid="warning-timeline"
          items={w.events.map((e) => ({
            color: e.kind === 'raised' ? 'red' : 'green',
            content: (
              <div>
                <div>
                  {e.kind === 'raised' ? t('warnings.raised') : t('warnings.acknowledged', { name: e.actorName ?? '—' })}
                  <Typography.Text type="secondary"> · {formatDateTime(e.at, i18n.language)}</Typography.Text>
                </div>
                {e.comment ? <Typography.Text>{e.comment}</Typography.Text> : null}
              </div>
            ),
          }))}
        />
      </div>
      {canAcknowledge ? <AcknowledgeForm id={w.id} /> : null}
      <div>
        <Typography.Title level={5}>{t('warnings.cases', { n: w.cases.length })}</Typography.Title>
        <Table<WarningCase> data-testid="warning-cases" rowKey="id" size="small" columns={caseColumns} dataSource={w.cases} pagination={{ pageSize: 10, hideOnSinglePage: true }} />
      </div>
    </Space>
  );
}

function AcknowledgeForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ comment: string }>();
  const [error, setError] = useState<unknown>(null);
  const ack = useMutation({
    mutationFn: (comment: string) => warningsApi.acknowledge(id, comment),
    onSuccess: (detail) => {
      setError(null);
      queryClient.setQueryData(warningKeys.one(id), detail);
      void queryClient.invalidateQueries({ queryKey: warningKeys.lists });
      void message.success(t('warnings.acknowledgedOk'));
    },
    onError: (e) => setError(e),
  });
  return (
    <Card size="small" title={t('warnings.acknowledge')}>
      <ProblemAlert error={error} />
      <Form form={form} layout="vertical" onFinish={(v) => ack.mutate(v.comment.trim())}>
        <Form.Item
          name="comment"
          label={t('warnings.comment')}
          rules={[{ required: true, whitespace: true, message: t('warnings.commentRequired') }, { max: 1000 }]}
        >
          <Input.TextArea data-testid="warning-comment" rows={3} maxLength={1000} showCount placeholder={t('warnings.commentPlaceholder')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={ack.isPending} data-testid="warning-acknowledge">
          {t('warnings.acknowledge')}
        </Button>
      </Form>
    </Card>
  );
}
