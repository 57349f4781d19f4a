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
  private readonly clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl: string,
    private readonly prefix: string,
  ) {
    super(app);
  }

  createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    const client = createRedis(this.redisUrl, { name: 'accord-socket-adapter' });
    this.clients.push(client);
    // A short block time lets a closing server release its reader within a second.
    server.adapter(createAdapter(client, { streamName: `${this.prefix}:socket.io`, blockTimeInMs: 1000 }));
    return server;
  }

  async close(server: Server): Promise<void> {
    await super.close(server);
    this.disconnect();
  }

  async dispose(): Promise<void> {
    this.disconnect();
  }

  private disconnect(): void {
    for (const client of this.clients.splice(0)) client.disconnect();
  }
}
