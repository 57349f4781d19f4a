import { Global, Inject, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config';

/**
 * Builds ioredis clients from configuration; BullMQ workers need maxRetriesPerRequest: null.
 * `failFast`: once connected, a command sent while the connection is lost fails at once instead
 * of waiting in the offline queue through reconnection attempts (measured: ~5 s per command
 * with Redis stopped, which every request touching Redis then took). Callers fall back, or the
 * request answers 503 with Retry-After. Commands sent before the first connection still wait.
 */
export function createRedis(url: string, options: { forWorker?: boolean; name?: string; failFast?: boolean } = {}): Redis {
  const client = new Redis(url, {
    connectionName: options.name,
    maxRetriesPerRequest: options.forWorker ? null : 2,
    enableOfflineQueue: true,
    connectTimeout: 3000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  if (options.failFast) {
    client.on('close', () => (client.options.enableOfflineQueue = false));
    client.on('ready', () => (client.options.enableOfflineQueue = true));
  }
  return client;
}

/** Waits for a graceful close, but not forever: an unreachable Redis never answers. */
export async function closeWithin(closing: Promise<unknown>, ms: number, force: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    closing.then(() => false, () => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), ms))),
  ]);
  clearTimeout(timer);
  if (timedOut) force();
}

/** The process's shared command connection, with the deployment's key prefix. */
@Injectable()
export class RedisService implements OnModuleDestroy {
  readonly client: Redis;
  readonly prefix: string;

  constructor(@Inject(APP_CONFIG) readonly config: AppConfig) {
    this.client = createRedis(config.REDIS_URL, { name: 'accord', failFast: true });
    this.prefix = config.REDIS_PREFIX;
  }

  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  async onModuleDestroy(): Promise<void> {
    // Not connected: nothing to say goodbye to (and a fail-fast client would refuse QUIT at once
    // and go on reconnecting, keeping the process alive).
    if (this.client.status !== 'ready') return this.client.disconnect();
    await closeWithin(this.client.quit(), 2000, () => this.client.disconnect());
  }
}

@Global()
@Module({ providers: [RedisService], exports: [RedisService] })
export class RedisModule {}
