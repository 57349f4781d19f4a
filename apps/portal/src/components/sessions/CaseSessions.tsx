import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Radio, Select, Space, Table, Tag, Tooltip, Typography, type FormInstance, type TableColumnsType } from 'antd';
import { CalendarOutlined, CheckOutlined, MessageOutlined, MinusCircleOutlined, PlusOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { TFunction } from 'i18next';
import type { CaseDetail, Channel } from '@accord/contracts';
import { caseKeys } from '../../api/cases';
import { ApiError } from '../../api/http';
import { PARTICIPANT_ROLES, scheduleKeys, schedulingApi, type ConfirmAnswer, type Confirmation, type Participant, type SessionView } from '../../api/scheduling';
import { useCurrentUser } from '../../auth/AuthContext';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { spanLabel } from '../../lib/shanghai';
import { FormModal } from '../FormModal';
import { ChannelTag, SessionStatusTag } from './SessionTags';
import { chosenStart, pickerValue, WhenFields, type WhenValues } from './WhenFields';
import { timelineText } from '../cases/timelineText';

const BOOKERS = ['center_admin', 'intake_officer', 'mediator'];
/** The bank's people who answer for the bank (a viewer reads only). */
const BANK_CONFIRMERS = ['institution_admin', 'branch_manager', 'complaint_handler'];
const BOOKABLE = ['assigned', 'scheduled', 'adjourned'];
/** A session moves while booked, and is cancelled or marked a no-show until it begins. */
const LIVE = ['booked', 'waiting'];
const VIDEO_LIVE = ['booked', 'waiting', 'in_progress'];

interface BookValues extends WhenValues {
  channel: Channel;
  roomId?: string;
  participants?: Partial<Participant>[];
}

interface RescheduleValues extends WhenValues {
  reason: string;
}

/**
 * What a failed booking tells the user: someone just took the slot (the slots are refreshed),
 * or the time is outside the mediator's hours (the "outside" switch is turned on for a reason).
 * Returns the message to show above the form.
 */
function useBookingErrors(caseId: string) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (err: unknown, form: FormInstance, v: WhenValues): string => {
    void queryClient.invalidateQueries({ queryKey: ['case', caseId, 'slots'] });
    if (err instanceof ApiError && err.problem.code === 'SLOT_TAKEN') {
      const room = (err.problem as { conflictWith?: string }).conflictWith === 'room';
      const text = room ? t('sessions.slotTakenRoom') : t('problems.SLOT_TAKEN');
      if (v.outside) form.setFields([{ name: 'outsideAt', errors: [t('sessions.chooseSlot')] }]);
      else form.setFields([{ name: 'slot', value: undefined, errors: [t('sessions.chooseSlot')] }]);
      return text;
    }
    if (err instanceof ApiError && err.problem.code === 'OUTSIDE_WORKING_HOURS') {
      const start = chosenStart(v);
      form.setFieldsValue({ outside: true, outsideAt: start ? pickerValue(start) : undefined });
      // the reason field appears with the switch; mark it once rendered
      setTimeout(() => form.setFields([{ name: 'outsideHoursReason', errors: [t('sessions.outsideNeeded')] }]), 0);
      return t('problems.OUTSIDE_WORKING_HOURS');
    }
    return errorMessage(err, t);
  };
}

function BookSessionModal({ c, open, onClose }: { c: CaseDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<BookValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const channel = Form.useWatch('channel', form);
  const roomId = Form.useWatch('roomId', form);
  const rooms = useQuery({ queryKey: scheduleKeys.rooms, queryFn: ({ signal }) => schedulingApi.rooms(signal), enabled: open });
  const explain = useBookingErrors(c.id);

  const book = useMutation({
    mutationFn: (v: BookValues) =>
      schedulingApi.book(c.id, {
        channel: v.channel,
        roomId: v.channel === 'on_site' ? v.roomId : undefined,
        startsAt: chosenStart(v) as string,
        minutes: v.minutes,
        participants: (v.participants ?? [])
          .filter((p): p is Participant => Boolean(p.role && p.name?.trim()))
          .map((p) => ({ role: p.role, name: p.name.trim() })),
        outsideHoursReason: v.outside ? v.outsideHoursReason?.trim() : undefined,
      }),
    onSuccess: () => {
      void message.success(t('sessions.booked'));
      void queryClient.invalidateQueries({ queryKey: caseKeys.one(c.id) });
      void queryClient.invalidateQueries({ queryKey: scheduleKeys.calendars });
      void queryClient.invalidateQueries({ queryKey: caseKeys.lists });
      onClose();
    },
    onError: (err, v) => setProblem(explain(err, form, v)),
  });

  return (
    <FormModal<BookValues>
      open={open}
      title={t('sessions.bookTitle')}
      name="book-session"
      form={form}
      pending={book.isPending}
      error={null}
      width={720}
      okText={t('sessions.book')}
      // the consumer's wish from the filing (电话调解, 视频…) comes first; video when they named none
      initialValues={{ channel: c.preferredChannel ?? 'video', minutes: 60, outside: false, participants: [{ role: 'consumer', name: '' }] }}
      onSubmit={(v) => {
        setProblem(null);
        book.mutate(v);
      }}
      onCancel={onClose}
      afterClose={() => {
        setProblem(null);
        book.reset();
      }}
    >
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} data-testid="booking-problem" /> : null}
      <Form.Item name="channel" label={t('sessions.channel')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          onChange={() => form.setFieldValue('slot', undefined)}
          options={(['phone', 'video', 'on_site'] as const).map((ch) => ({ value: ch, label: t(`sessions.channelShort.${ch}`) }))}
        />
      </Form.Item>
      {channel === 'on_site' ? (
        <Form.Item name="roomId" label={t('sessions.room')} rules={[{ required: true, message: t('common.selectField', { field: t('sessions.room') }) }]}>
          <Select
            aria-label={t('sessions.room')}
            loading={rooms.isPending}
            onChange={() => form.setFieldValue('slot', undefined)}
            options={(rooms.data?.items ?? []).filter((r) => r.isActive).map((r) => ({ value: r.id, label: `${r.name}（${r.address}）` }))}
          />
        </Form.Item>
      ) : null}
      {/* the dialog is rendered (closed) with the page: ask for slots only once it is open */}
      <WhenFields caseId={c.id} roomId={channel === 'on_site' ? roomId : undefined} waitForRoom={!open || (channel === 'on_site' && !roomId)} />
      <Form.Item label={t('sessions.participants')}>
        <Form.List name="participants">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((f) => (
                <Space key={f.key} align="start">
                  <Form.Item name={[f.name, 'role']} noStyle>
                    <Select
                      style={{ width: 140 }}
                      aria-label={t('sessions.participantRole')}
                      options={PARTICIPANT_ROLES.map((r) => ({ value: r, label: t(`sessions.role.${r}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} noStyle>
                    <Input style={{ width: 220 }} maxLength={60} placeholder={t('sessions.participantName')} aria-label={t('sessions.participantName')} data-testid="participant-name" />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('sessions.remove')} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'bank_representative', name: '' })} style={{ alignSelf: 'flex-start' }}>
                {t('sessions.addParticipant')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
    </FormModal>
  );
}

function RescheduleModal({ session, onClose }: { session: SessionView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RescheduleValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const explain = useBookingErrors(session?.caseId ?? '');
  const minutes = session ? Math.round((Date.parse(session.endsAt) - Date.parse(session.startsAt)) / 60_000) : 60;
  // the dialog stays mounted: start each reschedule from that session's duration
  useEffect(() => {
    if (session) form.setFieldsValue({ minutes });
  }, [session, minutes, form]);

  const move = useMutation({
    mutationFn: (v: RescheduleValues) =>
      schedulingApi.reschedule(session!.id, {
        startsAt: chosenStart(v) as string,
        minutes: v.minutes,
        reason: v.reason.trim(),
        outsideHoursReason: v.outside ? v.outsideHoursReason?.trim() : undefined,
      }),
    onSuccess: (s) => {
      void message.success(t('sessions.rescheduled'));
      void queryClient.invalidateQueries({ queryKey: caseKeys.one(s.caseId) });
      void queryClient.invalidateQueries({ queryKey: scheduleKeys.calendars });
      onClose();
    },
    onError: (err, v) => setProblem(explain(err, form, v)),
  });

  return (
    <FormModal<RescheduleValues>
      open={session !== null}
      title={t('sessions.rescheduleTitle')}
      name="reschedule-session"
      form={form}
      pending={move.isPending}
      error={null}
      width={720}
      okText={t('sessions.reschedule')}
      initialValues={{ minutes, outside: false }}
      onSubmit={(v) => {
        setProblem(null);
        move.mutate(v);
      }}
      onCancel={onClose}
      afterClose={() => {
        setProblem(null);
        move.reset();
      }}
    >
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} /> : null}
      {session ? (
        <>
          <Typography.Paragraph type="secondary">{t('sessions.currentTime', { time: spanLabel(session.startsAt, session.endsAt) })}</Typography.Paragraph>
          <Form.Item name="reason" label={t('sessions.rescheduleReason')} rules={[{ required: true, whitespace: true, message: t('common.requiredField', { field: t('sessions.rescheduleReason') }) }]}>
            <Input maxLength={500} />
          </Form.Item>
          <WhenFields caseId={session.caseId} roomId={session.roomId ?? undefined} />
        </>
      ) : null}
    </FormModal>
  );
}

type CloseAction = 'cancel' | 'no_show';

function CloseModal({ target, onClose }: { target: { session: SessionView; action: CloseAction } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const close = useMutation({
    mutationFn: ({ reason }: { reason: string }) =>
      target!.action === 'cancel' ? schedulingApi.cancel(target!.session.id, reason.trim()) : schedulingApi.noShow(target!.session.id, reason.trim()),
    onSuccess: (s) => {
      void message.success(t(target?.action === 'cancel' ? 'sessions.cancelled' : 'sessions.noShowDone'));
      void queryClient.invalidateQueries({ queryKey: caseKeys.one(s.caseId) });
      void queryClient.invalidateQueries({ queryKey: scheduleKeys.calendars });
      onClose();
    },
    onError: () => {
      if (target) void queryClient.invalidateQueries({ queryKey: caseKeys.one(target.session.caseId) });
    },
  });
  return (
    <FormModal<{ reason: string }>
      open={target !== null}
      title={target?.action === 'no_show' ? t('sessions.noShowTitle') : t('sessions.cancelTitle')}
      name="close-session"
      form={form}
      pending={close.isPending}
      error={close.error}
      onSubmit={(v) => close.mutate(v)}
      onCancel={onClose}
      afterClose={() => close.reset()}
    >
      {target ? <Typography.Paragraph>{spanLabel(target.session.startsAt, target.session.endsAt)}</Typography.Paragraph> : null}
      <Form.Item name="reason" label={t('sessions.reason')} rules={[{ required: true, whitespace: true, message: t('common.requiredField', { field: t('sessions.reason') }) }]}>
        <Input.TextArea rows={3} maxLength={500} data-testid="session-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** Where both parties stand on the session's current time: 银行已确认 · 消费者待确认 … */
function ConfirmationTags({ session }: { session: SessionView }) {
  const { t, i18n } = useTranslation();
  if (session.status !== 'booked') return <Typography.Text type="secondary">—</Typography.Text>;
  const by = new Map((session.confirmations ?? []).map((c) => [c.party, c]));
  return (
    <Space orientation="vertical" size={2} data-testid="session-confirmations">
      {(['bank', 'consumer'] as const).map((party) => {
        const c: Confirmation | undefined = by.get(party);
        const state = c ? `${party}_${c.answer}` : `${party}_pending`;
        const color = !c ? 'default' : c.answer === 'confirmed' ? 'success' : 'warning';
        const tag = (
          <Tag color={color} data-testid={`confirmation-${party}`} data-state={c?.answer ?? 'pending'} style={{ marginInlineEnd: 0 }}>
            {t(`sessions.confirmState.${state}`)}
          </Tag>
        );
        const detail = c ? [t('sessions.confirmBy', { name: c.actorName ?? t(`sessions.party.${party}`), time: formatDateTime(c.at, i18n.language) }), c.note].filter(Boolean).join('：') : null;
        return detail ? (
          <Tooltip key={party} title={detail}>
            {tag}
          </Tooltip>
        ) : (
          <span key={party}>{tag}</span>
        );
      })}
    </Space>
  );
}

/** The bank asks for another time, saying (optionally) which times suit. */
function AskOtherTimeModal({ session, onClose }: { session: SessionView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ note?: string }>();
  const ask = useMutation({
    mutationFn: ({ note }: { note?: string }) => schedulingApi.confirm(session!.id, 'other_time_requested', note?.trim()),
    onSuccess: (s) => {
      void message.success(t('sessions.askedOtherTime'));
      void queryClient.invalidateQueries({ queryKey: caseKeys.one(s.caseId) });
      void queryClient.invalidateQueries({ queryKey: scheduleKeys.calendars });
      onClose();
    },
  });
  return (
    <FormModal<{ note?: string }>
      open={session !== null}
      title={t('sessions.askOtherTimeTitle')}
      name="ask-other-time"
      form={form}
      pending={ask.isPending}
      error={ask.error}
      okText={t('sessions.askOtherTime')}
      onSubmit={(v) => ask.mutate(v)}
      onCancel={onClose}
      afterClose={() => ask.reset()}
    >
      {session ? <Typography.Paragraph>{t('sessions.currentTime', { time: spanLabel(session.startsAt, session.endsAt) })}</Typography.Paragraph> : null}
      <Typography.Paragraph type="secondary">{t('sessions.askOtherTimeHint')}</Typography.Paragraph>
      <Form.Item name="note" label={t('sessions.askOtherTimeNote')}>
        <Input.TextArea rows={3} maxLength={300} showCount placeholder={t('sessions.askOtherTimeNotePlaceholder')} data-testid="ask-other-time-note" />
      </Form.Item>
    </FormModal>
  );
}

function participantsText(ps: Participant[], t: TFunction): string {
  return ps.map((p) => `${p.name}（${t(`sessions.role.${p.role}`, { defaultValue: p.role })}）`).join('、');
}

/** The case's sessions, with booking and the changes a center user may make (the API has the last word). */
export function CaseSessions({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const center = me.organisation.kind === 'center' && me.roles.some((r) => BOOKERS.includes(r));
  const bank = me.organisation.kind === 'institution' && me.roles.some((r) => BANK_CONFIRMERS.includes(r));
  const [asking, setAsking] = useState<SessionView | null>(null);
  const [booking, setBooking] = useState(false);
  const [moving, setMoving] = useState<SessionView | null>(null);
  const [closing, setClosing] = useState<{ session: SessionView; action: CloseAction } | null>(null);
  const q = useQuery({ queryKey: scheduleKeys.caseSessions(c.id), queryFn: ({ signal }) => schedulingApi.caseSessions(c.id, signal) });

  const changed = (s: SessionView) => {
    void queryClient.invalidateQueries({ queryKey: caseKeys.one(s.caseId) });
    void queryClient.invalidateQueries({ queryKey: scheduleKeys.calendars });
  };
  const confirm = useMutation({
    mutationFn: (v: { id: string; answer: ConfirmAnswer }) => schedulingApi.confirm(v.id, v.answer),
    onSuccess: (s) => {
      void message.success(t('sessions.confirmed'));
      changed(s);
    },
    onError: (err) => {
      void message.error(errorMessage(err, t));
      void queryClient.invalidateQueries({ queryKey: caseKeys.one(c.id) });
    },
  });
  const sendLink = useMutation({
    mutationFn: (id: string) => schedulingApi.sendConsumerLink(id),
    onSuccess: () => void message.success(t('sessions.linkSent')),
    onError: (err) => {
      void message.error(errorMessage(err, t));
      void queryClient.invalidateQueries({ queryKey: caseKeys.one(c.id) });
    },
  });
  const ics = useMutation({
    mutationFn: (s: SessionView) => schedulingApi.downloadInvitation(s.id, `${s.caseNumber ?? c.caseNumber ?? 'session'}.ics`),
    onError: (err) => void message.error(errorMessage(err, t)),
  });

  const rowActions = (s: SessionView) => {
    const booked = s.status === 'booked';
    // the room opens 30 minutes before the start and stays until the session is over
    const videoOpen = s.channel === 'video' && VIDEO_LIVE.includes(s.status) && (bank || (center && (s.mediatorId === me.id || me.roles.some((r) => r === 'center_admin' || r === 'intake_officer'))));
    const bankAnswer = s.confirmations?.find((x) => x.party === 'bank')?.answer;
    return (
      <Space size={4} wrap>
        {videoOpen ? (
          <Button size="small" type="primary" ghost icon={<VideoCameraOutlined />} onClick={() => navigate(`/sessions/${s.id}/video`)} data-testid="session-video">
            {t('sessions.enterVideo')}
          </Button>
        ) : null}
        {bank && booked && bankAnswer !== 'confirmed' ? (
          <Button
            size="small"
            type="primary"
            icon={<CheckOutlined />}
            loading={confirm.isPending && confirm.variables.id === s.id}
            onClick={() => confirm.mutate({ id: s.id, answer: 'confirmed' })}
            data-testid="session-confirm"
          >
            {t('sessions.confirm')}
          </Button>
        ) : null}
        {bank && booked && bankAnswer !== 'other_time_requested' ? (
          <Button size="small" onClick={() => setAsking(s)} data-testid="session-ask-other-time">
            {t('sessions.askOtherTime')}
          </Button>
        ) : null}
        {center && booked ? (
          <Tooltip title={t('sessions.sendLinkTip')}>
            <Button
              size="small"
              icon={<MessageOutlined />}
              loading={sendLink.isPending && sendLink.variables === s.id}
              onClick={() => sendLink.mutate(s.id)}
              data-testid="session-send-link"
            >
              {t('sessions.sendLink')}
            </Button>
          </Tooltip>
        ) : null}
        {center && LIVE.includes(s.status) ? (
          <>
            {s.status === 'booked' ? (
              <Button size="small" onClick={() => setMoving(s)} data-testid="session-reschedule">
                {t('sessions.reschedule')}
              </Button>
            ) : null}
            <Button size="small" danger onClick={() => setClosing({ session: s, action: 'cancel' })} data-testid="session-cancel">
              {t('sessions.cancel')}
            </Button>
            {Date.parse(s.startsAt) <= Date.now() ? (
              <Button size="small" onClick={() => setClosing({ session: s, action: 'no_show' })} data-testid="session-no-show">
                {t('sessions.noShow')}
              </Button>
            ) : null}
          </>
        ) : null}
        {s.status !== 'cancelled' ? (
          <Link to={`/sessions/${s.id}`} data-testid="session-console-link">
            <Button size="small" type={['waiting', 'in_progress'].includes(s.status) ? 'primary' : 'default'}>
              {t('sessions.console')}
            </Button>
          </Link>
        ) : null}
        {s.status !== 'cancelled' ? (
          <Button size="small" type="link" icon={<CalendarOutlined />} loading={ics.isPending && ics.variables.id === s.id} onClick={() => ics.mutate(s)} data-testid="session-ics">
            {t('sessions.ics')}
          </Button>
        ) : null}
      </Space>
    );
  };

  const columns: TableColumnsType<SessionView> = [
    {
      title: t('sessions.time'),
      key: 'time',
      render: (_, s) => <span data-testid="session-time">{spanLabel(s.startsAt, s.endsAt)}</span>,
    },
    { title: t('sessions.channel'), key: 'channel', render: (_, s) => <ChannelTag channel={s.channel} /> },
    { title: t('sessions.room'), key: 'room', render: (_, s) => s.roomName ?? '—' },
    {
      title: t('sessions.status'),
      key: 'status',
      render: (_, s) => (
        <Space orientation="vertical" size={0}>
          <SessionStatusTag status={s.status} testId="session-status" />
          {s.statusReason ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="session-reason">
              {s.statusReasonMessage ? timelineText(s.statusReasonMessage, t, s.statusReason) : s.statusReason}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('sessions.participants'),
      key: 'participants',
      render: (_, s) => (s.participants.length ? participantsText(s.participants, t) : <Typography.Text type="secondary">{t('sessions.noParticipants')}</Typography.Text>),
    },
    {
      title: t('sessions.confirmation'),
      key: 'confirmation',
      render: (_, s) => <ConfirmationTags session={s} />,
    },
    // A bounded column: its buttons wrap onto a second line instead of running out of the card
    // (up to six of them for a booked video session).
    { title: t('common.actions'), key: 'actions', width: 300, render: (_, s) => rowActions(s) },
  ];

  return (
    <Card
      title={t('sessions.title')}
      data-testid="sessions-card"
      extra={
        center && BOOKABLE.includes(c.status) ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setBooking(true)} data-testid="book-session">
            {t('sessions.book')}
          </Button>
        ) : null
      }
    >
      {q.isError ? <Alert type="error" showIcon title={errorMessage(q.error, t)} style={{ marginBottom: 12 }} /> : null}
      <Table<SessionView>
        rowKey="id"
        size="small"
        pagination={false}
        loading={q.isPending}
        columns={columns}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('sessions.empty') }}
        scroll={{ x: 'max-content' }}
        data-testid="sessions-table"
      />
      {center ? (
        <>
          {/* only where booking can work: its slot query answers 409 in any other state */}
          {BOOKABLE.includes(c.status) ? <BookSessionModal c={c} open={booking} onClose={() => setBooking(false)} /> : null}
          <RescheduleModal session={moving} onClose={() => setMoving(null)} />
          <CloseModal target={closing} onClose={() => setClosing(null)} />
        </>
      ) : null}
      {bank ? <AskOtherTimeModal session={asking} onClose={() => setAsking(null)} /> : null}
    </Card>
  );
}
