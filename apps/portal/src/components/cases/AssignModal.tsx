import { useEffect, useMemo, useState } from 'react';
import { App, Empty, Flex, Form, Input, Radio, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, MediatorProposal } from '@accord/contracts';
import { caseKeys, casesApi } from '../../api/cases';
import { FormModal } from '../FormModal';

interface AssignValues {
  mediatorId?: string;
  overrideReason?: string;
}

function byRank(a: MediatorProposal, b: MediatorProposal): number {
  if (a.rank === null && b.rank === null) return a.name.localeCompare(b.name);
  if (a.rank === null) return 1;
  if (b.rank === null) return -1;
  return a.rank - b.rank;
}

/** Choose the mediator: the proposals in rank order, conflicts of interest not choosable. */
export function AssignModal({ c, open, onClose }: { c: CaseDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AssignValues>();
  const chosen = Form.useWatch('mediatorId', form);
  const [touched, setTouched] = useState(false);

  const proposals = useQuery({
    queryKey: caseKeys.proposals(c.id),
    queryFn: ({ signal }) => casesApi.proposals(c.id, signal),
    enabled: open,
    staleTime: 0,
  });
  const items = useMemo(() => [...(proposals.data?.items ?? [])].sort(byRank), [proposals.data]);
  const top = items.find((p) => p.rank === 1);
  // The consumer's own pick (on their consent link) comes first when it is assignable.
  const picked = items.find((p) => p.consumerChoice && !p.conflictOfInterest && !p.recused);
  const preselect = picked ?? top;

  // preselect the consumer's pick or the first proposal once they are loaded
  useEffect(() => {
    if (open && preselect && !touched && !form.getFieldValue('mediatorId')) form.setFieldValue('mediatorId', preselect.mediatorId);
  }, [open, preselect, touched, form]);

  const override = Boolean(chosen && top && chosen !== top.mediatorId && chosen !== picked?.mediatorId);

  const assign = useMutation({
    mutationFn: (v: AssignValues) => casesApi.assign(c.id, v.mediatorId ?? '', override ? v.overrideReason?.trim() : undefined),
    onSuccess: (updated) => {
      void message.success(t('caseDetail.assigned'));
      queryClient.setQueryData(caseKeys.detail(c.id), updated);
      void queryClient.invalidateQueries({ queryKey: caseKeys.one(c.id) });
      void queryClient.invalidateQueries({ queryKey: caseKeys.lists });
      onClose();
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: caseKeys.proposals(c.id) }),
  });

  return (
    <FormModal<AssignValues>
      open={open}
      title={t('caseDetail.assignTitle')}
      form={form}
      pending={assign.isPending}
      error={assign.error ?? proposals.error}
      onSubmit={(v) => assign.mutate(v)}
      onCancel={onClose}
      afterClose={() => {
        assign.reset();
        setTouched(false);
      }}
      okText={t('caseDetail.assign')}
      width={760}
    >
      <Typography.Paragraph type="secondary">{t('caseDetail.assignHint')}</Typography.Paragraph>
      {proposals.isPending ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : items.length === 0 ? (
        <Empty description={t('caseDetail.noProposals')} />
      ) : (
        <Form.Item
          name="mediatorId"
          label={t('caseDetail.chooseMediator')}
          rules={[{ required: true, message: t('caseDetail.chooseMediator') }]}
        >
          <Radio.Group style={{ width: '100%' }} onChange={() => setTouched(true)} data-testid="assign-options">
            <Flex vertical gap={8}>
              {items.map((p) => {
                const blocked = p.conflictOfInterest || p.recused;
                const radio = (
                  <Radio value={p.mediatorId} disabled={blocked} style={{ width: '100%' }}>
                    <Space size={[8, 4]} wrap>
                      {p.rank !== null ? <Tag color={p.rank === 1 ? 'blue' : 'default'}>#{p.rank}</Tag> : null}
                      <Typography.Text strong>{p.name}</Typography.Text>
                      {p.expertise.map((e) => (
                        <Tag key={e} color={p.expertiseMatch ? 'green' : 'default'}>
                          {t(`businessLine.${e}`, { defaultValue: e })}
                        </Tag>
                      ))}
                      {p.consumerChoice ? (
                        <Tag color="magenta" data-testid="assign-consumer-choice">
                          {t('caseDetail.consumerChoice')}
                        </Tag>
                      ) : null}
                      {p.expertiseMatch ? <Tag color="green">{t('caseDetail.expertiseMatch')}</Tag> : null}
                      <Typography.Text type="secondary">
                        {t('caseDetail.openCases')}: {p.openCases}
                      </Typography.Text>
                      {/* Whether they take cases says nothing for this case when they may not take it at all. */}
                      {blocked ? null : (
                        <Tag color={p.acceptingCases ? 'success' : 'warning'}>{p.acceptingCases ? t('caseDetail.acceptingYes') : t('caseDetail.acceptingNo')}</Tag>
                      )}
                      {p.conflictOfInterest ? <Tag color="error">{t('caseDetail.conflict')}</Tag> : null}
                      {p.recused ? <Tag>{t('caseDetail.recusedTag')}</Tag> : null}
                    </Space>
                  </Radio>
                );
                const testId = `assign-option-${p.mediatorId}`;
                return blocked ? (
                  <Tooltip
                    key={p.mediatorId}
                    title={p.conflictOfInterest ? t('caseDetail.conflictTooltip') : t('caseDetail.recusedTooltip')}
                  >
                    <div data-testid={testId} data-blocked="true">
                      {radio}
                    </div>
                  </Tooltip>
                ) : (
                  <div key={p.mediatorId} data-testid={testId}>
                    {radio}
                  </div>
                );
              })}
            </Flex>
          </Radio.Group>
        </Form.Item>
      )}
      {override ? (
        <Form.Item
          name="overrideReason"
          label={t('caseDetail.overrideReason')}
          extra={t('caseDetail.overrideReasonHelp')}
          rules={[{ required: true, whitespace: true, message: t('common.requiredField', { field: t('caseDetail.overrideReason') }) }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="assign-override-reason" />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
