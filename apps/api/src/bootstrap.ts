import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { createValidationPipe, MetricsService, NotFoundError, ProblemFilter, RedisIoAdapter, environment, toProblem, validateEnvironment } from '@accord/core';
import { AppModule } from './app.module';
import { buildOpenApi } from './openapi';
import { registerQueueBoard } from './queue-board';
import { securityHeaders } from './security-headers';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Builds the API (not yet listening); tests call this with their own database and prefix. */
export async function createApi(overrides: Record<string, string> = {}, options: { logs?: boolean } = {}) {
  const config = validateEnvironment({ ...environment(), ...overrides });
  const adapter = new FastifyAdapter({
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    // The caller's X-Request-Id when it is sane, so a bank can trace its own calls.
    genReqId: (req: import('node:http').IncomingMessage) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      (req as { id?: string }).id = id;
      return id;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(overrides), adapter, {
    bufferLogs: true,
    logger: options.logs === false ? false : undefined,
  });
  if (options.logs !== false) app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.useWebSocketAdapter(new RedisIoAdapter(app, config.REDIS_URL, config.REDIS_PREFIX));
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  const metrics = app.get(MetricsService);
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
  });
  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Scripts only from our own origin: the Vite build emits module files, no inline script.
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        // Ant Design writes its CSS-in-JS into <style> tags at run time: styles need
        // 'unsafe-inline' (a style cannot run code; scripts stay strict).
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'", 'data:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        // a video recording fetched with the token plays from a blob: URL
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Served over plain HTTP on localhost in development; TLS is the proxy's job.
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only where the request came over TLS (below): on plain HTTP it means nothing, and on a
    // development host it would pin localhost to HTTPS in the developer's browser.
    strictTransportSecurity: false,
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(headers);
    done();
  });
  fastify.addHook('onSend', async (request, reply) => {
    if (config.HSTS_MAX_AGE_SECONDS > 0 && request.protocol === 'https') {
      void reply.header('strict-transport-security', `max-age=${config.HSTS_MAX_AGE_SECONDS}; includeSubDomains`);
    }
    // No version banners: Fastify sends none; a proxy's or a plugin's would be dropped here.
    void reply.removeHeader('server');
    void reply.removeHeader('x-powered-by');
  });

  await registerQueueBoard(app);

  // Evidence uploads: one file per request; a byte over the limit fails the read (413, nothing stored).
  await app.register(multipart, { limits: { fileSize: config.UPLOAD_MAX_BYTES, files: 1, fields: 10, fieldSize: 1024 } });

  SwaggerModule.setup('api/docs', app, buildOpenApi(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  servePortal(app, config.PORTAL_DIST ?? path.resolve(__dirname, '../../../portal'));
  return app;
}

/** The built portal, with index.html for every client-side route; API paths stay JSON. */
function servePortal(app: NestFastifyApplication, root: string): void {
  const fastify = app.getHttpAdapter().getInstance();
  const index = path.join(root, 'index.html');
  const hasPortal = existsSync(index);
  if (hasPortal) void fastify.register(fastifyStatic, { root, wildcard: false, index: false });
  fastify.get('/*', (request, reply) => {
    if (!hasPortal || /^\/(api|socket\.io|health|metrics)(\/|$)/.test(request.url)) {
      const problem = toProblem(new NotFoundError('Route', 'ROUTE_NOT_FOUND'), request.url, String(request.id));
      void reply.status(404).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
      return;
    }
    void reply.type('text/html; charset=utf-8').send(readFileSync(index));
  });
}
