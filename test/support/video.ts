import { randomBytes } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import type { VideoRoomState } from '@accord/contracts';
import { sockets } from './sockets';
import { eventually, SignedIn, TestWorld } from './test-world';

/** One page in a video room: its socket on /video and what the server pushed. */
export class VideoTab {
  readonly states: VideoRoomState[] = [];
  readonly signals: Record<string, unknown>[] = [];
  readonly events: { event: string; data: unknown }[] = [];
  participantId?: string;
  constructor(
    readonly socket: Socket,
    /** The page's id: the same across socket reconnects of one page, new for another page. */
    readonly connId = randomBytes(8).toString('hex'),
  ) {
    socket.on('video.state', (s: VideoRoomState) => this.states.push(s));
    socket.on('video.signal', (s: Record<string, unknown>) => this.signals.push(s));
    socket.onAny((event: string, data: unknown) => this.events.push({ event, data }));
  }

  get state(): VideoRoomState | undefined {
    return this.states[this.states.length - 1];
  }

  emit<T = { ok: boolean; code?: string; [k: string]: unknown }>(event: string, body: unknown): Promise<T> {
    return this.socket.timeout(5000).emitWithAck(event, body);
  }

  async join(sessionId: string): Promise<{ ok: boolean; code?: string; participantId?: string; state?: VideoRoomState; opensAt?: string }> {
    const res = await this.emit<{ ok: boolean; code?: string; participantId?: string; state?: VideoRoomState }>('video.join', { sessionId, connId: this.connId });
    if (res.ok) this.participantId = res.participantId;
    return res;
  }

  /** Waits until the newest state satisfies the check. */
  until(check: (s: VideoRoomState) => boolean, timeoutMs = 10_000): Promise<VideoRoomState> {
    return eventually(async () => (this.state && check(this.state) ? this.state : null), timeoutMs);
  }

  me(s = this.state) {
    return s?.participants.find((p) => p.id === this.participantId);
  }
}

export function openVideo(url: string, auth: Record<string, unknown>, query?: Record<string, string>): Socket {
  const socket = io(`${url}/video`, { path: '/socket.io', transports: ['websocket'], auth, query, reconnection: false, forceNew: true, timeout: 5000 });
  sockets.push(socket);
  return socket;
}

export async function videoTab(url: string, auth: Record<string, unknown>, connId?: string): Promise<VideoTab> {
  const socket = openVideo(url, auth);
  const tab = new VideoTab(socket, connId);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (e) => reject(e));
  });
  return tab;
}

interface Message {
  id: string;
  caseId: string | null;
  body: string;
  status: string;
}

/** Intake sends the consumer the link; the consumer asks for a code and types it: their access token. */
export async function consumerAccess(world: TestWorld, intake: SignedIn, caseId: string, sessionId: string): Promise<string> {
  await world.http.post(`/api/v1/sessions/${sessionId}/consumer-link`).set(intake.auth).expect(201);
  const messages = async () => (await world.http.get('/api/v1/messages?pageSize=100').set(intake.auth)).body.items as Message[];
  const link = await eventually(async () => (await messages()).find((m) => m.caseId === caseId && m.body.includes('/c/') && m.status === 'sent'), 20_000);
  const token = /\/c\/([A-Za-z0-9_-]+)/.exec(link.body)![1];
  await world.http.post(`/api/v1/public/consumer-links/${token}/code`).expect(200);
  const codeMessage = await eventually(async () => (await messages()).find((m) => m.caseId === caseId && /验证码 \d{6}/.test(m.body) && m.status === 'sent'), 20_000);
  const code = /验证码 (\d{6})/.exec(codeMessage.body)![1];
  const ok = await world.http.post(`/api/v1/public/consumer-links/${token}/verify`).send({ code }).expect(200);
  return ok.body.accessToken as string;
}

/** A video session of the case starting in `minutesFromNow` (outside the mediator's hours if need be). */
export async function videoSession(world: TestWorld, intake: SignedIn, caseId: string, minutesFromNow = 2, channel: 'video' | 'phone' = 'video', minutes = 60): Promise<string> {
  const startsAt = new Date(Math.ceil((Date.now() + minutesFromNow * 60_000) / 60_000) * 60_000).toISOString();
  const res = await world.http
    .post(`/api/v1/cases/${caseId}/sessions`)
    .set(intake.auth)
    .send({ channel, startsAt, minutes, outsideHoursReason: '视频测试', participants: [{ role: 'consumer', name: '张小三' }] });
  if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}
