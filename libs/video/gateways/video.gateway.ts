import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayDisconnect, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { VIDEO_NAMESPACE, videoRoom, type CaucusWith, type VideoAck, type VideoRoomState } from '@accord/contracts';
import { Database, DomainError, RealtimeGateway, RealtimeMessage, scopeFromClaims, TokenService } from '@accord/core';
import { RoomStore } from '../services/room-store';
import { RoomSeat, VideoAccessService, VideoIdentity } from '../services/video-access.service';
import { VideoConsentService } from '../services/video-consent.service';
import { VideoRecordingService } from '../services/video-recording.service';
import { SessionConsoleService } from '@accord/sessions';

interface VideoSocketData {
  identity: VideoIdentity;
  seat?: RoomSeat;
}

type Ack<T = object> = VideoAck<T>;

const SESSION_CHECK_MS = 30_000;
const MAX_SDP = 64 * 1024;
const MAX_CANDIDATE = 2 * 1024;
const ROOM_NOT_FOUND = { ok: false, code: 'ROOM_NOT_FOUND' } as const;
const NOT_IN_ROOM = { ok: false, code: 'NOT_IN_ROOM' } as const;
const NOT_LEAD = { ok: false, code: 'MEDIATOR_ONLY' } as const;
/** A session in one of these has no room any more: everyone in it is told and let go. */
// An adjourned session is over too: the next date has a room of its own.
const ENDED = ['cancelled', 'no_show', 'concluded', 'adjourned'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const dataOf = (socket: Socket) => socket.data as VideoSocketData;

/**
 * The video room's signalling (namespace /video on the one socket.io server, so the Redis
 * streams adapter joins every API process into one room). The handshake names who knocks; a
 * join is checked like the case (VideoAccessService); the mediator admits from the waiting
 * room; offers, answers and ICE candidates go only between admitted participants of the same
 * room, to the peer's socket wherever it is connected. The media flow browser to browser.
 */
@WebSocketGateway({ namespace: VIDEO_NAMESPACE, path: '/socket.io', serveClient: false, cors: { origin: false } })
export class VideoGateway implements OnGatewayInit, OnGatewayDisconnect, OnModuleInit, OnApplicationShutdown {
  @WebSocketServer() server: Namespace;
  private readonly logger = new Logger('VideoGateway');
  private readonly timers = new Set<NodeJS.Timeout>();
  private unsubscribe?: () => void;

  constructor(
    private readonly tokens: TokenService,
    private readonly db: Database,
    private readonly access: VideoAccessService,
    private readonly consents: VideoConsentService,
    private readonly store: RoomStore,
    private readonly recordings: VideoRecordingService,
    private readonly realtime: RealtimeGateway,
    private readonly sessions: SessionConsoleService,
  ) {}

  /** Every API process follows the worker's events: a session that ended closes its room here. */
  onModuleInit(): void {
    this.unsubscribe = this.realtime.onMessage((m: RealtimeMessage) => {
      const { sessionId, status } = m.payload as { sessionId?: unknown; status?: unknown };
      if (m.type === 'session.updated' && typeof sessionId === 'string' && typeof status === 'string' && ENDED.includes(status)) {
        void this.closeRoom(sessionId, status).catch((error: Error) => this.logger.warn(`closing video room failed: ${error.message}`));
      }
    });
  }

  /** Tells this process's sockets in the room that it is over and lets them go; forgets the room (once is enough, more is harmless). */
  async closeRoom(sessionId: string, why: string): Promise<void> {
    const room = videoRoom(sessionId);
    const local = await this.server.local.in(room).fetchSockets();
    for (const s of local) {
      const data = s.data as VideoSocketData;
      if (data.seat?.sessionId === sessionId) data.seat = undefined;
    }
    this.server.local.to(room).emit('video.closed', { sessionId, status: why });
    this.server.local.in(room).socketsLeave(room);
    const { recording } = await this.store.stored(sessionId);
    if (recording) await this.recordings.stop(recording.id, `session-${why}`);
    await this.store.forget(sessionId);
  }

  afterInit(server: Namespace): void {
    server.use((socket, next) => {
      void this.authenticate(socket)
        .then(() => next())
        .catch((error: Error) => next(Object.assign(new Error(error.message), { data: { code: 'UNAUTHENTICATED' } })));
    });
  }

  /** `auth.token` (a portal user) or `auth.consumerToken` (the consumer's link); never the query string. */
  private async authenticate(socket: Socket): Promise<void> {
    const auth = (socket.handshake.auth ?? {}) as { token?: unknown; consumerToken?: unknown };
    if (typeof auth.token === 'string' && auth.token) {
      const claims = this.tokens.verifyAccess(auth.token);
      if (!claims) throw new Error('A valid access token is required in auth.token');
      const scope = scopeFromClaims(claims);
      await this.db.run(scope, async () => undefined, { requireSession: true });
      dataOf(socket).identity = { kind: 'staff', scope };
      // The socket ends with its token (the client reconnects with a fresh one) or its sign-in session.
      // A client gone while the check above awaited has fired 'disconnect' already: no timers for it.
      if (socket.disconnected) return;
      const expiry = setTimeout(() => socket.disconnect(true), Math.max(claims.exp * 1000 - Date.now(), 0)).unref();
      const check = setInterval(() => {
        void this.db.run(scope, async () => undefined, { requireSession: true }).catch(() => socket.disconnect(true));
      }, SESSION_CHECK_MS).unref();
      socket.once('disconnect', () => {
        clearTimeout(expiry);
        clearInterval(check);
      });
      return;
    }
    if (typeof auth.consumerToken === 'string' && auth.consumerToken && (await this.access.consumerKnown(auth.consumerToken))) {
      dataOf(socket).identity = { kind: 'consumer', accessToken: auth.consumerToken };
      return;
    }
    throw new Error('A valid access token is required in auth.token or auth.consumerToken');
  }

  @SubscribeMessage('video.join')
  async join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack<{ participantId: string; state: VideoRoomState }>> {
    if (!isRecord(body) || typeof body.sessionId !== 'string') return ROOM_NOT_FOUND;
    const connId = typeof body.connId === 'string' && /^[A-Za-z0-9_-]{6,64}$/.test(body.connId) ? body.connId : socket.id;
    let seat: RoomSeat;
    try {
      seat = await this.access.seat(dataOf(socket).identity, body.sessionId);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'ROOM_NOT_OPEN') return { ok: false, code: error.code, opensAt: String(error.extensions.opensAt) };
      if (error instanceof DomainError && error.status === 404) return ROOM_NOT_FOUND;
      throw error;
    }
    const identity = dataOf(socket).identity;
    if (identity.kind === 'consumer') await this.access.keepConsumerAccess(identity.accessToken, seat);
    const previous = dataOf(socket).seat;
    if (previous && previous.sessionId !== seat.sessionId) await this.leaveRoom(socket, previous);
    // The mediator's page that was recording is gone (a reload, another tab): that recording ends here.
    const before = await this.store.participant(seat.sessionId, seat.participantId);
    if (seat.lead && before && before.connId !== connId) await this.stopRecording(seat, 'mediator-page-changed');
    const { replacedSocketId } = await this.store.join(
      seat.sessionId,
      { id: seat.participantId, role: seat.role, name: seat.name, lead: seat.lead, connId, socketId: socket.id, key: seat.key },
      { mic: body.mic !== false, camera: body.camera !== false },
      // The center's staff enter directly; the bank and the consumer wait to be admitted.
      seat.role === 'mediator',
    );
    const answers = await this.consents.answers(dataOf(socket).identity, seat.sessionId);
    await this.store.setConsent(seat.sessionId, seat.participantId, answers.has(seat.key) ? answers.get(seat.key)! : null);
    dataOf(socket).seat = seat;
    await socket.join(videoRoom(seat.sessionId));
    if (replacedSocketId && replacedSocketId !== socket.id) {
      // The same person opened the room elsewhere: the older page steps aside.
      this.server.to(replacedSocketId).emit('video.replaced', { sessionId: seat.sessionId });
      this.server.in(replacedSocketId).socketsLeave(videoRoom(seat.sessionId));
    }
    const state = await this.broadcast(seat.sessionId);
    return { ok: true, participantId: seat.participantId, state };
  }

  @SubscribeMessage('video.leave')
  async leave(@ConnectedSocket() socket: Socket): Promise<Ack> {
    const seat = dataOf(socket).seat;
    if (seat) await this.leaveRoom(socket, seat);
    return { ok: true };
  }

  /** The mediator lets a waiting party in. */
  @SubscribeMessage('video.admit')
  async admit(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    const me = await this.current(socket, body);
    if ('code' in me) return me;
    if (!me.seat.lead) return NOT_LEAD;
    const participantId = isRecord(body) && typeof body.participantId === 'string' ? body.participantId : '';
    const target = participantId ? await this.store.participant(me.seat.sessionId, participantId) : null;
    if (!target) return { ok: false, code: 'PARTICIPANT_NOT_FOUND' };
    await this.store.admit(me.seat.sessionId, participantId);
    await this.checkIn(socket, me.seat.sessionId, target);
    const room = await this.store.stored(me.seat.sessionId);
    // A recording never goes on with someone in it who has not agreed to it.
    if (room.recording && target.role !== 'mediator' && (await this.consents.answers(dataOf(socket).identity, me.seat.sessionId)).get(target.key) !== true) {
      await this.stopRecording(me.seat, 'participant-without-consent-admitted');
    }
    await this.broadcast(me.seat.sessionId);
    return { ok: true };
  }

  @SubscribeMessage('video.media')
  async media(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    const me = await this.current(socket, body);
    if ('code' in me) return me;
    const b = isRecord(body) ? body : {};
    await this.store.setMedia(me.seat.sessionId, me.seat.participantId, { mic: b.mic === true, camera: b.camera === true });
    await this.broadcast(me.seat.sessionId);
    return { ok: true };
  }

  /** Offers, answers and ICE candidates, only between admitted participants of the same room. */
  @SubscribeMessage('video.signal')
  async signal(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    const me = await this.current(socket, body);
    if ('code' in me) return me;
    if (!me.self.admitted) return { ok: false, code: 'NOT_ADMITTED' };
    if (!isRecord(body) || typeof body.to !== 'string' || typeof body.pc !== 'string' || body.pc.length > 64) return { ok: false, code: 'SIGNAL_INVALID' };
    const description = this.description(body.description);
    const candidate = this.candidate(body.candidate);
    if (description === false || candidate === false) return { ok: false, code: 'SIGNAL_INVALID' };
    const target = body.to === me.self.id ? null : await this.store.participant(me.seat.sessionId, body.to);
    if (!target || !target.admitted || !target.connected) return { ok: false, code: 'PEER_NOT_FOUND' };
    // To the peer's socket, on whichever API process holds it (the adapter carries it across).
    this.server.to(target.socketId).emit('video.signal', {
      from: me.self.id,
      pc: body.pc,
      ...(description ? { description } : {}),
      ...(candidate !== undefined ? { candidate } : {}),
      ...(body.restart === true ? { restart: true } : {}),
    });
    return { ok: true };
  }

  /** 背靠背: the mediator talks with one party alone; everyone's client follows the room's state. */
  @SubscribeMessage('video.caucus')
  async caucus(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    const me = await this.current(socket, body);
    if ('code' in me) return me;
    if (!me.seat.lead) return NOT_LEAD;
    const withParty = isRecord(body) ? body.with : undefined;
    if (withParty !== null && withParty !== 'bank' && withParty !== 'consumer') return { ok: false, code: 'CAUCUS_INVALID' };
    await this.store.setCaucus(me.seat.sessionId, withParty as CaucusWith | null);
    await this.broadcast(me.seat.sessionId);
    return { ok: true };
  }

  /** One's own recorded answer on recording (PostgreSQL); withdrawing it stops a recording. */
  @SubscribeMessage('video.consent')
  async consent(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    const me = await this.current(socket, body);
    if ('code' in me) return me;
    if (!isRecord(body) || typeof body.recording !== 'boolean') return { ok: false, code: 'CONSENT_INVALID' };
    await this.consents.record(dataOf(socket).identity, me.seat, body.recording);
    await this.store.setConsent(me.seat.sessionId, me.seat.participantId, body.recording);
    if (!body.recording && (await this.store.stored(me.seat.sessionId)).recording) await this.stopRecording(me.seat, 'consent-withdrawn');
    await this.broadcast(me.seat.sessionId);
    return { ok: true };
  }

  /** Only when every admitted participant has consented (as recorded in PostgreSQL). */
  @SubscribeMessage('video.recording.start')
  async startRecording(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    const me = await this.current(socket, body);
    if ('code' in me) return me;
    if (!me.seat.lead) return NOT_LEAD;
    const room = await this.store.stored(me.seat.sessionId);
    const answers = await this.consents.answers(dataOf(socket).identity, me.seat.sessionId);
    const missing = room.participants.filter((p) => p.admitted && answers.get(p.key) !== true).map((p) => ({ id: p.id, role: p.role, name: p.name }));
    if (missing.length) return { ok: false, code: 'RECORDING_CONSENT_MISSING', missing };
    const identity = dataOf(socket).identity;
    if (!room.recording && identity.kind === 'staff') {
      const consented = room.participants.filter((p) => p.admitted).map((p) => ({ role: p.role, name: p.name }));
      const rec = await this.recordings.start(identity.scope, me.seat.sessionId, me.seat.name, consented);
      await this.store.setRecording(me.seat.sessionId, { id: rec.id, startedAt: rec.startedAt.toISOString(), by: me.seat.name });
      await this.broadcast(me.seat.sessionId);
    }
    return { ok: true };
  }

  @SubscribeMessage('video.recording.stop')
  async stopRecordingMessage(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    const me = await this.current(socket, body);
    if ('code' in me) return me;
    if (!me.seat.lead) return NOT_LEAD;
    await this.stopRecording(me.seat, 'stopped');
    await this.broadcast(me.seat.sessionId);
    return { ok: true };
  }

  async handleDisconnect(socket: Socket): Promise<void> {
    const seat = dataOf(socket).seat;
    if (!seat) return;
    try {
      // A drop is not a leave: the mediator's page goes on recording while the socket comes back.
      if (!(await this.store.drop(seat.sessionId, seat.participantId, socket.id))) return;
      await this.broadcast(seat.sessionId);
      // After the grace period they are forgotten (and would wait again); whichever process runs this first tells the room.
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.store
          .prune(seat.sessionId)
          .then((n) => (n ? this.broadcast(seat.sessionId) : undefined))
          .catch((error: Error) => this.logger.warn(`video room prune failed: ${error.message}`));
      }, this.store.graceMs + 500);
      timer.unref();
      this.timers.add(timer);
    } catch (error) {
      this.logger.warn(`video room disconnect failed: ${(error as Error).message}`);
    }
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────

  /** The caller's seat in the room named by the message, if this socket still holds it. */
  /** Admitted is present: the console's check-in follows (a failure there never keeps anyone out). */
  private async checkIn(socket: Socket, sessionId: string, target: { role: string; name: string }): Promise<void> {
    const identity = dataOf(socket).identity;
    if (identity.kind !== 'staff' || (target.role !== 'consumer' && target.role !== 'bank')) return;
    try {
      await this.db.run(identity.scope, () => this.sessions.checkInFromVideo(sessionId, target.role as 'consumer' | 'bank', target.name));
    } catch (error) {
      this.logger.warn(`check-in from the video room failed: ${(error as Error).message}`);
    }
  }

  private async current(socket: Socket, body: unknown) {
    const seat = dataOf(socket).seat;
    const sessionId = isRecord(body) && typeof body.sessionId === 'string' ? body.sessionId.toLowerCase() : seat?.sessionId;
    if (!seat || seat.sessionId !== sessionId) return NOT_IN_ROOM;
    const self = await this.store.participant(seat.sessionId, seat.participantId);
    if (!self || self.socketId !== socket.id) return NOT_IN_ROOM;
    return { seat, self };
  }

  private async leaveRoom(socket: Socket, seat: RoomSeat): Promise<void> {
    await socket.leave(videoRoom(seat.sessionId));
    const self = await this.store.participant(seat.sessionId, seat.participantId);
    // A page that another one has replaced leaves without touching the seat (or its recording).
    if (self?.socketId === socket.id) {
      await this.store.leave(seat.sessionId, seat.participantId);
      if (seat.lead) await this.stopRecording(seat, 'mediator-left');
    }
    dataOf(socket).seat = undefined;
    await this.broadcast(seat.sessionId);
  }

  private async stopRecording(seat: RoomSeat, why: string): Promise<void> {
    const { recording } = await this.store.stored(seat.sessionId);
    if (!recording) return;
    await this.store.setRecording(seat.sessionId, null);
    await this.recordings.stop(recording.id, why).catch((error: Error) => this.logger.warn(`recording stop failed: ${error.message}`));
  }

  private async broadcast(sessionId: string): Promise<VideoRoomState> {
    await this.store.prune(sessionId);
    let state = await this.store.state(sessionId);
    // The mediator gone for good (left, or not back within the grace period): the recording stops with them.
    if (state.recording && !state.participants.some((p) => p.lead)) {
      await this.store.setRecording(sessionId, null);
      await this.recordings.stop(state.recording.id, 'mediator-left').catch((error: Error) => this.logger.warn(`recording stop failed: ${error.message}`));
      state = await this.store.state(sessionId);
    }
    this.server.to(videoRoom(sessionId)).emit('video.state', state);
    return state;
  }

  private description(value: unknown): VideoSignalDescription | undefined | false {
    if (value === undefined || value === null) return undefined;
    if (!isRecord(value) || !['offer', 'answer', 'pranswer', 'rollback'].includes(value.type as string)) return false;
    if (value.sdp !== undefined && (typeof value.sdp !== 'string' || value.sdp.length > MAX_SDP)) return false;
    return { type: value.type as VideoSignalDescription['type'], ...(typeof value.sdp === 'string' ? { sdp: value.sdp } : {}) };
  }

  private candidate(value: unknown): VideoSignalCandidate | null | undefined | false {
    if (value === undefined) return undefined;
    if (value === null) return null;
    if (!isRecord(value) || typeof value.candidate !== 'string' || value.candidate.length > MAX_CANDIDATE) return false;
    return {
      candidate: value.candidate,
      sdpMid: typeof value.sdpMid === 'string' ? value.sdpMid : null,
      sdpMLineIndex: typeof value.sdpMLineIndex === 'number' ? value.sdpMLineIndex : null,
      ...(typeof value.usernameFragment === 'string' ? { usernameFragment: value.usernameFragment } : {}),
    };
  }
}

interface VideoSignalDescription {
  type: 'offer' | 'answer' | 'pranswer' | 'rollback';
  sdp?: string;
}

interface VideoSignalCandidate {
  candidate: string;
  sdpMid: string | null;
  sdpMLineIndex: number | null;
  usernameFragment?: string;
}
