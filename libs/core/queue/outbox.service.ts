import { Injectable } from '@nestjs/common';
import { currentContext } from '../access/request-context';
import { OutboxRepository } from './outbox.repository';
import type { JobName } from './queue.names';

export interface OutboxMessage {
  /** Socket event name (libs/contracts realtime.ts). */
  type: string;
  rooms?: string[];
  /** Ids only: it travels through Redis and into browsers. */
  payload: Record<string, unknown>;
  /** A job to run for this event, with jobId = the outbox id. */
  job?: JobName;
  organisationId?: string | null;
}

/** Writes events in the caller's transaction; the worker's relay publishes them. */
@Injectable()
export class OutboxService {
  constructor(private readonly outbox: OutboxRepository) {}

  async add(message: OutboxMessage): Promise<void> {
    const { scope, requestId } = currentContext();
    await this.outbox.insert({
      organisationId: message.organisationId === undefined ? scope.organisationId : message.organisationId,
      type: message.type,
      rooms: message.rooms ?? [],
      payload: message.payload,
      jobName: message.job ?? null,
      requestId: requestId ?? null,
    });
  }
}
