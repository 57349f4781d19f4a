import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Result, Spin, Tag, Typography, theme } from 'antd';
import { CalendarOutlined, EnvironmentOutlined, PhoneOutlined, SafetyCertificateOutlined, UserOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { Channel } from '@accord/contracts';
import { consumerApi, storeAccess, storedAccess, type ConsumerAccess, type ConsumerSessionView } from '../api/consumer';
import { ApiError } from '../api/http';
import type { ConfirmAnswer } from '../api/scheduling';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { errorMessage } from '../lib/errors';
import { longSpanLabel } from '../lib/shanghai';
import { VideoRoom } from '../components/video/VideoRoom';
import { ConsumerSigning } from './consumer/ConsumerSigning';
import { ConsumerSurvey } from './consumer/ConsumerSurvey';
import { ConsumerConsent } from './consumer/ConsumerConsent';
import { ConsumerExtension } from './consumer/ConsumerExtension';
import { MyData } from './consumer/MyData';

/** A video session's room is there until the session is over. */
const VIDEO_LIVE = ['booked', 'waiting', 'in_progress'];

/** The link itself can't be used any more: nothing to do on this page but call the center. */
const FATAL = ['LINK_NOT_FOUND', 'LINK_EXPIRED', 'LINK_LOCKED'];
const CODE_COOLDOWN_S = 60;

const problemCode = (err: unknown): string | undefined => (err instanceof ApiError ? err.problem.code : undefined);

/** Seconds left until `until` (ms), ticking every second; 0 once passed. */
function useSecondsLeft(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until ? Math.max(0, Math.ceil((until - now) / 1000)) : 0;
}

/** The verified access token, for the "my data" card under a signing or survey view (their own components render the Shell). */
const MyDataAccess = createContext<string | null>(null);

function Shell({ children, centerName }: { children: ReactNode; centerName?: string }) {
  const { t } = useTranslation();
  const myDataAccess = useContext(MyDataAccess);
  const { token } = theme.useToken();
  useEffect(() => {
    document.title = t('consumer.title');
  }, [t]);
  return (
    <div style={{ minHeight: '100vh', background: token.colorBgLayout }}>
      <header
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
          padding: '10px 16px',
        }}
      >
        <Flex align="center" justify="space-between" gap={12} style={{ maxWidth: 480, margin: '0 auto' }}>
          <Flex align="center" gap={8} style={{ minWidth: 0 }}>
            <SafetyCertificateOutlined style={{ color: token.colorPrimary, fontSize: 20 }} />
            <h1 style={{ margin: 0, fontSize: 'inherit', minWidth: 0 }}>
              <Typography.Text strong ellipsis data-testid="consumer-center">
                {centerName ?? t('consumer.title')}
              </Typography.Text>
            </h1>
          </Flex>
          <LanguageSwitch />
        </Flex>
      </header>
      <main style={{ maxWidth: 480, margin: '0 auto', padding: 16 }}>
        {children}
        {myDataAccess ? <MyData accessToken={myDataAccess} /> : null}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 24, textAlign: 'center' }}>
          {t('consumer.footer')}
        </Typography.Paragraph>
      </main>
    </div>
  );
}

function LinkProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Result status="warning" title={t('consumer.linkProblem')} subTitle={<span data-testid="consumer-fatal">{errorMessage(error, t)}</span>} style={{ padding: '24px 0' }} />
    </Card>
  );
}

/** Step 1: a one-time code to the phone the link was sent to, then the code typed in. */
function CodeStep({ token, notice, onVerified, onFatal }: { token: string; notice: string | null; onVerified: (a: ConsumerAccess) => void; onFatal: (e: unknown) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [cooldownUntil, setCooldownUntil] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(notice);
  const secondsLeft = useSecondsLeft(cooldownUntil);

  const send = useMutation({
    mutationFn: () => consumerApi.requestCode(token),
    onMutate: () => setProblem(null),
    onSuccess: (r) => {
      setSentTo(r.sentTo);
      setCooldownUntil(Date.now() + CODE_COOLDOWN_S * 1000);
    },
    onError: (err) => {
      if (FATAL.includes(problemCode(err) ?? '')) return onFatal(err);
      if (problemCode(err) === 'CODE_TOO_SOON') {
        const retry = Number(((err as ApiError).problem as { retryAfterSeconds?: number }).retryAfterSeconds) || CODE_COOLDOWN_S;
        setCooldownUntil(Date.now() + retry * 1000);
      }
      setProblem(errorMessage(err, t));
    },
  });

  const verify = useMutation({
    mutationFn: (code: string) => consumerApi.verify(token, code),
    onMutate: () => setProblem(null),
    onSuccess: (a) => onVerified(a),
    onError: (err) => {
      const code = problemCode(err);
      if (FATAL.includes(code ?? '')) return onFatal(err);
      if (code === 'VALIDATION_FAILED') {
        form.setFields([{ name: 'code', errors: [t('consumer.codeInvalidFormat')] }]);
        return;
      }
      if (code === 'CODE_INVALID' || code === 'CODE_EXPIRED') form.setFieldValue('code', '');
      setProblem(errorMessage(err, t));
    },
  });

  return (
    <Card title={t('consumer.verifyTitle')} data-testid="consumer-code-step">
      <Typography.Paragraph type="secondary">{t('consumer.intro')}</Typography.Paragraph>
      {sentTo ? (
        <Alert type="success" showIcon title={t('consumer.sentTo', { phone: sentTo })} style={{ marginBottom: 16 }} data-testid="consumer-sent-to" />
      ) : null}
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} data-testid="consumer-error" /> : null}
      <Form<{ code: string }>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => verify.mutate(v.code.trim())}
      >
        <Form.Item label={t('consumer.code')} required>
          <Flex gap={8}>
            <Form.Item
              name="code"
              noStyle
              rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('consumer.codeInvalidFormat') }]}
            >
              <Input
                size="large"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                placeholder={t('consumer.codePlaceholder')}
                aria-label={t('consumer.code')}
                data-testid="consumer-code"
                style={{ flex: 1, minWidth: 0, fontVariantNumeric: 'tabular-nums' }}
              />
            </Form.Item>
            <Button size="large" onClick={() => send.mutate()} loading={send.isPending} disabled={secondsLeft > 0} data-testid="consumer-get-code" style={{ flex: 'none', minWidth: 116 }}>
              {secondsLeft > 0 ? t('consumer.resendIn', { seconds: secondsLeft }) : sentTo ? t('consumer.resend') : t('consumer.getCode')}
            </Button>
          </Flex>
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={verify.isPending} data-testid="consumer-verify">
          {t('consumer.verify')}
        </Button>
      </Form>
    </Card>
  );
}

const CHANNEL_ICON: Record<Channel, ReactNode> = {
  phone: <PhoneOutlined />,
  video: <VideoCameraOutlined />,
  on_site: <EnvironmentOutlined />,
};

/** "2027年3月3日 周三 14:00–15:00" → ["2027年3月3日 周三", "14:00–15:00"] (the last word apart). */
function splitTime(label: string): string[] {
  const at = label.lastIndexOf(' ');
  return at > 0 ? [label.slice(0, at), label.slice(at + 1)] : [label];
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Flex vertical gap={2} style={{ padding: '10px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {label}
      </Typography.Text>
      <div data-testid={testId} style={{ fontSize: 16 }}>
        {children}
      </div>
    </Flex>
  );
}

function AnswerTag({ answer }: { answer: ConfirmAnswer | null }) {
  const { t } = useTranslation();
  const color = answer === 'confirmed' ? 'success' : answer === 'other_time_requested' ? 'warning' : 'default';
  return (
    <Tag color={color} data-testid="consumer-answer" data-answer={answer ?? 'none'} style={{ fontSize: 14, padding: '2px 10px', marginInlineEnd: 0 }}>
      {t(`consumer.answer.${answer ?? 'none'}`)}
    </Tag>
  );
}

/** Step 2: the session, and the answer. */
function SessionStep({
  view,
  onAnswer,
  pending,
  problem,
  onVideo,
}: {
  view: ConsumerSessionView;
  onAnswer: (a: ConfirmAnswer, note?: string) => void;
  pending: ConfirmAnswer | null;
  problem: string | null;
  onVideo: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const live = view.status === 'booked';

  return (
    <Card data-testid="consumer-session">
      <Typography.Title level={2} style={{ fontSize: 20, marginTop: 0 }}>
        {t('consumer.sessionTitle')}
      </Typography.Title>
      <Flex align="flex-start" gap={10} style={{ padding: '8px 0 12px' }}>
        <CalendarOutlined style={{ fontSize: 22, marginTop: 4, color: '#1d5fb8' }} />
        <div>
          <Typography.Text strong style={{ fontSize: 18, lineHeight: 1.4 }} data-testid="consumer-time">
            {/* the date, then the hours: a narrow screen breaks the line between them, never inside "14:00–15:00" */}
            {splitTime(longSpanLabel(view.startsAt, view.endsAt, i18n.language)).map((part, i) => (
              <span key={i} style={{ whiteSpace: 'nowrap' }}>
                {i > 0 ? ' ' : null}
                {part}
              </span>
            ))}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('consumer.timezone')}
            </Typography.Text>
          </div>
        </div>
      </Flex>
      <Row label={t('consumer.channel')} testId="consumer-channel">
        <Flex gap={6} align="center">
          {CHANNEL_ICON[view.channel]}
          <span>{t(`consumer.channelLabel.${view.channel}`, { defaultValue: view.channel })}</span>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t(`consumer.channelHint.${view.channel}`, { defaultValue: '' })}
        </Typography.Text>
      </Row>
      {view.channel === 'on_site' && (view.roomName || view.roomAddress) ? (
        <Row label={t('consumer.room')} testId="consumer-room">
          <div>{view.roomName}</div>
          {view.roomAddress ? <Typography.Text type="secondary">{view.roomAddress}</Typography.Text> : null}
        </Row>
      ) : null}
      <Row label={t('consumer.mediator')} testId="consumer-mediator">
        <Flex gap={6} align="center">
          <UserOutlined />
          {view.mediatorName ?? '—'}
        </Flex>
      </Row>
      <Row label={t('consumer.caseNumber')} testId="consumer-case-number">
        {view.caseNumber}
      </Row>
      <Flex align="center" justify="space-between" gap={8} style={{ padding: '14px 0 4px' }}>
        <Typography.Text type="secondary">{t('consumer.yourAnswer')}</Typography.Text>
        <AnswerTag answer={view.yourAnswer} />
      </Flex>

      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginTop: 12 }} data-testid="consumer-error" /> : null}

      {view.channel === 'video' && VIDEO_LIVE.includes(view.status) ? (
        <Flex vertical gap={6} style={{ marginTop: 16 }}>
          <Button type="primary" size="large" block icon={<VideoCameraOutlined />} onClick={onVideo} data-testid="consumer-enter-video">
            {t('consumer.enterVideo')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
            {t('consumer.videoHint')}
          </Typography.Text>
        </Flex>
      ) : null}

      {!live ? (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          data-testid="consumer-not-live"
          title={t('consumer.notLive', { status: t(`sessions.statusLabel.${view.status}`, { defaultValue: view.status }) })}
        />
      ) : asking ? (
        <Flex vertical gap={10} style={{ marginTop: 16 }}>
          <Typography.Text>{t('consumer.note')}</Typography.Text>
          <Input.TextArea
            rows={3}
            maxLength={300}
            showCount
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('consumer.notePlaceholder')}
            aria-label={t('consumer.note')}
            data-testid="consumer-note"
          />
          <Button
            type="primary"
            size="large"
            block
            loading={pending === 'other_time_requested'}
            onClick={() => onAnswer('other_time_requested', note.trim() || undefined)}
            data-testid="consumer-send-request"
          >
            {t('consumer.sendRequest')}
          </Button>
          <Button size="large" block onClick={() => setAsking(false)} disabled={pending !== null}>
            {t('consumer.back')}
          </Button>
        </Flex>
      ) : (
        <Flex vertical gap={10} style={{ marginTop: 16 }}>
          {view.yourAnswer ? (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('consumer.changeAnswer')}
            </Typography.Text>
          ) : null}
          <Button
            type={view.yourAnswer === 'confirmed' ? 'default' : 'primary'}
            size="large"
            block
            loading={pending === 'confirmed'}
            disabled={pending !== null}
            onClick={() => onAnswer('confirmed')}
            data-testid="consumer-confirm"
          >
            {t('consumer.confirm')}
          </Button>
          <Button size="large" block disabled={pending !== null} onClick={() => setAsking(true)} data-testid="consumer-ask">
            {t('consumer.askOtherTime')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}

/**
 * /c/:token — the consumer's page, outside the signed-in portal: no account, no menu. The SMS
 * link, a one-time code on the same phone, then the session to confirm or to ask to move.
 * The short access token stays in this tab (sessionStorage) and nowhere else.
 */
export default function ConsumerPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { token = '' } = useParams();
  const [access, setAccess] = useState<ConsumerAccess | null>(() => storedAccess(token));
  const [fatal, setFatal] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [answerProblem, setAnswerProblem] = useState<string | null>(null);
  const [inVideo, setInVideo] = useState(false);
  const key = ['consumer-session', token, access?.accessToken ?? ''] as const;

  const dropAccess = (text: string) => {
    storeAccess(token, null);
    setAccess(null);
    setNotice(text);
    queryClient.removeQueries({ queryKey: ['consumer-session', token] });
  };

  const session = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => consumerApi.session(access!.accessToken, signal),
    enabled: access !== null && (access.purpose ?? 'session') === 'session',
    retry: (n, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && n < 2,
  });

  useEffect(() => {
    if (session.isError && problemCode(session.error) === 'CONSUMER_ACCESS_INVALID') dropAccess(t('consumer.accessLost'));
  }, [session.isError, session.error]);

  const answer = useMutation({
    mutationFn: ({ answer: a, note }: { answer: ConfirmAnswer; note?: string }) => consumerApi.answer(access!.accessToken, a, note),
    onMutate: () => setAnswerProblem(null),
    onSuccess: (view, v) => {
      queryClient.setQueryData(key, view);
      void message.success(t(v.answer === 'confirmed' ? 'consumer.confirmed' : 'consumer.requested'));
    },
    onError: (err) => {
      if (problemCode(err) === 'CONSUMER_ACCESS_INVALID') return dropAccess(t('consumer.accessLost'));
      setAnswerProblem(errorMessage(err, t));
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });

  if (fatal) {
    return (
      <Shell>
        <LinkProblem error={fatal} />
      </Shell>
    );
  }

  if (!access) {
    return (
      <Shell>
        <CodeStep
          token={token}
          notice={notice}
          onFatal={setFatal}
          onVerified={(a) => {
            storeAccess(token, a);
            setNotice(null);
            setAccess(a);
          }}
        />
      </Shell>
    );
  }

  // A link for another purpose than a session opens its own view; whatever it is for, the
  // consumer may download their copy of their data below it (the Shell reads the token).
  switch (access.purpose) {
    case 'signing':
      return (
        <MyDataAccess.Provider value={access.accessToken}>
          <Shell>
            <ConsumerSigning accessToken={access.accessToken} onAccessLost={() => dropAccess(t('consumer.accessLost'))} />
          </Shell>
        </MyDataAccess.Provider>
      );
    case 'survey':
      return (
        <MyDataAccess.Provider value={access.accessToken}>
          <ConsumerSurvey access={access} onAccessLost={() => dropAccess(t('consumer.accessLost'))} Shell={Shell} />
        </MyDataAccess.Provider>
      );
    // Before consenting the center holds nothing of theirs: no "my data" card on this page.
    case 'consent':
      return <ConsumerConsent access={access} onAccessLost={() => dropAccess(t('consumer.accessLost'))} Shell={Shell} />;
    case 'extension':
      return (
        <MyDataAccess.Provider value={access.accessToken}>
          <ConsumerExtension access={access} onAccessLost={() => dropAccess(t('consumer.accessLost'))} Shell={Shell} />
        </MyDataAccess.Provider>
      );
  }

  if (inVideo && session.data) {
    return (
      <Shell centerName={session.data.centerName}>
        <Flex vertical gap={12}>
          <Button onClick={() => setInVideo(false)} data-testid="consumer-leave-video" style={{ alignSelf: 'flex-start' }}>
            {t('consumer.backToSession')}
          </Button>
          <VideoRoom sessionId="" as="consumer" consumerToken={access.accessToken} onLeave={() => setInVideo(false)} />
        </Flex>
      </Shell>
    );
  }

  return (
    <Shell centerName={session.data?.centerName}>
      {session.isPending ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin size="large" />
        </Flex>
      ) : session.isError ? (
        <Card>
          <Alert type="error" showIcon role="alert" title={errorMessage(session.error, t)} data-testid="consumer-error" />
          <Button block size="large" style={{ marginTop: 16 }} onClick={() => void session.refetch()}>
            {t('common.retry')}
          </Button>
        </Card>
      ) : (
        <SessionStep
          view={session.data}
          problem={answerProblem}
          pending={answer.isPending ? answer.variables.answer : null}
          onAnswer={(a, note) => answer.mutate({ answer: a, note })}
          onVideo={() => setInVideo(true)}
        />
      )}
      {session.data ? <MyData accessToken={access.accessToken} /> : null}
    </Shell>
  );
}
