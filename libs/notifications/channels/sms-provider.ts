import { randomUUID } from 'node:crypto';

/** Where SMS go. One interface; the provider is chosen by configuration (SMS_PROVIDER). */
export interface SmsProvider {
  readonly name: string;
  send(phone: string, text: string): Promise<{ ref: string }>;
}

/**
 * Development transport: delivers nothing, and the message stays readable in the center's
 * message log (提醒消息), so a developer can follow a consumer's link and read its code.
 */
export class DevSmsProvider implements SmsProvider {
  readonly name = 'dev';

  async send(): Promise<{ ref: string }> {
    return { ref: `dev-${randomUUID()}` };
  }
}

export const SMS_PROVIDER = Symbol('SMS_PROVIDER');
