import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import type { QualityReviewView, QualityRule, QualityScoreRow, ReviewStatus } from '@accord/contracts';
import { qualityApi, qualityKeys } from '../api/quality';
import { hasAnyRole, useCurrentUser } from '../auth/AuthContext';
import { ProblemAlert } from '../components/ProblemAlert';
import { Nowrap } from '../components/Nowrap';
import { applyFieldErrors, errorMessage } from '../lib/errors';
import { formatDate, formatDateTime, todayInShanghai } from '../lib/format';

const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** The queue (or a mediator's own reviews) with the scoring dialog for reviewers. */
function Reviews({ mine }: { mine: boolean }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ReviewStatus | undefined>(mine ? undefined : 'pending');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<QualityReviewView | null>(null);
  const q = useQuery({
    queryKey: [...qualityKeys.list({ status, page }), mine],
    queryFn: ({ signal }) => qualityApi.list({ status, page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<QualityReviewView> = [
    { title: t('quality.caseNumber'), key: 'case', render: (_, r) => <Link to={`/cases/${r.caseId}`}><Nowrap>{r.caseNumber}</Nowrap></Link> },
    { title: t('quality.mediator'), dataIndex: 'mediatorName', key: 'mediator' },
    { title: t('quality.outcome'), key: 'outcome', render: (_, r) => t(`outcomes.kind.${r.outcome}`, { defaultValue: r.outcome }) },
    { title: t('quality.reasons'), key: 'reasons', render: (_, r) => r.reasons.map((x) => <Tag key={x}>{t(`quality.reason.${x}`)}</Tag>) },
    { title: t('quality.concludedAt'), key: 'concluded', render: (_, r) => <Nowrap>{formatDate(r.concludedAt)}</Nowrap> },
    { title: t('quality.statusTitle'), key: 'status', render: (_, r) => <Tag color={r.status === 'reviewed' ? 'green' : 'gold'}>{t(`quality.status.${r.status}`)}</Tag> },
    { title: t('quality.score'), key: 'score', align: 'right', render: (_, r) => (r.totalScore === null ? '—' : `${r.totalScore} / ${r.maxScore}`) },
    { title: t('quality.reviewer'), dataIndex: 'reviewerName', key: 'reviewer', render: (v: string | null) => v ?? '—' },
    {
      title: '',
      key: 'action',
      render: (_, r) => (
        <Button size="small" type={r.mayReview ? 'primary' : 'default'} data-testid={`review-${r.caseNumber}`} onClick={() => setOpen(r)}>
          {r.mayReview ? t('quality.review') : t('quality.view')}
        </Button>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      {!mine && (
        <Select
          aria-label={t('quality.allStatuses')}
          style={{ width: 160 }}
          value={status ?? 'all'}
          onChange={(v) => {
            setStatus(v === 'all' ? undefined : (v as ReviewStatus));
            setPage(1);
          }}
          options={[{ value: 'all', label: t('quality.allStatuses') }, { value: 'pending', label: t('quality.status.pending') }, { value: 'reviewed', label: t('quality.status.reviewed') }]}
        />
      )}
      <ProblemAlert error={q.error} />
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={q.data?.items}
        loading={q.isFetching}
        locale={{ emptyText: t('quality.empty') }}
        pagination={{ current: page, pageSize: 20, total: q.data?.total, onChange: setPage, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
      />
      {open && <ReviewDialog review={open} onClose={() => setOpen(null)} />}
    </Flex>
  );
}

/** A reviewer scores each checklist item and writes findings, or returns the agreement draft; others read the review. */
function ReviewDialog({ review, onClose }: { review: QualityReviewView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ scores: Record<string, number>; findings: string }>();
  const [returning, setReturning] = useState(false);
  const [note, setNote] = useState('');
  const rule = useQuery({ queryKey: qualityKeys.rule, queryFn: ({ signal }) => qualityApi.rule(signal), enabled: review.mayReview });
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: qualityKeys.all });
    onClose();
  };
  const score = useMutation({
    mutationFn: (v: { scores: Record<string, number>; findings: string }) =>
      qualityApi.score(review.id, Object.entries(v.scores).map(([key, s]) => ({ key, score: s })), v.findings),
    onSuccess: () => {
      void message.success(t('quality.scored'));
      done();
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err)) void message.error(errorMessage(err, t));
    },
  });
  const giveBack = useMutation({
    mutationFn: () => qualityApi.returnAgreement(review.id, note),
    onSuccess: () => {
      void message.success(t('quality.returned'));
      done();
    },
    onError: (err) => void message.error(errorMessage(err, t)),
  });
  const items = review.mayReview ? (rule.data?.checklist ?? []) : review.scores;
  return (
    <Modal
      open
      title={t('quality.scoreTitle', { caseNumber: review.caseNumber })}
      onCancel={onClose}
      width={640}
      footer={
        review.mayReview ? (
          <Space>
            {review.outcome === 'settled' && (
              <Button onClick={() => setReturning((x) => !x)} data-testid="return-agreement">
                {t('quality.returnAgreement')}
              </Button>
            )}
            <Button type="primary" loading={score.isPending} onClick={() => form.submit()} data-testid="submit-review">
              {t('quality.submit')}
            </Button>
          </Space>
        ) : null
      }
    >
      {review.agreementReturnNote && <Typography.Paragraph type="warning">{t('quality.agreementReturned', { note: review.agreementReturnNote })}</Typography.Paragraph>}
      {review.mayReview ? (
        <Form form={form} name="quality-review" layout="horizontal" labelCol={{ span: 14 }} onFinish={(v) => score.mutate(v)}>
          {items.map((i) => (
            <Form.Item key={i.key} label={`${i.label}（${i.maxScore}）`} name={['scores', i.key]} rules={[{ required: true, message: t('quality.score') }]}>
              <InputNumber min={0} max={i.maxScore} precision={0} aria-label={i.label} data-testid={`score-${i.key}`} />
            </Form.Item>
          ))}
          <Form.Item label={t('quality.findings')} name="findings" labelCol={{ span: 24 }} rules={[{ required: true, whitespace: true, message: t('quality.findingsRequired') }]}>
            <Input.TextArea rows={3} maxLength={4000} aria-label={t('quality.findings')} />
          </Form.Item>
          {returning && (
            <Flex gap={8} align="start">
              <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('quality.returnNote')} aria-label={t('quality.returnNote')} maxLength={1000} />
              <Button danger disabled={!note.trim()} loading={giveBack.isPending} onClick={() => giveBack.mutate()}>
                {t('quality.returnAgreement')}
              </Button>
            </Flex>
          )}
        </Form>
      ) : (
        <Flex vertical gap={8}>
          {review.status === 'pending' && review.mediatorId !== null && <Typography.Text type="secondary">{t(`quality.status.pending`)}</Typography.Text>}
          {items.map((i) => (
            <Flex key={i.key} justify="space-between">
              <span>{i.label}</span>
              <span>
                {'score' in i ? String(i.score) : '—'} / {i.maxScore}
              </span>
            </Flex>
          ))}
          {review.totalScore !== null && <Typography.Text strong>{t('quality.total', { total: review.totalScore, max: review.maxScore })}</Typography.Text>}
          {review.findings && (
            <Typography.Paragraph>
              {t('quality.findings')}：{review.findings}
            </Typography.Paragraph>
          )}
          {review.reviewedAt && (
            <Typography.Text type="secondary">
              {review.reviewerName} · {formatDateTime(review.reviewedAt)}
            </Typography.Text>
          )}
        </Flex>
      )}
    </Modal>
  );
}

/** Review scores per mediator and month beside the success rate, with the 口径 of both. */
function Scores() {
  const { t, i18n } = useTranslation();
  const to = todayInShanghai().slice(0, 7);
  const [fromY, fromM] = to.split('-').map(Number);
  const from = `${fromM > 5 ? fromY : fromY - 1}-${String(((fromM + 6) % 12) + 1).padStart(2, '0')}`;
  const q = useQuery({ queryKey: qualityKeys.scores(from, to), queryFn: ({ signal }) => qualityApi.scores(from, to, signal) });
  const columns: TableColumnsType<QualityScoreRow> = [
    { title: t('quality.month'), dataIndex: 'month', key: 'month' },
    { title: t('quality.mediator'), dataIndex: 'mediatorName', key: 'mediator' },
    { title: t('quality.reviews'), dataIndex: 'reviews', key: 'reviews', align: 'right' },
    { title: t('quality.averagePercent'), key: 'avg', align: 'right', render: (_, r) => (r.averagePercent === null ? '—' : r.averagePercent.toFixed(1)) },
    { title: t('quality.concluded'), dataIndex: 'concluded', key: 'concluded', align: 'right' },
    { title: t('quality.settled'), dataIndex: 'settled', key: 'settled', align: 'right' },
    { title: t('quality.successRate'), key: 'rate', align: 'right', render: (_, r) => percent(r.successRate) },
  ];
  return (
    <Flex vertical gap={12}>
      <ProblemAlert error={q.error} />
      <Table rowKey={(r) => `${r.month}-${r.mediatorId}`} size="small" columns={columns} dataSource={q.data?.items} loading={q.isFetching} pagination={false} data-testid="quality-scores" />
      <Card size="small" title={t('quality.definitions')}>
        {q.data?.definitions.map((d) => (
          <Typography.Paragraph key={d.key} style={{ marginBottom: 4 }}>
            {i18n.language.startsWith('zh') ? d.zh : d.en}
          </Typography.Paragraph>
        ))}
      </Card>
    </Flex>
  );
}

/** The center admin's sampling rule, checklist editor and draw by period. */
function RuleEditor() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Omit<QualityRule, 'updatedAt'>>();
  const [period, setPeriod] = useState<[Dayjs, Dayjs] | null>(null);
  const rule = useQuery({ queryKey: qualityKeys.rule, queryFn: ({ signal }) => qualityApi.rule(signal) });
  useEffect(() => {
    if (rule.data) form.setFieldsValue(rule.data);
  }, [rule.data, form]);
  const save = useMutation({
    mutationFn: (v: Omit<QualityRule, 'updatedAt'>) => qualityApi.saveRule(v),
    onSuccess: (data) => {
      queryClient.setQueryData(qualityKeys.rule, data);
      void message.success(t('quality.saved'));
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err)) void message.error(errorMessage(err, t));
    },
  });
  const draw = useMutation({
    mutationFn: () => qualityApi.draw(period![0].format('YYYY-MM-DD'), period![1].format('YYYY-MM-DD')),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: qualityKeys.all });
      void message.success(t('quality.drawn', r));
    },
    onError: (err) => void message.error(errorMessage(err, t)),
  });
  return (
    <Flex vertical gap={16}>
      <Form form={form} name="quality-rule" layout="vertical" onFinish={(v) => save.mutate(v)} style={{ maxWidth: 760 }}>
        <Typography.Title level={5}>{t('quality.ruleTitle')}</Typography.Title>
        <Form.Item name="includeNotSettled" valuePropName="checked" style={{ marginBottom: 4 }}>
          <Checkbox>{t('quality.includeNotSettled')}</Checkbox>
        </Form.Item>
        <Form.Item name="includeTerminated" valuePropName="checked" style={{ marginBottom: 4 }}>
          <Checkbox>{t('quality.includeTerminated')}</Checkbox>
        </Form.Item>
        <Form.Item name="includeBreached" valuePropName="checked">
          <Checkbox>{t('quality.includeBreached')}</Checkbox>
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="settledPercent" label={t('quality.settledPercent')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} precision={0} />
          </Form.Item>
          <Form.Item name="seed" label={t('quality.seed')} extra={t('quality.seedHelp')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={64} style={{ width: 240 }} />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{t('quality.checklist')}</Typography.Title>
        <Form.List name="checklist">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap data-testid="checklist-item">
                  <Form.Item name={[f.name, 'key']} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('quality.itemKey') }]} style={{ marginBottom: 0 }}>
                    <Input placeholder={t('quality.itemKey')} aria-label={t('quality.itemKey')} style={{ width: 130 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, whitespace: true, message: t('quality.itemLabel') }]} style={{ marginBottom: 0 }}>
                    <Input placeholder={t('quality.itemLabel')} aria-label={t('quality.itemLabel')} maxLength={100} style={{ width: 320 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'maxScore']} rules={[{ required: true, message: t('quality.itemMax') }]} style={{ marginBottom: 0 }}>
                    <InputNumber min={1} max={100} precision={0} aria-label={t('quality.itemMax')} placeholder={t('quality.itemMax')} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label={t('quality.remove')} disabled={fields.length <= 1} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ key: '', label: '', maxScore: 10 })} style={{ alignSelf: 'flex-start' }} disabled={fields.length >= 20}>
                {t('quality.addItem')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 16 }}>
          {t('quality.save')}
        </Button>
      </Form>
      <Space wrap>
        <span>{t('quality.drawPeriod')}</span>
        <DatePicker.RangePicker value={period} onChange={(v) => setPeriod(v && v[0] && v[1] ? [v[0], v[1]] : null)} aria-label={t('quality.drawPeriod')} />
        <Button disabled={!period} loading={draw.isPending} onClick={() => draw.mutate()}>
          {t('quality.draw')}
        </Button>
      </Space>
    </Flex>
  );
}

/**
 * 质量评查: the center admin sets the rule and checklist, sees the queue and the scores; a reviewer
 * works the queue; a mediator reads the reviews of their own cases.
 */
export default function QualityPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queue = hasAnyRole(me, ['center_admin', 'quality_reviewer']);
  const admin = hasAnyRole(me, ['center_admin']);
  const mediator = hasAnyRole(me, ['mediator']);
  const tabs = [
    ...(queue ? [{ key: 'queue', label: t('quality.tabs.queue'), children: <Reviews mine={false} /> }] : []),
    ...(mediator && !queue ? [{ key: 'mine', label: t('quality.tabs.mine'), children: <Reviews mine /> }] : []),
    ...(queue ? [{ key: 'scores', label: t('quality.tabs.scores'), children: <Scores /> }] : []),
    ...(admin ? [{ key: 'rule', label: t('quality.tabs.rule'), children: <RuleEditor /> }] : []),
  ];
  return (
    <Card title={t('quality.title')}>
      <Typography.Paragraph type="secondary">{t('quality.intro')}</Typography.Paragraph>
      <Tabs items={tabs} />
    </Card>
  );
}
