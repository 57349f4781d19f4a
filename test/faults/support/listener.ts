import { io, Socket } from 'socket.io-client';

/**
 * A portal tab's socket that reconnects as the portal's does (socket.io's own back-off, capped
 * at 1 s), remembers the highest event seq it saw and, on each reconnect, asks for what it
 * missed since (`auth.afterSeq`): the gateway replays those events before live ones.
 */
export class Listener {
  readonly socket: Socket;
  readonly seqs = new Set<number>();
  duplicates = 0;
  lastSeq = 0;
  disconnects = 0;
  reconnects = 0;
  lastDisconnectAt = 0;
  readonly reconnectMs: number[] = [];

  constructor(urls: string[] | string, token: string, afterSeq = 0) {
    const list = Array.isArray(urls) ? urls : [urls];
    let at = 0;
    this.lastSeq = afterSeq;
    this.socket = io(list[0], {
      path: '/socket.io',
      transports: ['websocket'],
      auth: (cb) => cb({ token, afterSeq: this.lastSeq }),
      reconnection: true,
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
      randomizationFactor: 0.3,
      timeout: 5000,
      forceNew: true,
    });
    // Several API processes: a failed attempt tries the next one (a load balancer's job in production).
    this.socket.io.on('reconnect_attempt', () => {
      if (list.length > 1) {
        at = (at + 1) % list.length;
        (this.socket.io as unknown as { uri: string }).uri = list[at];
        (this.socket.io.opts as { hostname?: string; port?: string }).hostname = new URL(list[at]).hostname;
        (this.socket.io.opts as { hostname?: string; port?: string }).port = new URL(list[at]).port;
      }
    });
    this.socket.on('disconnect', () => ((this.disconnects += 1), (this.lastDisconnectAt = Date.now())));
    this.socket.on('connect', () => {
      if (this.lastDisconnectAt) {
        this.reconnects += 1;
        this.reconnectMs.push(Date.now() - this.lastDisconnectAt);
      }
    });
    this.socket.onAny((_event: string, envelope: { seq?: number }) => {
      const seq = Number(envelope?.seq);
      if (!Number.isFinite(seq) || seq <= 0) return;
      if (this.seqs.has(seq)) this.duplicates += 1;
      this.seqs.add(seq);
      if (seq > this.lastSeq) this.lastSeq = seq;
    });
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  close(): void {
    this.socket.disconnect();
  }
}
