import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/** Builds and starts the worker (relay + job consumer); tests pass their own database. */
export async function createWorker(overrides: Record<string, string> = {}, options: { logs?: boolean } = {}) {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(overrides), {
    bufferLogs: options.logs !== false,
    logger: options.logs === false ? false : undefined,
  });
  if (options.logs !== false) app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
