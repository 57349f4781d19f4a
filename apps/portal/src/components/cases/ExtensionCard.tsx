import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Form, Input, InputNumber, List, Modal, Popconfirm, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MAX_EXTENSION_DAYS, type CaseDetail, type ExtensionState } from '@accord/contracts';
import { caseKeys } from '../../api/cases';
import { extensionKeys, extensionsApi, type CaseExtensionView } from '../../api/extensions';
import { useCurrentUser } from '../../auth/AuthContext';
import { errorMessage } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';

const STATE_COLORS: Record<ExtensionState, string> = { pending: 'processing', agreed: 'green', declined: 'red', withdrawn: 'default' };

function Answer({ at, by, declined }: { at: string | null; by?: string | null; declined: boolean }) {
  const { t } = useTranslation();
  if (declined) return <Tag color="red">{t('extension.declined')}</Tag>;
  if (!at) return <Tag>{t('extension.waiting')}</Tag>;
  return (
    <span>
      <Tag color="green">{t('extension.agreed')}</Tag>
      {formatDateTime(at)}
      {by ? ` · ${by}` : ''}
    </span>
  );
}

function Proposal({ e }: { e: CaseExtensionView }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={1} bordered data-testid={`extension-${e.status}`}>
      <Descriptions.Item label={t('extension.status')}>
        <Tag color={STATE_COLORS[e.status]} data-testid="extension-status">
          {t(`extension.state.${e.status}`)}
        </Tag>
        {t('extension.daysLine', { days: e.days, from: formatDate(e.previousDueOn), to: formatDate(e.newDueOn) })}
      </Descriptions.Item>
      <Descriptions.Item label={t('extension.reason')}>
        <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{e.reason}</Typography.Text>
        <Typography.Text type="secondary">{` — ${e.proposedByName ?? ''} ${formatDateTime(e.proposedAt)}`}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('extension.bank')}>
        <Answer at={e.institutionAgreedAt} by={e.institutionAgreedByName} declined={e.declinedBy === 'institution'} />
      </Descriptions.Item>
      <Descriptions.Item label={t('extension.consumer')}>
        <Answer at={e.consumerAgreedAt} declined={e.declinedBy === 'consumer'} />
      </Descriptions.Item>
      {e.declineNote ? <Descriptions.Item label={t('extension.declineNote')}>{e.declineNote}</Descriptions.Item> : null}
    </Descriptions>
  );
}

/**
 * The mediation clock and its one extension on the case page: the center proposes (days and
 * reason) and may withdraw; the bank agrees or declines; the consumer answers on their SMS link.
 * Shown once the first session started the clock.
 */
export function ExtensionCard({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const [proposing, setProposing] = useState(false);
  const [declining, setDeclining] = useState<CaseExtensionView | null>(null);
  const [form] = Form.useForm<{ days: number; reason: string }>();
  const [note, setNote] = useState('');
  const started = Boolean(c.mediationStartedOn);
  const q = useQuery({ queryKey: extensionKeys.list(c.id), queryFn: ({ signal }) => extensionsApi.list(c.id, signal), enabled: started });
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: caseKeys.one(c.id) });
  };
  const propose = useMutation({
    mutationFn: (v: { days: number; reason: string }) => extensionsApi.propose(c.id, v),
    onSuccess: () => {
      setProposing(false);
      form.resetFields();
      message.success(t('extension.proposed'));
      done();
    },
    onError: (err) => message.error(errorMessage(err, t)),
  });
  const withdraw = useMutation({ mutationFn: (id: string) => extensionsApi.withdraw(c.id, id), onSuccess: done, onError: (err) => message.error(errorMessage(err, t)) });
  const answer = useMutation({
    mutationFn: (v: { id: string; answer: 'agreed' | 'declined'; note?: string }) => extensionsApi.answer(c.id, v.id, { answer: v.answer, note: v.note }),
    onSuccess: () => {
      setDeclining(null);
      setNote('');
      done();
    },
    onError: (err) => message.error(errorMessage(err, t)),
  });
  if (!started || user.organisation.kind === 'regulator') return null;
  const items = q.data?.items ?? [];
  const pending = items.find((e) => e.status === 'pending');
  // Who proposed may withdraw: the intake side, the center admin, the case's own mediator.
  const mayWithdraw = user.organisation.kind === 'center' && (user.roles.some((r) => r === 'center_admin' || r === 'intake_officer') || c.mediatorId === user.id);

  return (
    <Card
      title={t('extension.title')}
      data-testid="extension-card"
      extra={
        q.data?.canPropose ? (
          <Button onClick={() => setProposing(true)} data-testid="extension-propose">
            {t('extension.propose')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">
        {t('extension.intro', { started: formatDate(c.mediationStartedOn), due: c.mediationClock.dueOn ? formatDate(c.mediationClock.dueOn) : '—' })}
        {c.mediationExtensionDays ? ` ${t('extension.extendedBy', { days: c.mediationExtensionDays })}` : ''}
      </Typography.Paragraph>
      {items.length ? (
        <List dataSource={items} renderItem={(e) => <List.Item key={e.id}><Proposal e={e} /></List.Item>} />
      ) : (
        <Typography.Text type="secondary">{t('extension.none')}</Typography.Text>
      )}
      {pending ? (
        <Flex gap={8} style={{ marginTop: 12 }} wrap>
          {q.data?.canAnswer ? (
            <>
              <Popconfirm title={t('extension.agreeConfirm', { days: pending.days, to: formatDate(pending.newDueOn) })} onConfirm={() => answer.mutate({ id: pending.id, answer: 'agreed' })}>
                <Button type="primary" loading={answer.isPending} data-testid="extension-agree">
                  {t('extension.agree')}
                </Button>
              </Popconfirm>
              <Button danger onClick={() => setDeclining(pending)} data-testid="extension-decline">
                {t('extension.decline')}
              </Button>
            </>
          ) : null}
          {mayWithdraw ? (
            <Popconfirm title={t('extension.withdrawConfirm')} onConfirm={() => withdraw.mutate(pending.id)}>
              <Button loading={withdraw.isPending} data-testid="extension-withdraw">
                {t('extension.withdraw')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      ) : null}
      <Modal
        open={proposing}
        title={t('extension.proposeTitle')}
        onCancel={() => setProposing(false)}
        onOk={() => form.submit()}
        okText={t('extension.send')}
        confirmLoading={propose.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('extension.proposeHint', { max: MAX_EXTENSION_DAYS })}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => propose.mutate({ days: v.days, reason: v.reason.trim() })}>
          <Form.Item name="days" label={t('extension.days')} rules={[{ required: true, message: t('extension.daysRequired', { max: MAX_EXTENSION_DAYS }) }]}>
            <InputNumber min={1} max={MAX_EXTENSION_DAYS} precision={0} style={{ width: 160 }} data-testid="extension-days" />
          </Form.Item>
          <Form.Item name="reason" label={t('extension.reason')} rules={[{ required: true, min: 2, message: t('extension.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="extension-reason" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={declining !== null}
        title={t('extension.declineTitle')}
        onCancel={() => setDeclining(null)}
        onOk={() => declining && answer.mutate({ id: declining.id, answer: 'declined', note: note.trim() || undefined })}
        okText={t('extension.decline')}
        okButtonProps={{ danger: true }}
        confirmLoading={answer.isPending}
      >
        <Input.TextArea rows={3} maxLength={300} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('extension.declineNotePlaceholder')} />
      </Modal>
    </Card>
  );
}
