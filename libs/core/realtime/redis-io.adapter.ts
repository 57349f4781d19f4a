import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { createRedis } from '../redis';

/**
 * Several API processes share rooms through Redis streams; unlike the pub/sub adapter it
 * resumes after a Redis disconnect without losing packets.
 */
export class RedisIoAdapter extends IoAdapter {
  private client?: Redis;

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl: string,
    private readonly prefix: string,
  ) {
    super(app);
  }

  createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    this.client = createRedis(this.redisUrl, { name: 'accord-socket-adapter' });
    server.adapter(createAdapter(this.client, { streamName: `${this.prefix}:socket.io` }));
    return server;
  }

  async dispose(): Promise<void> {
    this.client?.disconnect();
  }
}
