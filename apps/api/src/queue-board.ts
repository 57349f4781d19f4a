import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig, NotFoundError, closeWithin, createRedis, toProblem } from '@accord/core';
import * as queueNames from '@accord/core/queue/queue.names';
import { QUEUE_BOARD_COOKIE, QUEUE_BOARD_PATH, QueueBoardService } from '@accord/core/queue-board';

/** Every `QUEUE_*` constant of queue.names.ts names one of the product's BullMQ queues. */
export const BOARD_QUEUES: string[] = Object.entries(queueNames)
  .filter(([name, value]) => name.startsWith('QUEUE_') && typeof value === 'string')
  .map(([, value]) => value as string);

/**
 * The board's own CSP, stricter than the portal's: its page inlines only styles and a JSON
 * <script> (not run), everything else comes from its static files; no page may frame it (its
 * buttons retry, clean and obliterate jobs); no sockets. Google's fonts it asks for stay
 * blocked: the UI falls back to the system's, and an admin page fetches nothing from elsewhere.
 */
const BOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * One cookie's value. (@fastify/cookie loads the ESM-only `cookie` package with a dynamic
 * import on registration, which Jest's CommonJS runtime refuses; one name is all we need.)
 */
function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim() || undefined;
  }
  return undefined;
}

function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = { ...toProblem(new NotFoundError('Route', 'ROUTE_NOT_FOUND'), request.url), requestId: String(request.id) };
  return reply.status(404).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
}

/**
 * The queue dashboard (bull-board) at /admin/queues, in its own plugin context: only a platform
 * admin's cookie from POST /api/v1/admin/queue-board/session, with a live sign-in session, gets
 * in; everyone else gets the same 404 as any unknown path of the API, for every path under it.
 */
export async function registerQueueBoard(app: NestFastifyApplication): Promise<void> {
  const config = app.get<AppConfig>(APP_CONFIG);
  const board = app.get(QueueBoardService);
  const logger = new Logger('QueueBoard');

  await app.register(
    async (scope: FastifyInstance) => {
      const connection = createRedis(config.REDIS_URL, { name: 'accord-queue-board' });
      const queues = BOARD_QUEUES.map((name) => new Queue(name, { connection, prefix: `${config.REDIS_PREFIX}:bull` }));
      for (const queue of queues) queue.on('error', (error) => logger.warn(`${queue.name}: ${error.message}`));
      scope.addHook('onClose', async () => {
        await Promise.all(queues.map((queue) => closeWithin(queue.close(), 2000, () => undefined)));
        // BullMQ leaves a connection it was handed open.
        await closeWithin(connection.quit(), 1000, () => connection.disconnect());
      });

      scope.addHook('onRequest', async (request, reply) => {
        const token = cookieValue(request.headers.cookie, QUEUE_BOARD_COOKIE);
        const admitted = await board.admits(token, { requestId: String(request.id), ip: request.ip, method: request.method, url: request.url });
        if (!admitted) return notFound(request, reply);
        // Only once admitted: a refused request keeps the API's headers as well as its 404.
        void reply.header('content-security-policy', BOARD_CSP);
      });

      const adapter = new BoardAdapter().setBasePath(QUEUE_BOARD_PATH);
      createBullBoard({
        queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: false, allowRetries: true })),
        serverAdapter: adapter,
        options: { uiConfig: { boardTitle: 'Accord', locale: { lng: 'zh-CN' }, hideDocsLink: true } },
      });
      await scope.register(adapter.registerPlugin());
      // Unknown paths under the board answer like unknown API paths, not with the portal's page.
      scope.all('/*', async (request, reply) => notFound(request, reply));
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}
