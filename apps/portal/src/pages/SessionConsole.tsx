import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Flex, Form, Input, Modal, Result, Row, Select, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { PhoneOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { consoleApi, consoleKeys, type CallParty, type CaucusParty, type ConsoleView } from '../api/console';
import { ApiError } from '../api/http';
import { useCurrentUser } from '../auth/AuthContext';
import { ChannelTag, SessionStatusTag } from '../components/sessions/SessionTags';
import { chosenStart, WhenFields, type WhenValues } from '../components/sessions/WhenFields';
import { errorMessage } from '../lib/errors';
import { formatDateTime, formatTime } from '../lib/format';
import { validateOrFocus } from '../lib/forms';
import { useSessionUpdates } from '../realtime/caseLive';
import { VideoRoom } from '../components/video/VideoRoom';
import { Nowrap } from '../components/Nowrap';
import { timelineText } from '../components/cases/timelineText';
import { LiveStatus } from '../components/a11y/LiveStatus';

/** h:mm:ss of a span in seconds. */
function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** Re-renders every second while `on`, for running timers. */
function useTick(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [on]);
  return now;
}

/**
 * True once `iso` has passed; re-renders at that moment (no reload, no polling), so a button that
 * waits for a time enables itself then.
 */
function useReached(iso: string): boolean {
  const at = Date.parse(iso);
  const [reached, setReached] = useState(() => Date.now() >= at);
  useEffect(() => {
    const left = at - Date.now();
    setReached(left <= 0);
    if (left <= 0) return;
    // setTimeout's delay is a 32-bit int: a session weeks away re-checks after ~24 days.
    const timer = setTimeout(() => setReached(Date.now() >= at), Math.min(left + 50, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [at, reached]);
  return reached;
}

/**
 * The session console (DOMAIN.md "Session"): the mediator runs the session from here — waiting
 * room and check-in, begin, private caucus, the center's method, private notes, calls, adjourn
 * or conclude. The bank's people and the center's supervisors open the same page and watch the
 * status, check-ins and timer change live.
 */
export default function SessionConsolePage() {
  const { sessionId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const view = useQuery({ queryKey: consoleKeys.one(sessionId), queryFn: ({ signal }) => consoleApi.get(sessionId, signal) });
  const caseId = view.data?.session.caseId;
  useSessionUpdates((data) => {
    if (data.sessionId === sessionId) void queryClient.invalidateQueries({ queryKey: consoleKeys.one(sessionId) });
  }, caseId);

  if (view.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (view.isError) {
    const missing = view.error instanceof ApiError && view.error.status === 404;
    return <Result status={missing ? '404' : 'error'} title={missing ? t('console.notFound') : errorMessage(view.error, t)} />;
  }
  const v = view.data;
  const s = v.session;
  return (
    <Flex vertical gap={16} data-testid="session-console">
      {/* The session's state and a private talk, said aloud when they change (others run them from their own screens). */}
      <LiveStatus
        testId="console-live"
        text={[
          `${t('console.title')}：${t(`sessions.statusLabel.${s.status}`, { defaultValue: s.status })}`,
          v.openCaucus ? t('console.caucusOn', { party: t(`console.party.${v.openCaucus.withParty}`) }) : null,
        ]
          .filter(Boolean)
          .join(i18n.language === 'en' ? '. ' : '；')}
      />
      <ConsoleHeader v={v} locale={i18n.language} />
      {v.mayRun ? <ConsoleActions v={v} /> : null}
      {s.channel === 'video' && ['booked', 'waiting', 'in_progress'].includes(s.status) ? <VideoCard v={v} /> : null}
      <Row gutter={16}>
        <Col xs={24} lg={v.mayRun ? 12 : 24}>
          <Flex vertical gap={16}>
            <CheckInCard v={v} />
            {v.steps.length ? <MethodCard v={v} locale={i18n.language} /> : null}
          </Flex>
        </Col>
        {v.mayRun ? (
          <Col xs={24} lg={12}>
            <Flex vertical gap={16}>
              <NotesCard sessionId={s.id} note={v.note ?? { body: '', version: 0, updatedAt: null }} />
              {s.channel === 'phone' ? <CallsCard v={v} locale={i18n.language} /> : null}
            </Flex>
          </Col>
        ) : null}
      </Row>
    </Flex>
  );
}

function ConsoleHeader({ v, locale }: { v: ConsoleView; locale: string }) {
  const { t } = useTranslation();
  const s = v.session;
  const running = s.status === 'in_progress';
  // The tick re-renders; the clock itself is read now, so a timer never lags a fresh start.
  useTick(running || Boolean(v.openCaucus));
  const now = Date.now();
  const elapsed = s.beganAt ? ((s.endedAt ? Date.parse(s.endedAt) : now) - Date.parse(s.beganAt)) / 1000 : 0;
  const caucusTotal =
    v.caucuses.filter((c) => c.endedAt).reduce((sum, c) => sum + (Date.parse(c.endedAt!) - Date.parse(c.startedAt)) / 1000, 0) +
    (v.openCaucus ? (now - Date.parse(v.openCaucus.startedAt)) / 1000 : 0);
  return (
    <Card>
      <Flex justify="space-between" align="start" wrap gap={16}>
        <Space direction="vertical" size={4}>
          <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
            {t('console.title')} ·{' '}
            {/* Underlined: inside a heading, colour alone would not mark it as a link. */}
            <Link to={`/cases/${s.caseId}`} style={{ textDecoration: 'underline' }}>
              <Nowrap>{s.caseNumber}</Nowrap>
            </Link>
          </Typography.Title>
          <Space wrap>
            <ChannelTag channel={s.channel} />
            <SessionStatusTag status={s.status} testId="console-status" />
            <Typography.Text type="secondary">
              {formatDateTime(s.startsAt, locale)} – {formatDateTime(s.endsAt, locale)}（{t('console.beijingTime')}）
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('sessions.mediator')}：{s.mediatorName}
            </Typography.Text>
            {(['bank', 'consumer'] as const).map((party) => {
              const answer = v.confirmations.find((c) => c.party === party)?.answer ?? 'pending';
              return (
                <Tag key={party} color={answer === 'confirmed' ? 'green' : answer === 'pending' ? 'default' : 'orange'} data-testid={`console-confirm-${party}`}>
                  {t(`sessions.confirmState.${party}_${answer}`)}
                </Tag>
              );
            })}
          </Space>
          {s.statusReason ? <Typography.Text>{t('sessions.statusReason')}：{s.statusReasonMessage ? timelineText(s.statusReasonMessage, t, s.statusReason) : s.statusReason}</Typography.Text> : null}
          {s.nextSessionId ? <Typography.Text type="secondary">{t('console.nextBooked')}</Typography.Text> : null}
        </Space>
        <Space size={32}>
          <div>
            <Typography.Text type="secondary">{t('console.elapsed')}</Typography.Text>
            <div style={{ fontSize: 28, fontVariantNumeric: 'tabular-nums' }} data-testid="console-timer">
              {clock(elapsed)}
            </div>
          </div>
          <div>
            <Typography.Text type="secondary">{t('console.caucusTime')}</Typography.Text>
            <div style={{ fontSize: 28, fontVariantNumeric: 'tabular-nums' }} data-testid="console-caucus-timer">
              {clock(caucusTotal)}
            </div>
          </div>
        </Space>
      </Flex>
      {v.openCaucus ? (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          data-testid="console-caucus"
          title={t('console.caucusOn', { party: t(`console.party.${v.openCaucus.withParty}`) })}
          description={v.mayRun ? t('console.caucusHintMediator') : t('console.caucusHintOthers')}
        />
      ) : null}
    </Card>
  );
}

/**
 * The session's video room inside the console. The mediator's caucus buttons above drive the
 * room: the talk is recorded by the console, and the room holds the others' media back.
 */
function VideoCard({ v }: { v: ConsoleView }) {
  const { t } = useTranslation();
  const [inRoom, setInRoom] = useState(false);
  return (
    <Card size="small" title={t('console.video')} data-testid="console-video-card">
      {inRoom ? (
        <VideoRoom sessionId={v.session.id} as="staff" caucusWith={v.mayRun ? (v.openCaucus?.withParty ?? null) : undefined} onLeave={() => setInRoom(false)} />
      ) : (
        <Button type="primary" onClick={() => setInRoom(true)} data-testid="console-video">
          {t('console.openVideo')}
        </Button>
      )}
    </Card>
  );
}

function useConsoleMutation<A>(sessionId: string, fn: (a: A) => Promise<ConsoleView>, done?: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (data) => {
      queryClient.setQueryData(consoleKeys.one(sessionId), data);
      void queryClient.invalidateQueries({ queryKey: ['case', data.session.caseId] });
      if (done) void message.success(done);
    },
    onError: (err) => void message.error(errorMessage(err, t)),
  });
}

function ConsoleActions({ v }: { v: ConsoleView }) {
  const { t } = useTranslation();
  const s = v.session;
  const open = useConsoleMutation(s.id, () => consoleApi.open(s.id), t('console.opened'));
  const begin = useConsoleMutation(s.id, () => consoleApi.begin(s.id), t('console.begun'));
  const caucus = useConsoleMutation(s.id, (p: CaucusParty) => consoleApi.caucus(s.id, p));
  const endCaucus = useConsoleMutation(s.id, () => consoleApi.endCaucus(s.id));
  const [dialog, setDialog] = useState<'adjourn' | 'conclude' | null>(null);
  // The API refuses both before the session's opening time (SESSION_NOT_OPEN_YET, the rule in
  // @accord/contracts sessionOpensAt); the buttons wait for it and say when.
  const openable = useReached(s.opensAt);
  const notYet = openable ? null : t('console.opensAt', { time: formatTime(s.opensAt) });
  return (
    <Card size="small">
      <Space wrap>
        {s.status === 'booked' ? (
          <Button onClick={() => open.mutate(undefined)} loading={open.isPending} disabled={!openable} title={notYet ?? undefined} data-testid="console-open">
            {t('console.open')}
          </Button>
        ) : null}
        {['booked', 'waiting'].includes(s.status) ? (
          <Button type="primary" onClick={() => begin.mutate(undefined)} loading={begin.isPending} disabled={!openable} title={notYet ?? undefined} data-testid="console-begin">
            {t('console.begin')}
          </Button>
        ) : null}
        {notYet && ['booked', 'waiting'].includes(s.status) ? (
          <Typography.Text type="secondary" data-testid="console-opens-at">
            {notYet}
          </Typography.Text>
        ) : null}
        {s.status === 'in_progress' && !v.openCaucus
          ? (['consumer', 'bank'] as const).map((p) => (
              <Button key={p} icon={p === 'consumer' ? <UserOutlined /> : <TeamOutlined />} onClick={() => caucus.mutate(p)} loading={caucus.isPending} data-testid={`console-caucus-${p}`}>
                {t('console.caucusWith', { party: t(`console.party.${p}`) })}
              </Button>
            ))
          : null}
        {v.openCaucus ? (
          <Button type="primary" onClick={() => endCaucus.mutate(undefined)} loading={endCaucus.isPending} data-testid="console-caucus-end">
            {t('console.caucusEnd')}
          </Button>
        ) : null}
        {s.status === 'in_progress' ? (
          <>
            <Button onClick={() => setDialog('adjourn')} data-testid="console-adjourn">
              {t('console.adjourn')}
            </Button>
            <Button danger onClick={() => setDialog('conclude')} data-testid="console-conclude">
              {t('console.conclude')}
            </Button>
          </>
        ) : null}
      </Space>
      <AdjournModal v={v} open={dialog === 'adjourn'} onClose={() => setDialog(null)} />
      <ConcludeModal v={v} open={dialog === 'conclude'} onClose={() => setDialog(null)} />
    </Card>
  );
}

interface AdjournValues extends WhenValues {
  reason: string;
  bookNext: boolean;
}

/** Adjourn, and (usually) book the next date in the same step, from the mediator's free slots. */
function AdjournModal({ v, open, onClose }: { v: ConsoleView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AdjournValues>();
  const bookNext = Form.useWatch('bookNext', form) ?? false;
  const adjourn = useConsoleMutation(
    v.session.id,
    (f: AdjournValues) =>
      consoleApi.adjourn(v.session.id, {
        reason: f.reason.trim(),
        next: f.bookNext ? { startsAt: chosenStart(f) as string, minutes: f.minutes, outsideHoursReason: f.outside ? f.outsideHoursReason?.trim() : undefined } : undefined,
      }),
    t('console.adjourned'),
  );
  return (
    <Modal
      open={open}
      width={720}
      title={t('console.adjournTitle')}
      okText={t('console.adjourn')}
      okButtonProps={{ id: 'console-adjourn-ok' }}
      confirmLoading={adjourn.isPending}
      onOk={() => void validateOrFocus(form).then((f) => adjourn.mutate(f, { onSuccess: onClose }))}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ minutes: 60, outside: false, bookNext: false }} name="adjourn">
        <Form.Item name="reason" label={t('console.adjournReason')} rules={[{ required: true, whitespace: true, message: t('console.reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="bookNext" label={t('console.bookNext')} valuePropName="checked" extra={t('console.nextAtHint')}>
          <Switch data-testid="adjourn-book-next" />
        </Form.Item>
        {bookNext ? <WhenFields caseId={v.session.caseId} /> : null}
      </Form>
    </Modal>
  );
}

function ConcludeModal({ v, open, onClose }: { v: ConsoleView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState('');
  const conclude = useConsoleMutation(v.session.id, () => consoleApi.conclude(v.session.id, summary.trim()), t('console.concluded'));
  return (
    <Modal
      open={open}
      title={t('console.concludeTitle')}
      okText={t('console.conclude')}
      okButtonProps={{ danger: true, id: 'console-conclude-ok' }}
      confirmLoading={conclude.isPending}
      onOk={() => conclude.mutate(undefined, { onSuccess: onClose })}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t('console.concludeHint')}</Typography.Paragraph>
      <Input.TextArea rows={3} maxLength={2000} value={summary} onChange={(e) => setSummary(e.target.value)} placeholder={t('console.summary')} aria-label={t('console.summary')} />
    </Modal>
  );
}

function CheckInCard({ v }: { v: ConsoleView }) {
  const { t, i18n } = useTranslation();
  const s = v.session;
  const checkIn = useConsoleMutation(s.id, (p: { role: ConsoleView['checkIns'][number]['role']; name: string }) =>
    consoleApi.checkIn(s.id, { ...p, via: s.channel === 'on_site' ? 'on_site' : s.channel }),
  );
  const may = v.mayRun && ['waiting', 'in_progress'].includes(s.status);
  const rows = s.participants.map((p) => ({ ...p, checkIn: v.checkIns.find((c) => c.role === p.role && c.name === p.name) ?? null }));
  return (
    <Card title={t('console.checkIns')} size="small">
      {rows.length === 0 ? <Typography.Text type="secondary">{t('sessions.noParticipants')}</Typography.Text> : null}
      <Flex vertical gap={8}>
        {rows.map((p) => (
          <Flex key={`${p.role}-${p.name}`} justify="space-between" align="center" data-testid={`checkin-${p.role}`}>
            <Space>
              <Tag>{t(`sessions.role.${p.role}`)}</Tag>
              <span>{p.name}</span>
            </Space>
            {p.checkIn ? (
              <Tag color="green" data-testid="checked-in">
                {t('console.checkedIn', { time: formatDateTime(p.checkIn.checkedInAt, i18n.language) })}
              </Tag>
            ) : may ? (
              <Button size="small" onClick={() => checkIn.mutate({ role: p.role, name: p.name })} loading={checkIn.isPending}>
                {t('console.checkIn')}
              </Button>
            ) : (
              <Tag>{t('console.notCheckedIn')}</Tag>
            )}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

function MethodCard({ v, locale }: { v: ConsoleView; locale: string }) {
  const { t } = useTranslation();
  const tick = useConsoleMutation(v.session.id, (a: { stepId: string; ticked: boolean }) => consoleApi.tick(v.session.id, a.stepId, a.ticked));
  const may = v.mayRun && ['waiting', 'in_progress'].includes(v.session.status);
  return (
    <Card title={t('console.method')} size="small">
      <Flex vertical gap={6}>
        {v.steps.map((step) => (
          <Flex key={step.id} justify="space-between" align="center">
            <Checkbox checked={Boolean(step.tickedAt)} disabled={!may || tick.isPending} onChange={(e) => tick.mutate({ stepId: step.id, ticked: e.target.checked })} data-testid={`step-${step.position}`}>
              {step.position}. {step.title}
              {step.hint ? <Typography.Text type="secondary"> — {step.hint}</Typography.Text> : null}
            </Checkbox>
            {step.tickedAt ? <Typography.Text type="secondary">{formatDateTime(step.tickedAt, locale)}</Typography.Text> : null}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

type SaveState = 'saved' | 'saving' | 'pending' | 'offline' | 'conflict';

/**
 * Private notes, saved as they are typed. Every keystroke lands in this browser's storage
 * first, so a dropped connection or a closed tab loses nothing: the draft is sent again when
 * the network is back (or the page is opened again). A save based on an older version is
 * refused by the server, and the mediator chooses which text to keep.
 */
function NotesCard({ sessionId, note }: { sessionId: string; note: { body: string; version: number } }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const key = `accord.notes.${sessionId}.${me.id}`;
  const [text, setText] = useState(note.body);
  const [state, setState] = useState<SaveState>('saved');
  const [conflict, setConflict] = useState<{ body: string; version: number } | null>(null);
  const version = useRef(note.version);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(false);

  const save = async (body: string) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setState('saving');
    try {
      const saved = await consoleApi.saveNote(sessionId, body, version.current);
      version.current = saved.version;
      const stored = localStorage.getItem(key);
      if (stored && JSON.parse(stored).body === body) localStorage.removeItem(key);
      setState(JSON.parse(localStorage.getItem(key) ?? 'null') ? 'pending' : 'saved');
    } catch (err) {
      if (err instanceof ApiError && err.problem.code === 'NOTE_CONFLICT') {
        setConflict((err.problem as unknown as { current: { body: string; version: number } }).current);
        setState('conflict');
      } else setState('offline');
    } finally {
      inFlight.current = false;
    }
  };

  // A draft left by a dropped connection or a closed tab is restored and sent.
  useEffect(() => {
    const stored = localStorage.getItem(key);
    if (!stored) return;
    const draft = JSON.parse(stored) as { body: string; baseVersion: number };
    if (draft.body !== note.body) {
      setText(draft.body);
      if (draft.baseVersion === note.version) void save(draft.body);
      else {
        setConflict({ body: note.body, version: note.version });
        setState('conflict');
      }
    } else localStorage.removeItem(key);
  }, []);

  // Offline: retry when the browser is back online and every few seconds.
  useEffect(() => {
    if (state !== 'offline') return;
    const retry = () => {
      const stored = localStorage.getItem(key);
      if (stored) void save((JSON.parse(stored) as { body: string }).body);
    };
    window.addEventListener('online', retry);
    const every = setInterval(retry, 3000);
    return () => {
      window.removeEventListener('online', retry);
      clearInterval(every);
    };
  });

  const onChange = (body: string) => {
    setText(body);
    localStorage.setItem(key, JSON.stringify({ body, baseVersion: version.current }));
    if (state !== 'conflict') setState('pending');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (state !== 'conflict') void save(body);
    }, 600);
  };

  const resolve = (keepMine: boolean) => {
    if (!conflict) return;
    version.current = conflict.version;
    setConflict(null);
    if (keepMine) void save(text);
    else {
      setText(conflict.body);
      localStorage.removeItem(key);
      setState('saved');
    }
  };

  const label: Record<SaveState, { color: string; text: string }> = {
    saved: { color: 'green', text: t('console.notes.saved') },
    saving: { color: 'blue', text: t('console.notes.saving') },
    pending: { color: 'blue', text: t('console.notes.pending') },
    offline: { color: 'orange', text: t('console.notes.offline') },
    conflict: { color: 'red', text: t('console.notes.conflict') },
  };
  return (
    <Card title={t('console.notes.title')} size="small" extra={<Tag color={label[state].color} data-testid="notes-state" data-state={state}>{label[state].text}</Tag>}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('console.notes.private')}
      </Typography.Paragraph>
      {conflict ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('console.notes.conflictTitle')}
          description={<Typography.Paragraph ellipsis={{ rows: 3, expandable: true }}>{conflict.body}</Typography.Paragraph>}
          action={
            <Space direction="vertical">
              <Button size="small" type="primary" onClick={() => resolve(true)}>
                {t('console.notes.keepMine')}
              </Button>
              <Button size="small" onClick={() => resolve(false)}>
                {t('console.notes.takeTheirs')}
              </Button>
            </Space>
          }
        />
      ) : null}
      <Input.TextArea rows={10} value={text} maxLength={20000} onChange={(e) => onChange(e.target.value)} aria-label={t('console.notes.title')} data-testid="notes" />
    </Card>
  );
}

function CallsCard({ v, locale }: { v: ConsoleView; locale: string }) {
  const { t } = useTranslation();
  const s = v.session;
  useTick(v.calls.some((c) => c.status === 'connected'));
  const now = Date.now();
  const [phone, setPhone] = useState('');
  const [party, setParty] = useState<CallParty>('consumer');
  const call = useConsoleMutation(s.id, () => consoleApi.call(s.id, party, party === 'consumer' ? undefined : phone.trim()));
  const end = useConsoleMutation(s.id, (callId: string) => consoleApi.endCall(s.id, callId));
  const [logOpen, setLogOpen] = useState(false);
  const [recordingFor, setRecordingFor] = useState<string | null>(null);
  const may = ['waiting', 'in_progress'].includes(s.status);
  return (
    <Card title={t('console.calls.title')} size="small" extra={<Button size="small" onClick={() => setLogOpen(true)}>{t('console.calls.log')}</Button>}>
      {may ? (
        <Space wrap style={{ marginBottom: 12 }}>
          <Select<CallParty> value={party} onChange={setParty} style={{ width: 120 }} aria-label={t('console.calls.party')} options={(['consumer', 'bank', 'other'] as const).map((p) => ({ value: p, label: t(`console.callParty.${p}`) }))} />
          {party !== 'consumer' ? <Input value={phone} onChange={(e) => setPhone(e.target.value)} placeholder={t('console.calls.phone')} style={{ width: 180 }} /> : null}
          <Button type="primary" icon={<PhoneOutlined />} onClick={() => call.mutate(undefined)} loading={call.isPending} data-testid="call-bridge">
            {t('console.calls.dial')}
          </Button>
        </Space>
      ) : null}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={v.calls}
        locale={{ emptyText: t('console.calls.empty') }}
        columns={[
          { title: t('console.calls.party'), dataIndex: 'party', render: (p: CallParty, c) => <>{t(`console.callParty.${p}`)} <Nowrap>{c.phoneMasked}</Nowrap></> },
          { title: t('console.calls.startedAt'), dataIndex: 'startedAt', render: (x: string) => formatDateTime(x, locale) },
          {
            title: t('console.calls.duration'),
            render: (_: unknown, c) => (c.status === 'connected' && c.answeredAt ? clock((now - Date.parse(c.answeredAt)) / 1000) : c.durationSeconds !== null ? clock(c.durationSeconds) : '—'),
          },
          { title: t('sessions.status'), dataIndex: 'status', render: (x: string, c) => <Tag data-testid="call-status">{t(`console.callStatus.${x}`)}{c.source === 'manual' ? ` · ${t('console.calls.manual')}` : ''}</Tag> },
          {
            title: t('console.calls.recording'),
            render: (_: unknown, c) =>
              c.hasRecording ? (
                <Button size="small" type="link" onClick={() => void consoleApi.downloadRecording(s.id, c.id)}>
                  {t('console.calls.download')}
                </Button>
              ) : c.endedAt && v.mayRun && c.status === 'completed' ? (
                <Button size="small" type="link" onClick={() => setRecordingFor(c.id)}>
                  {t('console.calls.upload')}
                </Button>
              ) : (
                '—'
              ),
          },
          {
            title: '',
            render: (_: unknown, c) =>
              ['dialing', 'connected'].includes(c.status) ? (
                <Button size="small" danger onClick={() => end.mutate(c.id)} loading={end.isPending} data-testid="call-hang-up">
                  {t('console.calls.hangUp')}
                </Button>
              ) : null,
          },
        ]}
      />
      <LogCallModal sessionId={s.id} open={logOpen} onClose={() => setLogOpen(false)} />
      <RecordingModal sessionId={s.id} callId={recordingFor} onClose={() => setRecordingFor(null)} />
    </Card>
  );
}

function LogCallModal({ sessionId, open, onClose }: { sessionId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ party: CallParty; phone?: string; span: [Dayjs, Dayjs]; status: 'completed' | 'no_answer'; note?: string }>();
  const log = useConsoleMutation(sessionId, (f: { party: CallParty; phone?: string; span: [Dayjs, Dayjs]; status: 'completed' | 'no_answer'; note?: string }) =>
    consoleApi.logCall(sessionId, { party: f.party, phone: f.phone?.trim() || undefined, startedAt: f.span[0].toISOString(), endedAt: f.span[1].toISOString(), status: f.status, note: f.note?.trim() || undefined }),
  );
  return (
    <Modal open={open} title={t('console.calls.logTitle')} onCancel={onClose} confirmLoading={log.isPending} destroyOnHidden onOk={() => void validateOrFocus(form).then((f) => log.mutate(f, { onSuccess: onClose }))}>
      <Form form={form} layout="vertical" initialValues={{ party: 'consumer', status: 'completed' }} name="log-call">
        <Form.Item name="party" label={t('console.calls.party')}>
          <Select options={(['consumer', 'bank', 'other'] as const).map((p) => ({ value: p, label: t(`console.callParty.${p}`) }))} />
        </Form.Item>
        <Form.Item name="phone" label={t('console.calls.phone')} extra={t('console.calls.phoneHint')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="span" label={t('console.calls.span')} rules={[{ required: true, message: t('console.calls.spanRequired') }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="status" label={t('sessions.status')}>
          <Select options={(['completed', 'no_answer'] as const).map((x) => ({ value: x, label: t(`console.callStatus.${x}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('console.calls.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
      <Descriptions size="small" column={1} items={[{ key: 'tz', label: t('console.beijingTime'), children: t('console.calls.tzHint') }]} />
    </Modal>
  );
}

/** Uploads a call's recording: only once the mediator states that every party agreed to it. */
function RecordingModal({ sessionId, callId, onClose }: { sessionId: string; callId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [consent, setConsent] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const upload = useConsoleMutation(sessionId, (a: { callId: string; file: File }) => consoleApi.addRecording(sessionId, a.callId, a.file), t('console.calls.uploaded'));
  return (
    <Modal
      open={Boolean(callId)}
      title={t('console.calls.uploadTitle')}
      okButtonProps={{ disabled: !consent || !file }}
      confirmLoading={upload.isPending}
      onOk={() => callId && file && upload.mutate({ callId, file }, { onSuccess: onClose })}
      onCancel={onClose}
      afterClose={() => {
        setConsent(false);
        setFile(null);
      }}
    >
      <Flex vertical gap={12}>
        <input type="file" accept="audio/*,.m4a,.mp3,.wav,.ogg,.webm" aria-label={t('console.calls.file')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <Checkbox checked={consent} onChange={(e) => setConsent(e.target.checked)}>
          {t('console.calls.consent')}
        </Checkbox>
      </Flex>
    </Modal>
  );
}
