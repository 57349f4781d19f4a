import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, JobPayloads } from '@accord/core';
import { MessageService } from '../services/message.service';

/** Sends a queued SMS or e-mail; BullMQ retries a provider failure with back-off. */
@Injectable()
@HandlesJob('messages.deliver')
export class DeliverMessageJob implements JobHandler<'messages.deliver'> {
  constructor(private readonly messages: MessageService) {}

  handle(payload: JobPayloads['messages.deliver']): Promise<void> {
    return this.messages.deliver(payload.messageId);
  }
}
