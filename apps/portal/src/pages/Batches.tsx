import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, InputNumber, Modal, Progress, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { BatchApplyResult, BatchMemberView, BatchSuggestion, CaseBatchView, Channel } from '@accord/contracts';
import { batchesApi, batchKeys } from '../api/batches';
import { casesApi, caseKeys } from '../api/cases';
import { hasAnyRole, useCurrentUser } from '../auth/AuthContext';
import { StatusTag } from '../components/cases/CaseTags';
import { Nowrap } from '../components/Nowrap';
import { ProblemAlert } from '../components/ProblemAlert';
import { applyFieldErrors, errorMessage } from '../lib/errors';
import { formatDate, formatDateTime } from '../lib/format';

/** The member cases of a batch or a suggestion: number, consumer (masked), state, mediator, outcome. */
function MemberTable({ members, selectable, selected, onSelect }: { members: BatchMemberView[]; selectable?: boolean; selected?: string[]; onSelect?: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<BatchMemberView> = [
    { title: t('batches.caseNumber'), key: 'number', render: (_, m) => <Link to={`/cases/${m.caseId}`}><Nowrap>{m.caseNumber}</Nowrap></Link> },
    { title: t('batches.consumer'), dataIndex: 'consumerNameMasked', key: 'consumer' },
    { title: t('batches.status'), key: 'status', render: (_, m) => <StatusTag status={m.status} testId={`member-status-${m.caseNumber}`} /> },
    { title: t('batches.mediator'), key: 'mediator', render: (_, m) => m.mediatorName ?? '—' },
    { title: t('batches.submittedAt'), key: 'submitted', render: (_, m) => <Nowrap>{formatDate(m.submittedAt)}</Nowrap> },
  ];
  return (
    <Table
      rowKey="caseId"
      size="small"
      columns={columns}
      dataSource={members}
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowSelection={selectable ? { selectedRowKeys: selected, onChange: (keys) => onSelect?.(keys as string[]) } : undefined}
    />
  );
}

function Totals() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: batchKeys.totals, queryFn: ({ signal }) => batchesApi.totals(signal) });
  return (
    <Row gutter={12} data-testid="batch-totals">
      {(['batches', 'openBatches', 'casesInBatches', 'settledInBatches'] as const).map((k) => (
        <Col key={k} xs={12} md={6}>
          <Card size="small">
            <Statistic title={t(`batches.totals.${k}`)} value={q.data?.[k] ?? '—'} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function BatchList() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const q = useQuery({ queryKey: batchKeys.list(page), queryFn: ({ signal }) => batchesApi.list(page, signal), placeholderData: keepPreviousData });
  const columns: TableColumnsType<CaseBatchView> = [
    { title: t('batches.label'), key: 'label', render: (_, b) => <Link to={`/batches/${b.id}`} data-testid={`batch-${b.label}`}>{b.label}</Link> },
    { title: t('batches.institution'), dataIndex: 'institutionName', key: 'institution' },
    { title: t('batches.disputeType'), key: 'dispute', render: (_, b) => t(`disputeType.${b.disputeType}`) },
    { title: t('batches.lead'), dataIndex: 'leadMediatorName', key: 'lead' },
    { title: t('batches.progress'), key: 'progress', render: (_, b) => <BatchProgress batch={b} /> },
    { title: t('batches.createdAt'), key: 'created', render: (_, b) => <Nowrap>{formatDateTime(b.createdAt)}</Nowrap> },
  ];
  return (
    <Flex vertical gap={12}>
      <ProblemAlert error={q.error} />
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={q.data?.items}
        loading={q.isFetching}
        locale={{ emptyText: t('batches.empty') }}
        pagination={{ current: page, pageSize: 20, total: q.data?.total, onChange: setPage, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
      />
    </Flex>
  );
}

function BatchProgress({ batch }: { batch: CaseBatchView }) {
  const { t } = useTranslation();
  return (
    <Space>
      <Progress type="line" size="small" style={{ width: 120 }} percent={batch.cases ? Math.round((batch.concluded * 100) / batch.cases) : 0} showInfo={false} />
      <Nowrap>{t('batches.progressText', { concluded: batch.concluded, cases: batch.cases, settled: batch.settled })}</Nowrap>
    </Space>
  );
}

/** Candidates: open cases of one institution and dispute type within the filing window (and a product keyword); intake picks and builds a batch. */
function Suggestions() {
  const { t } = useTranslation();
  const [keyword, setKeyword] = useState('');
  const [search, setSearch] = useState({ keyword: '', days: 30 });
  const [days, setDays] = useState(30);
  const [creating, setCreating] = useState<{ suggestion: BatchSuggestion; caseIds: string[] } | null>(null);
  const [selected, setSelected] = useState<Record<number, string[]>>({});
  const q = useQuery({ queryKey: batchKeys.suggestions(search.keyword, search.days), queryFn: ({ signal }) => batchesApi.suggestions(search.keyword, search.days, signal) });
  return (
    <Flex vertical gap={12}>
      <Space wrap>
        <Input
          aria-label={t('batches.keyword')}
          placeholder={t('batches.keywordPlaceholder')}
          value={keyword}
          onChange={(e) => setKeyword(e.target.value)}
          style={{ width: 240 }}
          data-testid="suggest-keyword"
        />
        <Space>
          <Typography.Text>{t('batches.window')}</Typography.Text>
          <InputNumber aria-label={t('batches.window')} min={1} max={180} value={days} onChange={(v) => setDays(v ?? 30)} addonAfter={t('batches.days')} />
        </Space>
        <Button type="primary" data-testid="suggest-search" onClick={() => setSearch({ keyword: keyword.trim(), days })}>
          {t('batches.search')}
        </Button>
      </Space>
      <Typography.Text type="secondary">{t('batches.suggestHelp')}</Typography.Text>
      <ProblemAlert error={q.error} />
      {q.data && !q.data.items.length && <Empty description={t('batches.noSuggestions')} />}
      {q.data?.items.map((s, i) => {
        const ids = selected[i] ?? s.members.map((m) => m.caseId);
        return (
          <Card
            key={`${s.institutionId}-${s.disputeType}-${s.firstSubmittedAt}`}
            size="small"
            data-testid="suggestion"
            title={
              <Space wrap>
                <span>{s.institutionName}</span>
                <Tag>{t(`disputeType.${s.disputeType}`)}</Tag>
                {s.keyword && <Tag color="blue">{s.keyword}</Tag>}
                <Typography.Text type="secondary">{t('batches.filed', { from: formatDate(s.firstSubmittedAt), to: formatDate(s.lastSubmittedAt), count: s.members.length })}</Typography.Text>
              </Space>
            }
            extra={
              <Button type="primary" size="small" disabled={ids.length < 2} data-testid="suggestion-create" onClick={() => setCreating({ suggestion: s, caseIds: ids })}>
                {t('batches.create')}
              </Button>
            }
          >
            <MemberTable members={s.members} selectable selected={ids} onSelect={(keys) => setSelected({ ...selected, [i]: keys })} />
          </Card>
        );
      })}
      {creating && <CreateDialog suggestion={creating.suggestion} caseIds={creating.caseIds} onClose={() => setCreating(null)} />}
    </Flex>
  );
}

function CreateDialog({ suggestion, caseIds, onClose }: { suggestion: BatchSuggestion; caseIds: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ label: string; leadMediatorId: string }>();
  const mediators = useQuery({ queryKey: caseKeys.caseload, queryFn: ({ signal }) => casesApi.caseload(signal) });
  const create = useMutation({
    mutationFn: (v: { label: string; leadMediatorId: string }) => batchesApi.create({ ...v, caseIds }),
    onSuccess: (batch) => {
      void queryClient.invalidateQueries({ queryKey: batchKeys.all });
      void message.success(t('batches.created'));
      navigate(`/batches/${batch.id}`);
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err)) void message.error(errorMessage(err, t));
    },
  });
  return (
    <Modal open title={t('batches.createTitle', { count: caseIds.length })} onCancel={onClose} onOk={() => form.submit()} okText={t('batches.create')} okButtonProps={{ loading: create.isPending, 'data-testid': 'create-batch' }}>
      <Form form={form} layout="vertical" initialValues={{ label: suggestion.keyword ?? '' }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="label" label={t('batches.label')} extra={t('batches.labelHelp')} rules={[{ required: true, whitespace: true, message: t('batches.labelRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="leadMediatorId" label={t('batches.lead')} rules={[{ required: true, message: t('batches.leadRequired') }]}>
          <Select
            data-testid="lead-mediator"
            loading={mediators.isLoading}
            options={(mediators.data?.items ?? []).map((m) => ({ value: m.mediatorId, label: `${m.name}${m.affiliatedInstitutionName ? `（${m.affiliatedInstitutionName}）` : ''}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function BatchesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const intake = hasAnyRole(user, ['center_admin', 'intake_officer']);
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('batches.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('batches.intro')}
      </Typography.Paragraph>
      <Totals />
      <Tabs
        items={[
          { key: 'list', label: t('batches.tabs.list'), children: <BatchList /> },
          ...(intake ? [{ key: 'suggestions', label: t('batches.tabs.suggestions'), children: <Suggestions /> }] : []),
        ]}
      />
    </Flex>
  );
}

/** What applying to every case did: each case ok, or the reason it failed. */
function ApplyResult({ result }: { result: BatchApplyResult }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid="apply-result" title={t('batches.result', { succeeded: result.succeeded, failed: result.failed })}>
      <Table
        rowKey="caseId"
        size="small"
        pagination={false}
        dataSource={result.items}
        columns={[
          { title: t('batches.caseNumber'), key: 'n', render: (_, i) => <Nowrap>{i.caseNumber}</Nowrap> },
          { title: t('batches.outcome'), key: 'ok', render: (_, i) => (i.ok ? <Tag color="green">{t('batches.ok')}</Tag> : <Tag color="red">{t('batches.failed')}</Tag>) },
          { title: t('batches.reason'), key: 'why', render: (_, i) => (i.problem ? t(`problems.${i.problem.code}`, { defaultValue: i.problem.detail }) : '—') },
        ]}
      />
    </Card>
  );
}

type Action = 'book' | 'scheme' | null;

export function BatchDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const intake = hasAnyRole(user, ['center_admin', 'intake_officer']);
  const queryClient = useQueryClient();
  const [action, setAction] = useState<Action>(null);
  const [result, setResult] = useState<BatchApplyResult | null>(null);
  const q = useQuery({ queryKey: batchKeys.one(id), queryFn: ({ signal }) => batchesApi.get(id, signal) });
  const applied = (r: BatchApplyResult) => {
    setResult(r);
    setAction(null);
    void queryClient.invalidateQueries({ queryKey: batchKeys.all });
    void message[r.failed ? 'warning' : 'success'](t('batches.result', { succeeded: r.succeeded, failed: r.failed }));
  };
  const attach = useMutation({ mutationFn: (file: File) => batchesApi.attach(id, file), onSuccess: applied, onError: (err) => void message.error(errorMessage(err, t)) });
  const b = q.data;
  return (
    <Flex vertical gap={16}>
      <Link to="/batches">
        <ArrowLeftOutlined /> {t('batches.back')}
      </Link>
      <ProblemAlert error={q.error} />
      {b && (
        <>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('batches.detailTitle', { label: b.label })}
          </Typography.Title>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
            <Descriptions.Item label={t('batches.institution')}>{b.institutionName}</Descriptions.Item>
            <Descriptions.Item label={t('batches.disputeType')}>{t(`disputeType.${b.disputeType}`)}</Descriptions.Item>
            <Descriptions.Item label={t('batches.lead')}>{b.leadMediatorName}</Descriptions.Item>
            <Descriptions.Item label={t('batches.progress')}>
              <span data-testid="batch-progress">
                <BatchProgress batch={b} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('batches.createdAt')}>{formatDateTime(b.createdAt)}</Descriptions.Item>
          </Descriptions>
          {intake && (
            <Space wrap>
              <Button type="primary" data-testid="batch-book" onClick={() => setAction('book')}>
                {t('batches.book')}
              </Button>
              <Button data-testid="batch-scheme" onClick={() => setAction('scheme')}>
                {t('batches.scheme')}
              </Button>
              <Upload
                showUploadList={false}
                beforeUpload={(file) => {
                  attach.mutate(file);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={attach.isPending} data-testid="batch-attach">
                  {t('batches.attach')}
                </Button>
              </Upload>
            </Space>
          )}
          {result && <ApplyResult result={result} />}
          <Card size="small" title={t('batches.members', { count: b.cases })}>
            <MemberTable members={b.members ?? []} />
          </Card>
        </>
      )}
      {action === 'book' && <BookDialog batchId={id} onDone={applied} onClose={() => setAction(null)} />}
      {action === 'scheme' && <SchemeDialog batchId={id} onDone={applied} onClose={() => setAction(null)} />}
    </Flex>
  );
}

/** One session for all: channel, a Beijing time, the length, and why when outside the hours. */
function BookDialog({ batchId, onDone, onClose }: { batchId: string; onDone: (r: BatchApplyResult) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ channel: Channel; at: string; minutes: number; outsideHoursReason?: string }>();
  const book = useMutation({
    mutationFn: (v: { channel: Channel; at: string; minutes: number; outsideHoursReason?: string }) =>
      batchesApi.book(batchId, { channel: v.channel, startsAt: new Date(`${v.at}:00+08:00`).toISOString(), minutes: v.minutes, outsideHoursReason: v.outsideHoursReason?.trim() || undefined }),
    onSuccess: onDone,
    onError: (err) => {
      if (!applyFieldErrors(form, err)) void message.error(errorMessage(err, t));
    },
  });
  return (
    <Modal open title={t('batches.bookTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('batches.book')} okButtonProps={{ loading: book.isPending, 'data-testid': 'book-submit' }}>
      <Form form={form} layout="vertical" initialValues={{ channel: 'video', minutes: 60 }} onFinish={(v) => book.mutate(v)}>
        <Form.Item name="channel" label={t('batches.channel')}>
          <Select options={(['video', 'phone'] as const).map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
        </Form.Item>
        <Form.Item name="at" label={t('batches.startsAt')} rules={[{ required: true, message: t('batches.startsAtRequired') }]}>
          <Input type="datetime-local" data-testid="book-at" />
        </Form.Item>
        <Form.Item name="minutes" label={t('batches.minutes')}>
          <InputNumber min={15} max={480} step={15} />
        </Form.Item>
        <Form.Item name="outsideHoursReason" label={t('batches.outsideHoursReason')} extra={t('batches.outsideHoursHelp')}>
          <Input maxLength={300} data-testid="book-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SchemeDialog({ batchId, onDone, onClose }: { batchId: string; onDone: (r: BatchApplyResult) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; terms: string }>();
  const share = useMutation({
    mutationFn: (v: { title: string; terms: string }) => batchesApi.scheme(batchId, v),
    onSuccess: onDone,
    onError: (err) => {
      if (!applyFieldErrors(form, err)) void message.error(errorMessage(err, t));
    },
  });
  return (
    <Modal open title={t('batches.schemeTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('batches.share')} okButtonProps={{ loading: share.isPending, 'data-testid': 'scheme-submit' }}>
      <Typography.Paragraph type="secondary">{t('batches.schemeHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => share.mutate(v)}>
        <Form.Item name="title" label={t('batches.schemeName')} rules={[{ required: true, whitespace: true, message: t('batches.schemeNameRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="terms" label={t('batches.terms')} rules={[{ required: true, whitespace: true, message: t('batches.termsRequired') }]}>
          <Input.TextArea rows={5} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
