import { Injectable } from '@nestjs/common';
import { HandlesJob, JobAttempt, JobHandler, JobPayloads } from '@accord/core';
import { MessageService } from '../services/message.service';

/** Sends a queued SMS or e-mail; BullMQ retries a provider failure with back-off, and each failed attempt is recorded. */
@Injectable()
@HandlesJob('messages.deliver')
export class DeliverMessageJob implements JobHandler<'messages.deliver'> {
  constructor(private readonly messages: MessageService) {}

  handle(payload: JobPayloads['messages.deliver']): Promise<void> {
    return this.messages.deliver(payload.messageId);
  }

  failed(payload: JobPayloads['messages.deliver'], error: Error, attempt: JobAttempt): Promise<void> {
    return this.messages.recordFailure(payload.messageId, error, attempt.final);
  }
}
