import { Inject, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type Redis from 'ioredis';
import type { Server, Socket } from 'socket.io';
import { pinnedBranch, rooms } from '@accord/contracts';
import { SYSTEM_SCOPE, type AccessScope } from '../access/access-scope';
import { APP_CONFIG, AppConfig } from '../config';
import { Database } from '../database/database.service';
import { createRedis } from '../redis';
import { scopeFromClaims, TokenService } from '../auth/token.service';
import { RealtimeMessage } from './realtime.publisher';
import { RoomAccess } from './room-access.service';
import { CatchUpRepository } from './catch-up.repository';
import { REALTIME_STREAM } from '../queue/queue.names';

interface SocketData {
  scope: AccessScope;
}

/** At most this many missed events are replayed; beyond it the client is told to reload over REST. */
export const CATCH_UP_LIMIT = 1000;
/** A seq further back than this is not searched for (the client reloads over REST instead). */
const CATCH_UP_SPAN = 200_000;

/** A client's last seen seq, as it sends it: a positive integer, or nothing. */
function seqOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d{1,18}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** How many recent events each process remembers to drop a second copy of one. */
const RECENT_EVENTS = 10_000;

/**
 * socket.io: the token comes in the handshake's `auth`, never the query string. A socket
 * joins its organisation, user and session rooms; other rooms only when RoomAccess agrees.
 * Each API process reads the worker's event stream and emits to its own sockets.
 */
@WebSocketGateway({ path: '/socket.io', serveClient: false, cors: { origin: false } })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnModuleInit, OnApplicationShutdown {
  @WebSocketServer() server: Server;
  private readonly logger = new Logger('RealtimeGateway');
  private reader?: Redis;
  private running = false;
  private lastId = '$';
  private readonly listeners = new Set<(message: RealtimeMessage) => void>();
  /** The last RECENT_EVENTS seqs emitted (a ring, and a set to look them up). */
  private readonly recent = new Set<string>();
  private readonly recentRing: string[] = [];
  private recentAt = 0;

  constructor(
    private readonly tokens: TokenService,
    private readonly db: Database,
    private readonly roomAccess: RoomAccess,
    private readonly catchUps: CatchUpRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Catch-up: a client that reconnects sends the last seq it saw (`auth.afterSeq`) and gets, on
   * this socket, every event of its rooms since — the ones emitted while it was away or
   * connected to a process that died — before or among the live ones. A seq may arrive twice
   * (replayed and live): clients drop a seq they have seen. Past CATCH_UP_LIMIT events, or a seq
   * too far back, `events.catch-up` says `complete: false` and the client reloads over REST.
   */
  handleConnection(socket: Socket): void {
    const afterSeq = seqOf((socket.handshake.auth as { afterSeq?: unknown })?.afterSeq);
    if (afterSeq !== undefined && (socket.data as SocketData).scope) void this.catchUp(socket, afterSeq, [...socket.rooms].filter((r) => r !== socket.id));
  }

  private async catchUp(socket: Socket, afterSeq: number, rooms: string[]): Promise<void> {
    try {
      const missed = await this.db.run(SYSTEM_SCOPE, async () =>
        afterSeq < (await this.catchUps.latestSeq()) - CATCH_UP_SPAN ? undefined : this.catchUps.since(afterSeq, rooms, CATCH_UP_LIMIT + 1),
      );
      if (socket.disconnected) return;
      const replay = (missed ?? []).slice(0, CATCH_UP_LIMIT);
      for (const e of replay) socket.emit(e.type, { seq: Number(e.seq), at: new Date(e.at).toISOString(), data: e.payload });
      socket.emit('events.catch-up', { afterSeq, replayed: replay.length, complete: missed !== undefined && missed.length <= CATCH_UP_LIMIT, rooms });
    } catch (error) {
      this.logger.warn(`catch-up after seq ${afterSeq} failed: ${(error as Error).message}`);
      if (socket.connected) socket.emit('events.catch-up', { afterSeq, replayed: 0, complete: false, rooms });
    }
  }

  afterInit(server: Server): void {
    server.use((socket, next) => {
      void this.authenticate(socket)
        .then(() => next())
        .catch((error: Error) => next(Object.assign(new Error(error.message), { data: { code: 'UNAUTHENTICATED' } })));
    });
  }

  private async authenticate(socket: Socket): Promise<void> {
    const token = (socket.handshake.auth as { token?: unknown })?.token;
    const claims = typeof token === 'string' ? this.tokens.verifyAccess(token) : null;
    if (!claims) throw new Error('A valid access token is required in auth.token');
    const scope = scopeFromClaims(claims);
    await this.db.run(scope, async () => undefined, { requireSession: true });
    (socket.data as SocketData).scope = scope;
    // A user pinned to a branch hears its subtree's events, never the whole institution's.
    const pinned = scope.kind === 'institution' ? pinnedBranch(scope.branchPath) : null;
    await socket.join([pinned ? rooms.branch(pinned) : rooms.organisation(claims.org), rooms.user(claims.sub), `session:${claims.sid}`]);
    // The socket ends with its token: the client reconnects with a fresh one. A client gone while
    // the checks above awaited has fired 'disconnect' already: a timer set now would never be cleared.
    if (socket.disconnected) return;
    const timer = setTimeout(() => socket.disconnect(true), Math.max(claims.exp * 1000 - Date.now(), 0)).unref();
    socket.once('disconnect', () => clearTimeout(timer));
  }

  /** `body`: the room, or `{ room, afterSeq }` to also get the room's events since that seq (catch-up). */
  @SubscribeMessage('rooms.join')
  async join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<{ ok: boolean; code?: string }> {
    const scope = (socket.data as SocketData).scope;
    const room = typeof body === 'object' && body !== null ? (body as { room?: unknown }).room : body;
    // An unknown room and a foreign one answer alike, so ids can't be probed.
    if (typeof room !== 'string' || !(await this.roomAccess.mayJoin(scope, room))) return { ok: false, code: 'ROOM_NOT_FOUND' };
    await socket.join(room);
    const afterSeq = typeof body === 'object' && body !== null ? seqOf((body as { afterSeq?: unknown }).afterSeq) : undefined;
    if (afterSeq !== undefined) void this.catchUp(socket, afterSeq, [room]);
    return { ok: true };
  }

  @SubscribeMessage('rooms.leave')
  async leave(@ConnectedSocket() socket: Socket, @MessageBody() room: unknown): Promise<{ ok: boolean }> {
    if (typeof room === 'string' && !room.startsWith('session:')) await socket.leave(room);
    return { ok: true };
  }

  onModuleInit(): void {
    this.reader = createRedis(this.config.REDIS_URL, { name: 'accord-realtime-reader' });
    this.running = true;
    void this.readLoop();
  }

  /** Follows the worker's stream from where this process joined it, across reconnects. */
  private async readLoop(): Promise<void> {
    const stream = `${this.config.REDIS_PREFIX}:${REALTIME_STREAM}`;
    while (this.running) {
      try {
        if (this.lastId === '$') {
          // Start from the stream's current end, then follow by id so no gap opens between reads.
          const [last] = (await this.reader!.xrevrange(stream, '+', '-', 'COUNT', 1)) as [string, string[]][];
          this.lastId = last?.[0] ?? '0-0';
        }
        const result = (await this.reader!.xread('COUNT', 500, 'BLOCK', 2000, 'STREAMS', stream, this.lastId)) as
          | [string, [string, string[]][]][]
          | null;
        if (!result) continue;
        for (const [id, fields] of result[0][1]) {
          this.lastId = id;
          this.deliver(JSON.parse(fields[1]) as RealtimeMessage);
        }
      } catch (error) {
        if (!this.running) return;
        this.logger.warn(`realtime stream read failed, retrying: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /**
   * Another part of the API that must react to the worker's events in every process (the video
   * rooms close when their session ends). Listeners run after the sockets got the event.
   */
  onMessage(listener: (message: RealtimeMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private deliver(message: RealtimeMessage): void {
    // The relay is at-least-once: a worker that dies between appending a batch and marking it
    // published appends it again. An outbox row is one event: deliver its seq once.
    const seq = String(message.seq);
    if (this.recent.has(seq)) return;
    const evicted = this.recentRing[this.recentAt];
    if (evicted !== undefined) this.recent.delete(evicted);
    this.recentRing[this.recentAt] = seq;
    this.recentAt = (this.recentAt + 1) % RECENT_EVENTS;
    this.recent.add(seq);
    this.deliverToSockets(message);
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch (error) {
        this.logger.warn(`realtime listener failed: ${(error as Error).message}`);
      }
    }
  }

  private deliverToSockets(message: RealtimeMessage): void {
    if (!this.server || !message.rooms.length) return;
    if (message.type === 'session.ended') {
      this.server.local.in(message.rooms).disconnectSockets(true);
      return;
    }
    this.server.local.to(message.rooms).emit(message.type, { seq: Number(message.seq), at: message.at, data: message.payload });
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.reader?.disconnect();
  }
}
