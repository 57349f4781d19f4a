import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Select, Space, Table, Tag, Timeline, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/a11y/PageTitle';
import { Link, useSearchParams } from 'react-router-dom';
import {
  WARNING_METRICS,
  WARNING_NOTICE_STATES,
  WARNING_PERIOD_KINDS,
  WARNING_STATUSES,
  type WarningCase,
  type WarningDetail,
  type WarningEventView,
  type WarningMetric,
  type WarningNoticeState,
  type WarningNoticeView,
  type WarningPeriodKind,
  type WarningStatus,
  type WarningView,
} from '@accord/contracts';
import { hasAnyRole, useCurrentUser } from '../auth/AuthContext';
import { warningKeys, warningsApi } from '../api/warnings';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDateTime, todayInShanghai } from '../lib/format';
import { useWarningsLive } from '../realtime/caseLive';
import { breachRate, MetricTag, ObservedText } from '../components/warnings/metric';
import { Nowrap } from '../components/Nowrap';

const ACKNOWLEDGERS = ['regulator_analyst', 'regulator_supervisor'] as const;
const ANSWERERS = ['institution_admin'] as const;
const PAGE_SIZE = 20;
const oneOf = <T extends string>(all: readonly T[], v: string | null): T | undefined => (all as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

/**
 * /warnings — 投诉风险预警: referral spikes per institution and business line and rising time-limit
 * breach rates per institution, newest period first, both methods stated above the table; a new warning arrives live; the detail (figures, timeline,
 * the cases behind it) in a drawer (?id= opens it: the console's panel and the notifications link
 * there), where a regulator acknowledges it or sends the institution a supervisory notice (监管提示)
 * and the institution's admin answers it. ?notice= filters by the notices' state, ?metric= by what is measured.
 */
export default function WarningsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = oneOf<WarningStatus>(WARNING_STATUSES, params.get('status'));
  const periodKind = oneOf<WarningPeriodKind>(WARNING_PERIOD_KINDS, params.get('period'));
  const noticeState = oneOf<WarningNoticeState>(WARNING_NOTICE_STATES, params.get('notice'));
  const metric = oneOf<WarningMetric>(WARNING_METRICS, params.get('metric'));
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
  const query = { status, periodKind, metric, noticeState, page, pageSize: PAGE_SIZE };
  const list = useQuery({ queryKey: warningKeys.list(query), queryFn: ({ signal }) => warningsApi.list(query, signal), placeholderData: keepPreviousData });
  useWarningsLive(({ warningId }) => {
    void queryClient.invalidateQueries({ queryKey: warningKeys.lists });
    void queryClient.invalidateQueries({ queryKey: warningKeys.one(warningId) });
  });

  const columns: TableColumnsType<WarningView> = [
    { title: t('warnings.institution'), key: 'institution', render: (_, w) => w.institutionName ?? '—' },
    { title: t('warnings.businessLine'), key: 'line', render: (_, w) => (w.businessLine ? t(`businessLine.${w.businessLine}`, { defaultValue: w.businessLine }) : t('warnings.allLines')) },
    { title: t('warnings.metric'), key: 'metric', render: (_, w) => <MetricTag metric={w.metric} /> },
    { title: t('warnings.period'), key: 'period', render: (_, w) => <PeriodText w={w} /> },
    {
      title: t('warnings.observed'),
      key: 'observed',
      align: 'right',
      render: (_, w) => (
        <Typography.Text strong type="danger">
          <ObservedText w={w} />
        </Typography.Text>
      ),
    },
    // Referrals: the prior mean; breaches: concluded × the prior rate (the drawer says which).
    { title: t('warnings.expectedColumn'), dataIndex: 'expected', key: 'expected', align: 'right', render: (v: number) => v.toFixed(2) },
    { title: t('warnings.bound'), dataIndex: 'bound', key: 'bound', align: 'right' },
    { title: t('warnings.status'), dataIndex: 'status', key: 'status', render: (s: WarningStatus) => <StatusTag status={s} /> },
    { title: t('warnings.noticeState'), dataIndex: 'noticeState', key: 'noticeState', render: (s: WarningNoticeState) => <NoticeStateTag state={s} /> },
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
      <PageHeading style={{ margin: 0 }}>
        {t('warnings.title')}
      </PageHeading>
      <Alert
        type="info"
        showIcon
        data-testid="warnings-method"
        title={
          <div>
            <div>
              <Typography.Text strong>{t('warnings.methodTitle')}</Typography.Text>
            </div>
            <div>{t('warnings.method')}</div>
            <div>{t('warnings.methodBreaches')}</div>
            <div>{t('warnings.methodSchedule')}</div>
          </div>
        }
      />
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
            data-testid="warnings-metric"
            style={{ width: 190 }}
            value={metric ?? ''}
            aria-label={t('warnings.metric')}
            onChange={(v) => set({ metric: v || undefined, page: undefined })}
            options={[{ value: '', label: t('warnings.metricAll') }, ...WARNING_METRICS.map((m) => ({ value: m, label: t(`warnings.metrics.${m}`) }))]}
          />
          <Select
            data-testid="warnings-period"
            style={{ width: 190 }}
            value={periodKind ?? ''}
            aria-label={t('warnings.periodKind')}
            onChange={(v) => set({ period: v || undefined, page: undefined })}
            options={[{ value: '', label: t('warnings.periodKindAll') }, ...WARNING_PERIOD_KINDS.map((k) => ({ value: k, label: t(`warnings.periodKinds.${k}`) }))]}
          />
          <Select
            data-testid="warnings-notice-state"
            style={{ width: 170 }}
            value={noticeState ?? ''}
            aria-label={t('warnings.noticeState')}
            onChange={(v) => set({ notice: v || undefined, page: undefined })}
            options={[{ value: '', label: t('warnings.noticeStateAll') }, ...WARNING_NOTICE_STATES.map((k) => ({ value: k, label: t(`warnings.noticeStates.${k}`) }))]}
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

export function StatusTag({ status }: { status: WarningStatus }) {
  const { t } = useTranslation();
  return <Tag color={status === 'open' ? 'red' : 'green'}>{t(`warnings.statuses.${status}`)}</Tag>;
}

export function NoticeStateTag({ state }: { state: WarningNoticeState }) {
  const { t } = useTranslation();
  if (state === 'none') return <Typography.Text type="secondary">{t('warnings.noticeStates.none')}</Typography.Text>;
  return <Tag color={state === 'awaiting_answer' ? 'orange' : 'blue'}>{t(`warnings.noticeStates.${state}`)}</Tag>;
}

export function PeriodText({ w }: { w: Pick<WarningView, 'periodKind' | 'periodStart' | 'periodEnd'> }) {
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
  const canNotify = canAcknowledge;
  const canAnswer = hasAnyRole(me, ANSWERERS);
  const breaches = w.metric === 'breaches';
  const awaiting = w.notices.some((n) => n.answeredAt === null);
  const eventText = (e: WarningEventView) => {
    const name = e.actorName ?? '—';
    if (e.kind === 'raised') return t('warnings.raised');
    if (e.kind === 'acknowledged') return t('warnings.acknowledged', { name });
    return t(e.kind === 'notice_sent' ? 'warnings.noticeSent' : 'warnings.noticeAnswered', { name });
  };
  const caseColumns: TableColumnsType<WarningCase> = [
    { title: t('warnings.caseNumber'), key: 'number', render: (_, c) => <Link to={`/cases/${c.id}`}><Nowrap>{c.caseNumber}</Nowrap></Link> },
    { title: t('warnings.caseStatus'), dataIndex: 'status', key: 'status', render: (s: string) => t(`caseStatus.${s}`, { defaultValue: s }) },
    { title: t('warnings.consumer'), dataIndex: 'consumerNameMasked', key: 'consumer' },
    { title: t('warnings.submittedOn'), dataIndex: 'submittedOn', key: 'submittedOn' },
    ...(breaches ? [{ title: t('warnings.concludedOn'), dataIndex: 'concludedOn', key: 'concludedOn' }] : []),
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
        <Descriptions.Item label={t('warnings.metric')}>
          <MetricTag metric={w.metric} />
        </Descriptions.Item>
        <Descriptions.Item label={breaches ? t('warnings.concluded') : t('warnings.observed')}>
          {breaches ? <span data-testid="warning-concluded">{w.concluded}</span> : null}
          {breaches ? null : (
            <Typography.Text strong type="danger" data-testid="warning-observed">
              {w.observed}
            </Typography.Text>
          )}
        </Descriptions.Item>
        {breaches ? (
          <Descriptions.Item label={t('warnings.observed')}>
            <Typography.Text strong type="danger" data-testid="warning-observed">
              <ObservedText w={w} />
            </Typography.Text>
          </Descriptions.Item>
        ) : null}
        {breaches ? <Descriptions.Item label={t('warnings.breachRate')}>{breachRate(w)}</Descriptions.Item> : null}
        <Descriptions.Item label={breaches ? t('warnings.expectedBreaches') : t('warnings.expected')}>{w.expected.toFixed(2)}</Descriptions.Item>
        <Descriptions.Item label={t('warnings.bound')}>{w.bound}</Descriptions.Item>
        <Descriptions.Item label={t('warnings.priorPeriods')}>{w.priorPeriods}</Descriptions.Item>
        <Descriptions.Item label={t('warnings.status')} span={2}>
          <span data-testid="warning-status">
            <StatusTag status={w.status} />
          </span>
        </Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Title level={2} style={{ fontSize: 16 }}>{t('warnings.timeline')}</Typography.Title>
        <Timeline
          data-testid="warning-timeline"
          items={w.events.map((e) => ({
            color: EVENT_COLOR[e.kind],
            content: (
              <div>
                <div>
                  {eventText(e)}
                  <Typography.Text type="secondary"> · {formatDateTime(e.at, i18n.language)}</Typography.Text>
                </div>
                {e.comment ? <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{e.comment}</Typography.Text> : null}
              </div>
            ),
          }))}
        />
      </div>
      {w.notices.length ? <Notices w={w} canAnswer={canAnswer} /> : null}
      {canNotify ? awaiting ? <Alert type="info" showIcon title={t('warnings.noticeOpenHint')} /> : <NoticeForm id={w.id} /> : null}
      {canAcknowledge ? <AcknowledgeForm id={w.id} /> : null}
      <div>
        <Typography.Title level={2} style={{ fontSize: 16 }}>{t(breaches ? 'warnings.casesBreaches' : 'warnings.cases', { n: w.cases.length })}</Typography.Title>
        <Table<WarningCase> data-testid="warning-cases" rowKey="id" size="small" columns={caseColumns} dataSource={w.cases} pagination={{ pageSize: 10, hideOnSinglePage: true }} />
      </div>
    </Space>
  );
}

const EVENT_COLOR: Record<WarningEventView['kind'], string> = { raised: 'red', acknowledged: 'green', notice_sent: 'orange', notice_answered: 'blue' };

/** The notices, oldest first: the regulator's text and answer-by day, the institution's answer or, for its admin, the form to answer. */
function Notices({ w, canAnswer }: { w: WarningDetail; canAnswer: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <div data-testid="warning-notices">
      <Typography.Title level={2} style={{ fontSize: 16 }}>{t('warnings.notices')}</Typography.Title>
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {w.notices.map((n: WarningNoticeView) => (
          <Card
            key={n.id}
            size="small"
            data-testid={`warning-notice-${n.id}`}
            title={
              <span>
                {n.regulatorName ?? '—'} · {n.sentByName ?? '—'}
                <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                  {' '}
                  · {formatDateTime(n.sentAt, i18n.language)}
                </Typography.Text>
              </span>
            }
            extra={n.answeredAt ? <Tag color="blue">{t('warnings.noticeStates.answered')}</Tag> : <Tag color="orange">{t('warnings.noticeAwaiting')}</Tag>}
          >
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{n.text}</Typography.Paragraph>
            {n.answerBy ? <Typography.Text type="warning">{t('warnings.answerByText', { date: n.answerBy })}</Typography.Text> : null}
            {n.answer ? (
              <Alert
                style={{ marginTop: 8 }}
                type="success"
                title={`${t('warnings.answerOf', { name: n.answeredByName ?? '—' })} · ${formatDateTime(n.answeredAt, i18n.language)}`}
                description={<span style={{ whiteSpace: 'pre-wrap' }}>{n.answer}</span>}
              />
            ) : canAnswer ? (
              <AnswerForm warningId={w.id} noticeId={n.id} />
            ) : null}
          </Card>
        ))}
      </Space>
    </div>
  );
}

function NoticeForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text: string; answerBy?: Dayjs | null }>();
  const [error, setError] = useState<unknown>(null);
  const today = todayInShanghai();
  const send = useMutation({
    mutationFn: (v: { text: string; answerBy?: string }) => warningsApi.sendNotice(id, v.text, v.answerBy),
    onSuccess: (detail) => {
      setError(null);
      form.resetFields();
      queryClient.setQueryData(warningKeys.one(id), detail);
      void queryClient.invalidateQueries({ queryKey: warningKeys.lists });
      void message.success(t('warnings.noticeSentOk'));
    },
    onError: (e) => setError(e),
  });
  return (
    <Card size="small" title={t('warnings.sendNotice')}>
      <ProblemAlert error={error} />
      <Form form={form} layout="vertical" onFinish={(v) => send.mutate({ text: v.text.trim(), answerBy: v.answerBy ? v.answerBy.format('YYYY-MM-DD') : undefined })}>
        <Form.Item name="text" label={t('warnings.noticeText')} rules={[{ required: true, whitespace: true, message: t('warnings.noticeTextRequired') }, { max: 2000 }]}>
          <Input.TextArea data-testid="notice-text" rows={3} maxLength={2000} showCount placeholder={t('warnings.noticeTextPlaceholder')} />
        </Form.Item>
        <Form.Item name="answerBy" label={t('warnings.answerBy')}>
          <DatePicker data-testid="notice-answer-by" disabledDate={(d) => d.isBefore(dayjs(today), 'day')} style={{ width: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={send.isPending} data-testid="notice-send">
          {t('warnings.sendNotice')}
        </Button>
      </Form>
    </Card>
  );
}

function AnswerForm({ warningId, noticeId }: { warningId: string; noticeId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text: string }>();
  const [error, setError] = useState<unknown>(null);
  const answer = useMutation({
    mutationFn: (text: string) => warningsApi.answerNotice(warningId, noticeId, text),
    onSuccess: (detail) => {
      setError(null);
      queryClient.setQueryData(warningKeys.one(warningId), detail);
      void queryClient.invalidateQueries({ queryKey: warningKeys.lists });
      void message.success(t('warnings.answeredOk'));
    },
    onError: (e) => setError(e),
  });
  return (
    <div style={{ marginTop: 8 }}>
      <ProblemAlert error={error} />
      <Form form={form} layout="vertical" onFinish={(v) => answer.mutate(v.text.trim())}>
        <Form.Item name="text" label={t('warnings.answerText')} rules={[{ required: true, whitespace: true, message: t('warnings.answerRequired') }, { max: 2000 }]}>
          <Input.TextArea data-testid="notice-answer-text" rows={3} maxLength={2000} showCount placeholder={t('warnings.answerPlaceholder')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={answer.isPending} data-testid="notice-answer-submit">
          {t('warnings.answerSubmit')}
        </Button>
      </Form>
    </div>
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
