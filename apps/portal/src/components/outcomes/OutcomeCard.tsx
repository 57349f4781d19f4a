import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Form, Input, Select, Table, Tag, Typography, type DescriptionsProps, type TableColumnsType } from 'antd';
import { CheckOutlined, EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseStatus, ObligationStatus, ObligationView, Outcome, OutcomeView } from '@accord/contracts';
import { caseKeys, casesApi } from '../../api/cases';
import { downloadFile } from '../../api/http';
import { outcomesApi } from '../../api/outcomes';
import { useCurrentUser } from '../../auth/AuthContext';
import { applyFieldErrors, errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { formatFen } from '../../lib/money';
import { FormModal } from '../FormModal';
import { RecordOutcomeModal } from './RecordOutcomeModal';
import { Amount } from '../Nowrap';

const CENTER_WORKERS = ['center_admin', 'intake_officer', 'mediator'];
/** The bank's people who answer for the bank (a viewer reads only). */
const BANK_ACTORS = ['institution_admin', 'branch_manager', 'complaint_handler'];

const STATUS_COLOURS: Record<ObligationStatus, string> = { due: 'blue', performed: 'green', overdue: 'red' };
export const OUTCOME_COLOURS: Record<Outcome, string> = { settled: 'green', not_settled: 'orange', withdrawn: 'default', terminated: 'red' };

export function ObligationStatusTag({ status }: { status: ObligationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="obligation-status">
      {t(`outcomes.status.${status}`)}
    </Tag>
  );
}

/** Who may mark an obligation performed: the center any; the bank what the institution owes. */
function useMayPerform(): (o: ObligationView) => boolean {
  const me = useCurrentUser();
  const center = me.organisation.kind === 'center' && me.roles.some((r) => CENTER_WORKERS.includes(r));
  const bank = me.organisation.kind === 'institution' && me.roles.some((r) => BANK_ACTORS.includes(r));
  return (o) => o.status !== 'performed' && (center || (bank && o.owedBy === 'institution'));
}

interface PerformedValues {
  note: string;
  attachmentId?: string;
}

function PerformedModal({ caseId, obligation, onClose }: { caseId: string; obligation: ObligationView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PerformedValues>();
  const attachments = useQuery({
    queryKey: caseKeys.attachments(caseId),
    queryFn: ({ signal }) => casesApi.attachments(caseId, signal),
    enabled: obligation !== null,
  });
  const performed = useMutation({
    mutationFn: (v: PerformedValues) => outcomesApi.performed(caseId, obligation!.id, { note: v.note.trim(), attachmentId: v.attachmentId || undefined }),
    onSuccess: () => {
      void message.success(t('outcomes.performedDone'));
      void queryClient.invalidateQueries({ queryKey: caseKeys.one(caseId) });
      onClose();
    },
    onError: (err) => applyFieldErrors(form, err),
  });
  return (
    <FormModal<PerformedValues>
      open={obligation !== null}
      title={t('outcomes.performedTitle')}
      name="obligation-performed"
      form={form}
      pending={performed.isPending}
      error={performed.error}
      okText={t('outcomes.markPerformed')}
      onSubmit={(v) => performed.mutate(v)}
      onCancel={onClose}
      afterClose={() => performed.reset()}
    >
      {obligation ? (
        <Typography.Paragraph>
          {t(`outcomes.party.${obligation.owedBy}`)} · {obligation.description}
          {obligation.amountFen !== null ? ` · ${formatFen(obligation.amountFen)}` : ''} · {t('outcomes.dueOnShort', { day: obligation.dueOn })}
        </Typography.Paragraph>
      ) : null}
      <Form.Item
        name="note"
        label={t('outcomes.evidenceNote')}
        extra={t('outcomes.evidenceNoteHint')}
        rules={[{ required: true, whitespace: true, message: t('common.requiredField', { field: t('outcomes.evidenceNote') }) }]}
      >
        <Input.TextArea rows={3} maxLength={1000} data-testid="performed-note" />
      </Form.Item>
      <Form.Item name="attachmentId" label={t('outcomes.evidenceFile')} extra={t('outcomes.evidenceFileHint')}>
        <Select
          allowClear
          aria-label={t('outcomes.evidenceFile')}
          data-testid="performed-attachment"
          loading={attachments.isPending}
          notFoundContent={t('outcomes.noAttachments')}
          options={(attachments.data?.items ?? []).map((a) => ({ value: a.id, label: a.fileName }))}
        />
      </Form.Item>
    </FormModal>
  );
}

function ObligationsTable({ caseId, view }: { caseId: string; view: OutcomeView }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const mayPerform = useMayPerform();
  const canDownload = useCurrentUser().organisation.kind !== 'regulator';
  const [marking, setMarking] = useState<ObligationView | null>(null);
  const download = useMutation({
    mutationFn: (o: ObligationView) => downloadFile(casesApi.attachmentPath(caseId, o.evidenceAttachmentId!), o.evidenceFileName ?? 'evidence'),
    onError: (err) => void message.error(errorMessage(err, t)),
  });

  const columns: TableColumnsType<ObligationView> = [
    { title: t('outcomes.owedBy'), key: 'owedBy', width: 110, render: (_: unknown, o) => t(`outcomes.party.${o.owedBy}`) },
    { title: t('outcomes.what'), dataIndex: 'description', key: 'description' },
    { title: t('outcomes.amount'), key: 'amount', width: 130, render: (_: unknown, o) => <Amount fen={o.amountFen} /> },
    { title: t('outcomes.dueOn'), dataIndex: 'dueOn', key: 'dueOn', width: 120 },
    { title: t('outcomes.statusLabel'), key: 'status', width: 100, render: (_: unknown, o) => <ObligationStatusTag status={o.status} /> },
    {
      title: t('outcomes.evidence'),
      key: 'evidence',
      render: (_: unknown, o) =>
        o.performedAt ? (
          <div data-testid="obligation-evidence">
            <div>{o.evidenceNote}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(o.performedAt, i18n.language)}
            </Typography.Text>
            {o.evidenceAttachmentId ? (
              <div>
                {canDownload ? (
                  <Button type="link" size="small" style={{ padding: 0 }} icon={<PaperClipOutlined />} onClick={() => download.mutate(o)}>
                    {o.evidenceFileName}
                  </Button>
                ) : (
                  <span>
                    <PaperClipOutlined /> {o.evidenceFileName}
                  </span>
                )}
              </div>
            ) : null}
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_: unknown, o) =>
        mayPerform(o) ? (
          <Button size="small" icon={<CheckOutlined />} onClick={() => setMarking(o)} data-testid="obligation-mark-performed">
            {t('outcomes.markPerformed')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <Table<ObligationView>
        size="small"
        rowKey="id"
        pagination={false}
        columns={columns}
        dataSource={view.obligations}
        scroll={{ x: 800 }}
        data-testid="obligations-table"
        locale={{ emptyText: t('outcomes.noObligations') }}
      />
      <PerformedModal caseId={caseId} obligation={marking} onClose={() => setMarking(null)} />
    </>
  );
}

type DescriptionsItemType = NonNullable<DescriptionsProps['items']>[number];

/** 调解结果: what the mediation ended in, its terms, and (for a settlement) who owes what by when. */
export function OutcomeCard({ caseId, status, view }: { caseId: string; status: CaseStatus; view: OutcomeView }) {
  const { t, i18n } = useTranslation();
  const [amending, setAmending] = useState(false);
  const terms = view.terms;
  const items: DescriptionsItemType[] = [
    {
      key: 'outcome',
      label: t('outcomes.outcome'),
      children: (
        <Tag color={OUTCOME_COLOURS[view.outcome]} data-testid="outcome-result">
          {t(`outcomes.kind.${view.outcome}`)}
        </Tag>
      ),
    },
    { key: 'by', label: t('outcomes.recordedBy'), children: `${view.recordedByName} · ${formatDateTime(view.recordedAt, i18n.language)}` },
  ];
  if (view.outcome === 'settled' && terms) {
    items.push(
      { key: 'refund', label: t('outcomes.refund'), children: <Amount fen={terms.refundFen} data-testid="outcome-refund-value" /> },
      { key: 'waiver', label: t('outcomes.feeWaiver'), children: <Amount fen={terms.feeWaiverFen} data-testid="outcome-fee-waiver-value" /> },
      { key: 'settled', label: t('outcomes.settledAmount'), children: <strong><Amount fen={view.settledAmountFen} data-testid="outcome-settled-amount" /></strong> },
      {
        key: 'instalment',
        label: t('outcomes.instalment'),
        children: terms.instalment
          ? t('outcomes.instalmentText', { total: formatFen(terms.instalment.totalFen), count: terms.instalment.count, first: terms.instalment.firstDueOn })
          : t('outcomes.noInstalment'),
      },
    );
  }
  if (view.outcome === 'not_settled') {
    items.push(
      {
        key: 'routes',
        label: t('outcomes.otherRoutes'),
        span: 'filled',
        children: (
          <Flex wrap gap={4} data-testid="outcome-routes">
            {view.otherRoutes.map((r) => (
              <Tag key={r} style={{ margin: 0 }}>
                {t(`outcomes.route.${r}`)}
              </Tag>
            ))}
          </Flex>
        ),
      },
      { key: 'reason', label: t('outcomes.notSettledReason'), span: 'filled', children: <span style={{ whiteSpace: 'pre-wrap' }}>{view.notSettledReason ?? '—'}</span> },
    );
  }
  if (view.outcome === 'terminated' && view.terminationReason) {
    items.push({ key: 'termination', label: t('outcomes.terminationReason'), children: <>{t(`outcomes.termination.${view.terminationReason}`)}</> });
  }
  const wide = [
    ...(terms?.freeText ? [{ key: 'free', label: t('outcomes.freeText'), span: 'filled' as const, children: <span style={{ whiteSpace: 'pre-wrap' }}>{terms.freeText}</span> }] : []),
    ...(view.note ? [{ key: 'note', label: view.outcome === 'withdrawn' ? t('outcomes.withdrawnNote') : t('outcomes.note'), span: 'filled' as const, children: <span style={{ whiteSpace: 'pre-wrap' }}>{view.note}</span> }] : []),
  ];

  return (
    <Card
      title={t('outcomes.cardTitle')}
      data-testid="outcome-card"
      extra={
        view.amendable ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setAmending(true)} data-testid="outcome-amend">
            {t('outcomes.amend')}
          </Button>
        ) : null
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} items={[...items, ...wide]} />
      {view.outcome === 'settled' ? (
        <>
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
            {t('outcomes.obligations')}
          </Typography.Title>
          <ObligationsTable caseId={caseId} view={view} />
        </>
      ) : null}
      {/* mounted per opening: the form starts from the outcome as it stands now */}
      {view.amendable && amending ? <RecordOutcomeModal caseId={caseId} status={status} current={view} open onClose={() => setAmending(false)} /> : null}
    </Card>
  );
}
