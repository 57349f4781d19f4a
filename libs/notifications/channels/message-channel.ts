import type { MessageAttachment } from '../entities/notification.entity';

export type ChannelName = 'sms' | 'email';

/** One message as a channel sends it: the recipient opened from its seal just for the send. */
export interface OutgoingMessage {
  /** The outbound_messages id: providers that take a reference of ours get it (OutId, Message-ID). */
  id: string;
  to: string;
  subject: string;
  body: string;
  attachments: MessageAttachment[];
}

/**
 * Where messages outside the portal go. In-app notifications stay NotificationService's; SMS
 * and e-mail each have one channel, chosen by configuration (SMS_PROVIDER, MAIL_TRANSPORT).
 */
export interface MessageChannel {
  readonly channel: ChannelName;
  /** Recorded on the message: which transport carried it (dev, aliyun, smtp). */
  readonly provider: string;
  send(message: OutgoingMessage): Promise<{ ref: string }>;
}

/** A provider's refusal, with its own code and message; `permanent` when retrying cannot help. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export type MessageChannels = Record<ChannelName, MessageChannel>;
export const MESSAGE_CHANNELS = Symbol('MESSAGE_CHANNELS');
