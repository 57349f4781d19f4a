import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Badge, Button, Card, Empty, Flex, List, Result, Segmented, Space, Spin, Switch, Tag, Tooltip, Typography, theme } from 'antd';
import {
  AudioMutedOutlined,
  AudioOutlined,
  CheckOutlined,
  ExportOutlined,
  LoadingOutlined,
  PhoneOutlined,
  VideoCameraAddOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { io, type Socket } from 'socket.io-client';
import { VIDEO_NAMESPACE, type CaucusWith, type VideoAck, type VideoParticipant, type VideoRoomState, type VideoSignal } from '@accord/contracts';
import { refreshSession } from '../../api/http';
import { videoApi, type VideoJoinInfo } from '../../api/video';
import { getSession } from '../../auth/session';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { Mesh } from './mesh';
import { RoomRecorder } from './recorder';
import { LiveStatus } from '../a11y/LiveStatus';

export interface VideoRoomProps {
  /** The session; for a consumer the access token names it (may be left empty). */
  sessionId: string;
  as: 'staff' | 'consumer';
  consumerToken?: string;
  /**
   * Controlled caucus (the session console records caucus periods and passes the party here):
   * on the mediator's side a change is sent to the room. Left undefined, the mediator gets the
   * room's own caucus buttons.
   */
  caucusWith?: CaucusWith | null;
  /** Called when the user hangs up. */
  onLeave?: () => void;
}

type Phase = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'not-open'; opensAt: string } | { kind: 'in-room' } | { kind: 'replaced' } | { kind: 'left' } | { kind: 'closed' };

const newConnId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

function joinInfo(sessionId: string, as: 'staff' | 'consumer', consumerToken?: string): Promise<VideoJoinInfo> {
  return as === 'consumer'
    ? videoApi.consumerJoinInfo(consumerToken ?? '')
    : videoApi.joinInfo(sessionId);
}

/** Who exchanges media with whom during a caucus: the mediator's side and the chosen party; the others wait. */
function inCaucusPair(p: Pick<VideoParticipant, 'role'>, caucus: VideoRoomState['caucus']): boolean {
  return !caucus || p.role === 'mediator' || p.role === caucus.with;
}

function VideoTile({ stream, muted, label, testId, mirrored, dim, children }: { stream: MediaStream | null; muted?: boolean; label: string; testId: string; mirrored?: boolean; dim?: boolean; children?: React.ReactNode }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (el.srcObject !== stream) el.srcObject = stream;
    if (stream) void el.play().catch(() => undefined);
  }, [stream]);
  return (
    <div style={{ position: 'relative', background: '#111', borderRadius: 8, overflow: 'hidden', aspectRatio: '4 / 3', width: '100%' }}>
      <video
        ref={ref}
        data-testid={testId}
        autoPlay
        playsInline
        muted={muted}
        style={{ width: '100%', height: '100%', objectFit: 'cover', transform: mirrored ? 'scaleX(-1)' : undefined, opacity: dim ? 0.15 : 1 }}
      />
      <div style={{ position: 'absolute', left: 8, bottom: 8, right: 8, display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
        <Tag color="rgba(0,0,0,0.6)" style={{ marginInlineEnd: 0 }}>
          {label}
        </Tag>
        {children}
      </div>
    </div>
  );
}

/**
 * A session's video room (WebRTC mesh, signalling over the /video socket namespace): the own
 * camera, the others' tiles with names, mute and camera, the waiting room (the mediator admits
 * from it; the others see that they wait), the caucus (背靠背: the waiting parties see that the
 * mediator talks with the other side, and no media flows between them and the pair), the
 * recording consent, and reconnecting after a dropped network without being admitted again.
 */
export function VideoRoom({ sessionId, as, consumerToken, caucusWith, onLeave }: VideoRoomProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const info = useQuery({ queryKey: ['video-info', sessionId, as, consumerToken ?? ''], queryFn: () => joinInfo(sessionId, as, consumerToken), retry: 1, staleTime: 10 * 60_000 });
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [state, setState] = useState<VideoRoomState | null>(null);
  const [selfId, setSelfId] = useState<string | null>(null);
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [mediaProblem, setMediaProblem] = useState<string | null>(null);
  const [remote, setRemote] = useState<Map<string, MediaStream>>(new Map());
  const [connections, setConnections] = useState<Record<string, RTCPeerConnectionState>>({});
  const [socketUp, setSocketUp] = useState(false);
  const [mic, setMic] = useState(true);
  const [camera, setCamera] = useState(true);
  const [missing, setMissing] = useState<string[] | null>(null);
  const socketRef = useRef<Socket | null>(null);
  const meshRef = useRef<Mesh | null>(null);
  const connId = useMemo(newConnId, []);
  const media = useRef({ mic: true, camera: true });
  // the socket and the camera must not restart when the language changes
  const tRef = useRef(t);
  tRef.current = t;

  const webrtc = info.data?.provider === 'webrtc' ? info.data : null;
  const roomId = info.data?.sessionId ?? sessionId;

  // The camera and microphone first (a phone asks for permission here).
  useEffect(() => {
    if (!webrtc) return;
    let stopped = false;
    let stream: MediaStream | null = null;
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } } });
      } catch {
        try {
          stream = await navigator.mediaDevices.getUserMedia({ audio: true });
          setMediaProblem(tRef.current('video.noCamera'));
        } catch {
          setMediaProblem(tRef.current('video.noMedia'));
        }
      }
      if (stopped) stream?.getTracks().forEach((tr) => tr.stop());
      else setLocal(stream ?? new MediaStream());
    })();
    return () => {
      stopped = true;
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [webrtc]);

  const emit = useCallback(<T extends object = object>(event: string, body: Record<string, unknown>): Promise<VideoAck<T>> => {
    const socket = socketRef.current;
    if (!socket?.connected) return Promise.resolve({ ok: false, code: 'OFFLINE' });
    return socket
      .timeout(8000)
      .emitWithAck(event, { sessionId: roomId, ...body })
      .catch(() => ({ ok: false, code: 'TIMEOUT' })) as Promise<VideoAck<T>>;
  }, [roomId]);

  // The room: a socket that reconnects by itself and rejoins with the same page id.
  useEffect(() => {
    if (!webrtc || !local) return;
    let disposed = false;
    const socket = io(VIDEO_NAMESPACE, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
      auth: (cb) => cb(as === 'consumer' ? { consumerToken: consumerToken ?? '' } : { token: getSession()?.accessToken ?? '' }),
    });
    socketRef.current = socket;
    let openTimer: ReturnType<typeof setTimeout> | undefined;

    const ensureMesh = (id: string) => {
      if (meshRef.current) return meshRef.current;
      const mesh = new Mesh(
        id,
        webrtc.iceServers as RTCIceServer[],
        local,
        async (signal) => {
          const ack = await emit('video.signal', { ...signal });
          return ack.ok;
        },
        (streams) => !disposed && setRemote(new Map(streams)),
        (peerId, s) => !disposed && setConnections((prev) => ({ ...prev, [peerId]: s })),
      );
      meshRef.current = mesh;
      return mesh;
    };

    const join = async () => {
      const ack = await emit<{ participantId: string; state: VideoRoomState }>('video.join', { connId, mic: media.current.mic, camera: media.current.camera });
      if (disposed) return;
      if (ack.ok) {
        setSelfId(ack.participantId);
        const mesh = ensureMesh(ack.participantId);
        setState(ack.state);
        mesh.reconcile(ack.state);
        mesh.heal();
        setPhase({ kind: 'in-room' });
      } else if (ack.code === 'ROOM_NOT_OPEN' && ack.opensAt) {
        setPhase({ kind: 'not-open', opensAt: ack.opensAt });
        clearTimeout(openTimer);
        openTimer = setTimeout(() => void join(), Math.min(Math.max(Date.parse(ack.opensAt) - Date.now(), 5000), 60_000));
      } else if (ack.code !== 'OFFLINE' && ack.code !== 'TIMEOUT') {
        setPhase({ kind: 'error', message: tRef.current(`video.problem.${ack.code}`, { defaultValue: tRef.current('video.problem.ROOM_NOT_FOUND') }) });
      }
    };

    socket.on('connect', () => {
      setSocketUp(true);
      void join();
    });
    socket.on('disconnect', (reason) => {
      setSocketUp(false);
      // the server closed us (the access token expired): a fresh token, then back in
      if (reason === 'io server disconnect' && as === 'staff' && !disposed) void refreshSession().then((ok) => ok && !disposed && socket.connect());
    });
    socket.on('connect_error', () => {
      setSocketUp(false);
      if (socket.active || disposed) return;
      // refused at the handshake: a portal user refreshes once; a consumer's code has expired
      if (as === 'staff') {
        void refreshSession().then((ok) => {
          if (disposed) return;
          if (ok) setTimeout(() => socket.connect(), 500);
          else setPhase({ kind: 'error', message: tRef.current('video.problem.UNAUTHENTICATED') });
        });
      } else {
        setPhase({ kind: 'error', message: tRef.current('video.problem.CONSUMER_ACCESS') });
      }
    });
    socket.on('video.state', (s: VideoRoomState) => {
      if (disposed || s.sessionId !== roomId) return;
      setState(s);
      meshRef.current?.reconcile(s);
    });
    socket.on('video.signal', (s: VideoSignal) => {
      void meshRef.current?.onSignal(s).catch(() => undefined);
    });
    // the session was cancelled or concluded: the room is over
    socket.on('video.closed', (e: { sessionId?: string }) => {
      if (e?.sessionId !== roomId) return;
      setPhase({ kind: 'closed' });
      void recorderRef.current?.stop();
      meshRef.current?.close();
      meshRef.current = null;
      socket.disconnect();
    });
    socket.on('video.replaced', () => {
      setPhase({ kind: 'replaced' });
      void recorderRef.current?.stop();
      meshRef.current?.close();
      meshRef.current = null;
      socket.disconnect();
    });

    return () => {
      disposed = true;
      clearTimeout(openTimer);
      socket.removeAllListeners();
      if (socket.connected) socket.emit('video.leave', { sessionId: roomId });
      socket.disconnect();
      socketRef.current = null;
      meshRef.current?.close();
      meshRef.current = null;
    };
  }, [webrtc, local, as, consumerToken, roomId, connId, emit]);

  const me = state?.participants.find((p) => p.id === selfId);
  const caucus = state?.caucus ?? null;

  // The caucus decides what this page sends and shows.
  useEffect(() => {
    const mesh = meshRef.current;
    if (!mesh || !state || !me) return;
    const byId = new Map(state.participants.map((p) => [p.id, p]));
    mesh.setAllowed((peerId) => {
      const peer = byId.get(peerId);
      if (!peer || !state.caucus) return true;
      return inCaucusPair(me, state.caucus) && inCaucusPair(peer, state.caucus);
    });
  }, [state, me]);

  // Mute and camera: the tracks stay, only their content stops; the room shows the flags.
  useEffect(() => {
    if (!local) return;
    local.getAudioTracks().forEach((tr) => (tr.enabled = mic));
    local.getVideoTracks().forEach((tr) => (tr.enabled = camera));
    media.current = { mic, camera };
    if (phase.kind === 'in-room') void emit('video.media', { mic, camera });
  }, [mic, camera, local, phase.kind, emit]);

  // The console's caucus (controlled): the mediator's page brings the room to the console's choice.
  const roomCaucus = state?.caucus?.with ?? null;
  useEffect(() => {
    if (caucusWith === undefined || !me?.lead || phase.kind !== 'in-room' || roomCaucus === caucusWith) return;
    void emit('video.caucus', { with: caucusWith });
  }, [caucusWith, me?.lead, phase.kind, roomCaucus, emit]);

  // Recording: the mediator's page (the one that started it) records what it sees and hears.
  const recordingId = me?.lead ? (state?.recording?.id ?? null) : null;
  const [uploaded, setUploaded] = useState(0);
  const [recordError, setRecordError] = useState<string | null>(null);
  const recorderRef = useRef<RoomRecorder | null>(null);
  const recordStreams = useMemo(() => {
    if (!state || !selfId) return [];
    const self = state.participants.find((p) => p.id === selfId);
    const visible = state.participants.filter((p) => p.id !== selfId && p.admitted && (!state.caucus || (self && inCaucusPair(self, state.caucus) && inCaucusPair(p, state.caucus))));
    return [...(local ? [local] : []), ...visible.map((p) => remote.get(p.id)).filter((x): x is MediaStream => Boolean(x))];
  }, [state, selfId, local, remote]);
  const recordStreamsRef = useRef(recordStreams);
  recordStreamsRef.current = recordStreams;
  useEffect(() => {
    if (!recordingId) return;
    if (!RoomRecorder.mimeType()) {
      setRecordError(tRef.current('video.recorderUnsupported'));
      return;
    }
    setUploaded(0);
    setRecordError(null);
    const rec = new RoomRecorder(
      async (seq, chunk) => {
        const formData = new FormData();
        formData.append('file', chunk, `chunk-${seq}.${chunk.type.includes('mp4') ? 'mp4' : 'webm'}`);
        await videoApi.addChunk(roomId, recordingId, seq, formData);
      },
      setUploaded,
      (error) => setRecordError(errorMessage(error, tRef.current)),
    );
    recorderRef.current = rec;
    rec.start(recordStreamsRef.current);
    return () => {
      recorderRef.current = null;
      void rec.stop();
    };
  }, [recordingId, roomId]);
  useEffect(() => {
    recorderRef.current?.update(recordStreams);
  }, [recordStreams]);

  const admit = async (p: VideoParticipant) => {
    const ack = await emit('video.admit', { participantId: p.id });
    if (!ack.ok) void message.error(t(`video.problem.${ack.code}`, { defaultValue: ack.code }));
  };
  const setCaucus = async (withParty: CaucusWith | null) => {
    const ack = await emit('video.caucus', { with: withParty });
    if (!ack.ok) void message.error(t(`video.problem.${ack.code}`, { defaultValue: ack.code }));
  };
  const consent = async (recording: boolean) => {
    const ack = await emit('video.consent', { recording });
    if (!ack.ok) void message.error(t(`video.problem.${ack.code}`, { defaultValue: ack.code }));
  };
  const record = async (start: boolean) => {
    setMissing(null);
    const ack = await emit(start ? 'video.recording.start' : 'video.recording.stop', {});
    if (!ack.ok) {
      if (ack.code === 'RECORDING_CONSENT_MISSING') setMissing((ack.missing ?? []).map((m) => m.name || t(`video.role.${m.role}`)));
      else void message.error(t(`video.problem.${ack.code}`, { defaultValue: ack.code }));
    }
  };
  const hangUp = () => {
    void recorderRef.current?.stop();
    void emit('video.leave', {});
    socketRef.current?.disconnect();
    meshRef.current?.close();
    meshRef.current = null;
    local?.getTracks().forEach((tr) => tr.stop());
    setPhase({ kind: 'left' });
    onLeave?.();
  };

  // ── What is shown ─────────────────────────────────────────────────────────────────────

  if (info.isPending) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (info.isError) return <Alert type="error" showIcon role="alert" title={errorMessage(info.error, t)} data-testid="video-error" />;
  if (info.data.provider === 'external') {
    return (
      <Card data-testid="video-external">
        <Result
          icon={<VideoCameraOutlined style={{ color: token.colorPrimary }} />}
          title={t('video.externalTitle')}
          subTitle={t('video.externalHint')}
          extra={
            <Button type="primary" size="large" icon={<ExportOutlined />} href={info.data.joinUrl} target="_blank" rel="noopener noreferrer" data-testid="video-external-link">
              {t('video.openExternal')}
            </Button>
          }
        />
      </Card>
    );
  }
  if (phase.kind === 'error') return <Alert type="error" showIcon role="alert" title={phase.message} data-testid="video-error" />;
  if (phase.kind === 'replaced') return <Alert type="warning" showIcon title={t('video.replaced')} data-testid="video-replaced" />;
  if (phase.kind === 'closed') return <Result status="info" title={t('video.closed')} data-testid="video-closed" />;
  if (phase.kind === 'left') {
    return <Result status="info" title={t('video.left')} data-testid="video-left" />;
  }

  const others = (state?.participants ?? []).filter((p) => p.id !== selfId);
  const admittedOthers = others.filter((p) => p.admitted);
  const waitingList = others.filter((p) => !p.admitted);
  const waiting = phase.kind === 'in-room' && me && !me.admitted;
  const caucusWaiting = Boolean(me?.admitted && caucus && !inCaucusPair(me, caucus));

  const localTile = (
    <VideoTile stream={local} muted mirrored label={t('video.you', { name: me?.name ?? '' })} testId="video-local">
      {!mic ? <AudioMutedOutlined style={{ color: '#fff' }} /> : null}
    </VideoTile>
  );

  const controls = (
    <Flex gap={8} wrap justify="center">
      <Tooltip title={mic ? t('video.mute') : t('video.unmute')}>
        <Button size="large" shape="circle" danger={!mic} icon={mic ? <AudioOutlined /> : <AudioMutedOutlined />} onClick={() => setMic((v) => !v)} aria-label={mic ? t('video.mute') : t('video.unmute')} data-testid="video-mic" aria-pressed={!mic} />
      </Tooltip>
      <Tooltip title={camera ? t('video.cameraOff') : t('video.cameraOn')}>
        <Button size="large" shape="circle" danger={!camera} icon={camera ? <VideoCameraOutlined /> : <VideoCameraAddOutlined />} onClick={() => setCamera((v) => !v)} aria-label={camera ? t('video.cameraOff') : t('video.cameraOn')} data-testid="video-camera" aria-pressed={!camera} />
      </Tooltip>
      <Button size="large" danger type="primary" icon={<PhoneOutlined rotate={225} />} onClick={hangUp} data-testid="video-leave">
        {t('video.leave')}
      </Button>
    </Flex>
  );

  const consentRow = phase.kind === 'in-room' && me ? (
    <Flex align="center" gap={8} wrap>
      <Switch checked={me.recordingConsent === true} onChange={(v) => void consent(v)} data-testid="video-consent" aria-label={t('video.consent')} />
      <Typography.Text>{t('video.consent')}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('video.consentHint')}
      </Typography.Text>
    </Flex>
  ) : null;

  const statusBar = (
    <Flex gap={8} wrap align="center">
      <Badge status={socketUp ? 'success' : 'warning'} text={socketUp ? t('video.online') : t('video.reconnecting')} data-testid="video-connection" />
      {state?.recording ? (
        <Tag color="red" data-testid="video-recording">
          ● {t('video.recordingOn', { name: state.recording.by, time: formatDateTime(state.recording.startedAt, i18n.language) })}
        </Tag>
      ) : null}
      {caucus ? (
        <Tag color="orange" data-testid="video-caucus-tag">
          {t('video.caucusTag', { party: t(`video.role.${caucus.with}`) })}
        </Tag>
      ) : null}
    </Flex>
  );

  // What a screen reader hears as the room changes: where the user is, the connection, recording and caucus.
  const announcement = [
    phase.kind === 'loading' ? t('video.connecting') : phase.kind === 'not-open' ? t('video.notOpen', { time: formatDateTime(phase.opensAt, i18n.language) }) : waiting ? t('video.waitingTitle') : t('video.inRoomWith', { count: admittedOthers.length }),
    socketUp ? t('video.online') : t('video.reconnecting'),
    state?.recording ? t('video.recordingOn', { name: state.recording.by, time: formatDateTime(state.recording.startedAt, i18n.language) }) : null,
    caucus ? t('video.caucusTag', { party: t(`video.role.${caucus.with}`) }) : null,
  ]
    .filter(Boolean)
    .join(i18n.language === 'en' ? '. ' : '；');
  const live = <LiveStatus text={announcement} testId="video-live" />;

  if (phase.kind === 'loading' || phase.kind === 'not-open' || waiting) {
    return (
      <Flex vertical gap={12} data-testid="video-room" data-phase={phase.kind === 'in-room' ? 'waiting' : phase.kind}>
        {live}
        {mediaProblem ? <Alert type="warning" showIcon title={mediaProblem} /> : null}
        <Card size="small">
          <Flex vertical gap={12} align="center">
            {phase.kind === 'not-open' ? (
              <Alert type="info" showIcon title={t('video.notOpen', { time: formatDateTime(phase.opensAt, i18n.language) })} data-testid="video-not-open" style={{ width: '100%' }} />
            ) : phase.kind === 'loading' ? (
              <Space>
                <LoadingOutlined />
                {t('video.connecting')}
              </Space>
            ) : (
              <Alert type="info" showIcon icon={<LoadingOutlined />} title={t('video.waitingTitle')} description={t('video.waitingHint')} data-testid="video-waiting" style={{ width: '100%' }} />
            )}
            <div style={{ width: '100%', maxWidth: 360 }}>{localTile}</div>
            {consentRow}
            {controls}
          </Flex>
        </Card>
      </Flex>
    );
  }

  const leadPanel = me?.lead ? (
    <Card size="small" title={t('video.waitingRoom')} data-testid="video-waiting-room">
      {waitingList.length ? (
        <List
          size="small"
          dataSource={waitingList}
          renderItem={(p) => (
            <List.Item
              actions={[
                <Button key="admit" type="primary" size="small" icon={<CheckOutlined />} onClick={() => void admit(p)} data-testid={`video-admit-${p.role}`} disabled={!p.connected}>
                  {t('video.admit')}
                </Button>,
              ]}
            >
              <Space>
                <Tag>{t(`video.role.${p.role}`)}</Tag>
                <span data-testid={`video-waiting-name-${p.role}`}>{p.name}</span>
                {!p.connected ? <Typography.Text type="secondary">{t('video.peerReconnecting')}</Typography.Text> : null}
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('video.nobodyWaiting')} />
      )}
      {caucusWith === undefined ? (
        <Flex vertical gap={6} style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('video.caucus')}</Typography.Text>
          <Segmented
            block
            value={caucus?.with ?? 'none'}
            onChange={(v) => void setCaucus(v === 'none' ? null : (v as CaucusWith))}
            options={[
              { value: 'none', label: t('video.caucusNone') },
              { value: 'bank', label: t('video.caucusWith', { party: t('video.role.bank') }) },
              { value: 'consumer', label: t('video.caucusWith', { party: t('video.role.consumer') }) },
            ]}
            data-testid="video-caucus"
          />
        </Flex>
      ) : null}
      <Flex vertical gap={6} style={{ marginTop: 12 }}>
        <Typography.Text strong>{t('video.recording')}</Typography.Text>
        <Button danger={Boolean(state?.recording)} onClick={() => void record(!state?.recording)} data-testid="video-record">
          {state?.recording ? t('video.recordStop') : t('video.recordStart')}
        </Button>
        {missing ? <Alert type="warning" showIcon title={t('video.consentMissing', { names: missing.join('、') })} data-testid="video-consent-missing" /> : null}
        {recordingId ? (
          <Typography.Text type="secondary" data-testid="video-recording-uploaded" data-chunks={uploaded}>
            {t('video.uploaded', { count: uploaded })}
          </Typography.Text>
        ) : null}
        {recordError ? <Alert type="error" showIcon title={recordError} data-testid="video-recording-error" /> : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('video.recordingNote')}
        </Typography.Text>
      </Flex>
    </Card>
  ) : null;

  return (
    <Flex vertical gap={12} data-testid="video-room" data-phase="in-room">
      {live}
      {mediaProblem ? <Alert type="warning" showIcon title={mediaProblem} /> : null}
      {statusBar}
      {caucusWaiting ? <Alert type="warning" showIcon icon={<LoadingOutlined />} title={t('video.caucusWaiting')} data-testid="video-caucus-waiting" /> : null}
      <Flex gap={12} wrap align="flex-start">
        <div style={{ flex: '3 1 320px', minWidth: 0 }}>
          <div style={{ display: 'grid', gap: 8, gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))' }}>
            {admittedOthers.map((p) => {
              const hidden = Boolean(caucus && !(me && inCaucusPair(me, caucus) && inCaucusPair(p, caucus)));
              const conn = connections[p.id];
              return (
                <VideoTile key={p.id} stream={hidden ? null : (remote.get(p.id) ?? null)} muted={hidden} dim={hidden} label={`${p.name}（${t(`video.role.${p.role}`)}）`} testId={`video-remote-${p.role}`}>
                  {!p.mic ? <AudioMutedOutlined style={{ color: '#fff' }} /> : null}
                  {!p.camera ? <Tag style={{ marginInlineEnd: 0 }}>{t('video.theirCameraOff')}</Tag> : null}
                  {!p.connected || (conn && conn !== 'connected') ? (
                    <Tag color="gold" style={{ marginInlineEnd: 0 }}>
                      {t('video.peerReconnecting')}
                    </Tag>
                  ) : null}
                  {hidden ? (
                    <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                      {/* from inside the pair the other one waits; from outside, the pair talks alone */}
                      {me && caucus && inCaucusPair(me, caucus) ? t('video.inCaucusElsewhere') : t('video.inCaucusTogether')}
                    </Tag>
                  ) : null}
                </VideoTile>
              );
            })}
            {admittedOthers.length === 0 ? (
              <div style={{ background: token.colorFillSecondary, borderRadius: 8, aspectRatio: '4 / 3', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16, textAlign: 'center' }}>
                <Typography.Text type="secondary">{me?.lead ? t('video.aloneLead') : t('video.alone')}</Typography.Text>
              </div>
            ) : null}
          </div>
        </div>
        <Flex vertical gap={12} style={{ flex: '1 1 240px', minWidth: 0, maxWidth: 420 }}>
          {localTile}
          {controls}
          {consentRow}
          {leadPanel}
        </Flex>
      </Flex>
    </Flex>
  );
}

export default VideoRoom;
