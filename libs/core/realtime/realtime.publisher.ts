import { Injectable } from '@nestjs/common';
import { RedisService } from '../redis';
import { REALTIME_STREAM } from '../queue/queue.names';

export interface RealtimeMessage {
  seq: string;
  type: string;
  rooms: string[];
  payload: Record<string, unknown>;
  at: string;
}

/**
 * The worker's way to sockets: it appends to a Redis stream that every API process reads
 * from its last position, so a reconnect resumes where it stopped instead of losing events.
 */
@Injectable()
export class RealtimePublisher {
  constructor(private readonly redis: RedisService) {}

  get stream(): string {
    return this.redis.key(REALTIME_STREAM);
  }

  async publish(messages: RealtimeMessage[]): Promise<void> {
    if (!messages.length) return;
    const pipeline = this.redis.client.pipeline();
    for (const m of messages) {
      pipeline.xadd(this.stream, 'MAXLEN', '~', '100000', '*', 'm', JSON.stringify(m));
    }
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    if (failed) throw failed[0];
  }
}
