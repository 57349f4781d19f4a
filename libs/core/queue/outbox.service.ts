import { Injectable } from '@nestjs/common';
import { currentContext } from '../access/request-context';
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
  async add(message: OutboxMessage): Promise<void> {
    const { manager, scope, requestId } = currentContext();
    await manager.query(
      `INSERT INTO outbox (organisation_id, type, rooms, payload, job_name, request_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        message.organisationId === undefined ? scope.organisationId : message.organisationId,
        message.type,
        message.rooms ?? [],
        JSON.stringify(message.payload),
        message.job ?? null,
        requestId ?? null,
      ],
    );
  }
}
