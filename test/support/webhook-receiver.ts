import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  event: { type: string; timestamp: string; data: Record<string, any> };
  /** What this request was answered with ('ok' once a 2xx went out in time). */
  answer: Behaviour;
  /** When it arrived, and when its answer went out (Date.now()). */
  at: number;
  answeredAt?: number;
}

/** How the receiver answers one request: 200, 500, never (hang), drop the connection, or 200 after `ms`. */
export type Behaviour = 'ok' | 'error' | 'hang' | 'close' | { lateMs: number };

/**
 * A bank's webhook receiver on loopback: records every request and answers each as told (a queue
 * of behaviours, then `ok`). Hung requests are let go on close().
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const plan: Behaviour[] = [];
  let otherwise: Behaviour = 'ok';
  /** Requests read but not yet answered (a late answer's wait, a hang). */
  const waiting = new Set<ReceivedWebhook>();
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = plan.shift() ?? otherwise;
      const entry: ReceivedWebhook = {
        id: String(req.headers['webhook-id']),
        timestamp: String(req.headers['webhook-timestamp']),
        signature: String(req.headers['webhook-signature']),
        body,
        event: JSON.parse(body),
        answer,
        at: Date.now(),
      };
      received.push(entry);
      waiting.add(entry);
      res.on('finish', () => (entry.answeredAt = Date.now()));
      res.on('close', () => waiting.delete(entry));
      if (answer === 'ok') res.writeHead(200, { 'content-type': 'text/plain' }).end('received');
      else if (answer === 'error') res.writeHead(500, { 'content-type': 'text/plain' }).end('receiver broke: ' + 'x'.repeat(2000));
      else if (answer === 'close') req.socket.destroy();
      else if (answer !== 'hang') setTimeout(() => res.writeHead(200).end('late'), answer.lateMs);
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** Answers the next requests as listed, then 200 again. */
    answerNext: (...behaviours: Behaviour[]) => plan.push(...behaviours),
    /** How requests are answered once the listed ones are used up (200 unless told). */
    answerOthersWith: (behaviour: Behaviour) => (otherwise = behaviour),
    /** The requests this receiver holds at this moment, not yet answered. */
    inFlight: () => [...waiting],
    /** Requests answered with a timely 2xx, in arrival order. */
    delivered: () => received.filter((r) => r.answer === 'ok'),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
