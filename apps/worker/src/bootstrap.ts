import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module';

/** Builds and starts the worker (relay + job consumer); tests pass their own database. */
export async function createWorker(overrides: Record<string, string> = {}, options: { logs?: boolean } = {}) {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(overrides), {
    logger: options.logs === false ? false : ['log', 'warn', 'error'],
  });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
