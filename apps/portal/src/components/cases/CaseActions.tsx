import { useState, type ReactNode } from 'react';
import { App, Button, Flex, Form, Input, Popconfirm, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { REJECT_REASONS, TRACKS, type CaseAction, type CaseDetail, type RejectReason, type Track } from '@accord/contracts';
import { caseKeys, casesApi, stillVisible, type CaseMoved } from '../../api/cases';
import { errorMessage } from '../../lib/errors';
import { FormModal } from '../FormModal';
import { AssignModal } from './AssignModal';

type ModalAction = 'accept' | 'reject' | 'return' | 'recuse' | 'change_track' | 'withdraw';

interface ActionValues {
  note?: string;
  reason?: string;
  rejectReason?: RejectReason;
  track?: Track;
}

/** The buttons of what the caller may do now (CaseDetail.allowedActions), each with its dialog. */
export function CaseActions({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ActionValues>();
  const [active, setActive] = useState<ModalAction | null>(null);
  const [assignOpen, setAssignOpen] = useState(false);
  const allowed = new Set<CaseAction>(c.allowedActions);

  const refresh = (updated?: CaseDetail) => {
    if (updated) queryClient.setQueryData(caseKeys.detail(c.id), updated);
    void queryClient.invalidateQueries({ queryKey: caseKeys.one(c.id) });
    void queryClient.invalidateQueries({ queryKey: caseKeys.lists });
  };

  const act = useMutation({
    mutationFn: ({ action, v }: { action: ModalAction; v: ActionValues }): Promise<CaseMoved> => {
      const note = v.note?.trim();
      const reason = v.reason?.trim() ?? '';
      switch (action) {
        case 'accept':
          return casesApi.accept(c.id, note);
        case 'reject':
          return casesApi.reject(c.id, v.rejectReason as RejectReason, note);
        case 'return':
          return casesApi.returnForInfo(c.id, note ?? '');
        case 'recuse':
          return casesApi.recuse(c.id, reason);
        case 'change_track':
          return casesApi.changeTrack(c.id, v.track as Track, reason);
        case 'withdraw':
          return casesApi.withdraw(c.id, reason);
      }
    },
    onSuccess: (updated, { action }) => {
      const done: Record<ModalAction, string> = {
        accept: 'caseDetail.accepted',
        reject: 'caseDetail.rejected',
        return: 'caseDetail.returned',
        recuse: 'caseDetail.recused',
        change_track: 'caseDetail.trackChanged',
        withdraw: 'caseDetail.withdrawn',
      };
      void message.success(t(done[action]));
      setActive(null);
      if (stillVisible(updated)) {
        refresh(updated);
        return;
      }
      // the move took the case out of the caller's sight (a mediator's recusal): back to the list
      void queryClient.invalidateQueries({ queryKey: caseKeys.lists });
      navigate('/cases');
    },
    // e.g. 409 ILLEGAL_TRANSITION: someone else moved the case; show the fresh state behind the dialog
    onError: () => refresh(),
  });

  const submit = useMutation({
    mutationFn: () => casesApi.submit(c.id),
    onSuccess: (updated) => {
      void message.success(t('caseDetail.submitted'));
      refresh(updated);
    },
    onError: (err) => {
      void message.error(errorMessage(err, t));
      refresh();
    },
  });

  const discard = useMutation({
    mutationFn: () => casesApi.discard(c.id),
    onSuccess: () => {
      void message.success(t('caseDetail.discarded'));
      void queryClient.invalidateQueries({ queryKey: caseKeys.lists });
      queryClient.removeQueries({ queryKey: caseKeys.one(c.id) });
      navigate('/cases');
    },
    onError: (err) => void message.error(errorMessage(err, t)),
  });

  const titles: Record<ModalAction, string> = {
    accept: t('caseDetail.acceptTitle'),
    reject: t('caseDetail.rejectTitle'),
    return: t('caseDetail.returnTitle'),
    recuse: t('caseDetail.recuseTitle'),
    change_track: t('caseDetail.changeTrackTitle'),
    withdraw: t('caseDetail.withdrawTitle'),
  };
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.requiredField', { field }) });
  const selectRequired = (field: string) => ({ required: true, message: t('common.selectField', { field }) });

  const fields: Record<ModalAction, ReactNode> = {
    accept: (
      <Form.Item name="note" label={t('caseDetail.acceptNote')}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="action-note" />
      </Form.Item>
    ),
    reject: (
      <>
        <Form.Item name="rejectReason" label={t('caseDetail.rejectReason2')} rules={[selectRequired(t('caseDetail.rejectReason2'))]}>
          <Select
            data-testid="reject-reason"
            showSearch={{ optionFilterProp: 'label' }}
            options={REJECT_REASONS.map((r) => ({ value: r, label: t(`rejectReason.${r}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('caseDetail.rejectNote')}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="action-note" />
        </Form.Item>
      </>
    ),
    return: (
      <Form.Item name="note" label={t('caseDetail.returnNote')} rules={[required(t('caseDetail.returnNote'))]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="action-note" />
      </Form.Item>
    ),
    recuse: (
      <Form.Item name="reason" label={t('caseDetail.recuseReason')} rules={[required(t('caseDetail.recuseReason'))]}>
        <Input.TextArea rows={3} maxLength={500} data-testid="action-reason" />
      </Form.Item>
    ),
    change_track: (
      <>
        <Form.Item name="track" label={t('caseDetail.newTrack')} rules={[selectRequired(t('caseDetail.newTrack'))]}>
          <Select
            data-testid="track-select"
            options={TRACKS.filter((k) => k !== c.track).map((k) => ({ value: k, label: t(`track.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('caseDetail.trackReason')} rules={[required(t('caseDetail.trackReason'))]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="action-reason" />
        </Form.Item>
      </>
    ),
    withdraw: (
      <Form.Item name="reason" label={t('caseDetail.withdrawReason')} rules={[required(t('caseDetail.withdrawReason'))]}>
        <Input.TextArea rows={3} maxLength={500} data-testid="action-reason" />
      </Form.Item>
    ),
  };

  const buttons: { action: CaseAction; node: ReactNode }[] = [
    {
      action: 'submit',
      node: (
        <Button type="primary" loading={submit.isPending} onClick={() => submit.mutate()} data-testid="action-submit">
          {t('caseDetail.submit')}
        </Button>
      ),
    },
    {
      action: 'edit',
      node: (
        <Button onClick={() => navigate(`/cases/${c.id}/edit`)} data-testid="action-edit">
          {t('caseDetail.edit')}
        </Button>
      ),
    },
    {
      action: 'accept',
      node: (
        <Button type="primary" onClick={() => setActive('accept')} data-testid="action-accept">
          {t('caseDetail.accept')}
        </Button>
      ),
    },
    {
      action: 'assign',
      node: (
        <Button type="primary" onClick={() => setAssignOpen(true)} data-testid="action-assign">
          {c.mediatorId ? t('caseDetail.reassign') : t('caseDetail.assign')}
        </Button>
      ),
    },
    {
      action: 'return',
      node: (
        <Button onClick={() => setActive('return')} data-testid="action-return">
          {t('caseDetail.return')}
        </Button>
      ),
    },
    {
      action: 'reject',
      node: (
        <Button danger onClick={() => setActive('reject')} data-testid="action-reject">
          {t('caseDetail.reject')}
        </Button>
      ),
    },
    {
      action: 'change_track',
      node: (
        <Button onClick={() => setActive('change_track')} data-testid="action-change-track">
          {t('caseDetail.changeTrack')}
        </Button>
      ),
    },
    {
      action: 'recuse',
      node: (
        <Button onClick={() => setActive('recuse')} data-testid="action-recuse">
          {t('caseDetail.recuse')}
        </Button>
      ),
    },
    {
      action: 'withdraw',
      node: (
        <Button danger onClick={() => setActive('withdraw')} data-testid="action-withdraw">
          {t('caseDetail.withdraw')}
        </Button>
      ),
    },
    {
      action: 'discard',
      node: (
        <Popconfirm
          title={t('caseDetail.discardConfirm')}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
          onConfirm={() => discard.mutateAsync().catch(() => undefined)}
        >
          <Button danger loading={discard.isPending} data-testid="action-discard">
            {t('caseDetail.discard')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  const shown = buttons.filter((b) => allowed.has(b.action));
  if (shown.length === 0) return null;

  return (
    <>
      <Flex gap={8} wrap role="toolbar" aria-label={t('caseDetail.actions')} data-testid="case-actions">
        {shown.map((b) => (
          <span key={b.action}>{b.node}</span>
        ))}
      </Flex>
      <FormModal<ActionValues>
        open={active !== null}
        title={active ? titles[active] : ''}
        form={form}
        pending={act.isPending}
        error={act.error}
        onSubmit={(v) => active && act.mutate({ action: active, v })}
        onCancel={() => setActive(null)}
        afterClose={() => act.reset()}
        okText={active ? t(`caseDetail.${active === 'change_track' ? 'changeTrack' : active}`) : undefined}
      >
        {active ? fields[active] : null}
      </FormModal>
      {allowed.has('assign') ? <AssignModal c={c} open={assignOpen} onClose={() => setAssignOpen(false)} /> : null}
    </>
  );
}
