import { randomUUID } from 'node:crypto';
import type { MessageChannel } from './message-channel';

/**
 * Development transports: they deliver nothing, and the message stays readable in the center's
 * message log (提醒消息), so a developer can follow a consumer's link and read its code.
 */
export class DevSmsChannel implements MessageChannel {
  readonly channel = 'sms' as const;
  readonly provider = 'dev';

  async send(): Promise<{ ref: string }> {
    return { ref: `dev-${randomUUID()}` };
  }
}

export class DevMailChannel implements MessageChannel {
  readonly channel = 'email' as const;
  readonly provider = 'dev';

  async send(): Promise<{ ref: string }> {
    return { ref: `dev-${randomUUID()}` };
  }
}
