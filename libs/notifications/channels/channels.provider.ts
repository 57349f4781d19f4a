import type { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@accord/core';
import { AliyunSmsChannel } from './aliyun-sms.channel';
import { DevMailChannel, DevSmsChannel } from './dev.channels';
import { MESSAGE_CHANNELS, MessageChannels } from './message-channel';
import { SmtpMailChannel } from './smtp-mail.channel';

/** One channel per kind, as configured (the schema has checked that each has what it needs). */
export function channelsFor(config: AppConfig): MessageChannels {
  return {
    sms:
      config.SMS_PROVIDER === 'aliyun'
        ? new AliyunSmsChannel({
            accessKeyId: config.SMS_ACCESS_KEY_ID!,
            accessKeySecret: config.SMS_ACCESS_KEY_SECRET!,
            signName: config.SMS_SIGN_NAME!,
            templateCode: config.SMS_TEMPLATE_CODE!,
            endpoint: config.SMS_ENDPOINT,
          })
        : new DevSmsChannel(),
    email: config.MAIL_TRANSPORT === 'smtp' ? new SmtpMailChannel(config.SMTP_URL!, config.MAIL_FROM) : new DevMailChannel(),
  };
}

export const messageChannelsProvider: Provider = { provide: MESSAGE_CHANNELS, inject: [APP_CONFIG], useFactory: channelsFor };
