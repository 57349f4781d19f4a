import { io, Socket } from 'socket.io-client';
import { eventually } from './test-world';

export interface Received {
  event: string;
  seq: number;
  at: string;
  data: Record<string, unknown>;
}

/** A browser tab: one socket, and everything the server pushed to it, in order. */
export class Tab {
  readonly received: Received[] = [];
  disconnectReason?: string;

  constructor(readonly socket: Socket) {
    socket.onAny((event: string, envelope: Omit<Received, 'event'>) => this.received.push({ event, ...envelope }));
    socket.on('disconnect', (reason) => (this.disconnectReason = reason));
  }

  of(event: string, match: (r: Received) => boolean = () => true): Received[] {
    return this.received.filter((r) => r.event === event && match(r));
  }

  /** Waits for the first matching event and returns it. */
  next(event: string, match?: (r: Received) => boolean, timeoutMs = 10000): Promise<Received> {
    return eventually(async () => this.of(event, match)[0], timeoutMs);
  }

  join(room: unknown): Promise<{ ok: boolean; code?: string }> {
    return this.socket.timeout(5000).emitWithAck('rooms.join', room);
  }
}

/** Sockets, open worlds and extra APIs are all closed in afterAll, so Jest exits. */
export const sockets: Socket[] = [];

export function open(url: string, options: { token?: unknown; query?: Record<string, string> } = {}): Socket {
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: options.token === undefined ? {} : { token: options.token },
    query: options.query,
    reconnection: false,
    forceNew: true,
    timeout: 5000,
  });
  sockets.push(socket);
  return socket;
}

/** Resolves once the server accepted the socket; rejects with the server's refusal. */
export function accepted(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
}

/** Resolves with the refusal; rejects if the server let the socket in. */
export function refused(socket: Socket): Promise<Error & { data?: { code?: string } }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('the server accepted a socket it should have refused')));
    socket.once('connect_error', (error) => resolve(error));
  });
}

export async function connectTab(url: string, token: string): Promise<Tab> {
  const socket = open(url, { token });
  const tab = new Tab(socket);
  await accepted(socket);
  return tab;
}

