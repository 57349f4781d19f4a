import type messagesZh from '../zh-CN/messages';
import type { Shape } from '../shape';

const messages: Shape<typeof messagesZh> = {
  messages: {
    title: 'Messages',
    exportHint: 'Exports every message the channel filter selects (not only this page); consumers\' link tokens and codes are written as … and ****** in the file',
    intro: 'Text messages and e-mails sent by the center, with their delivery status, attempts and errors. The development SMS and e-mail transports deliver nothing: the messages (links, codes) can only be read here — open one to read it whole.',
    at: 'Time',
    case: 'Case',
    openCase: 'Open case',
    channel: 'Channel',
    recipient: 'Recipient',
    status: 'Status',
    body: 'Message',
    sentAt: 'Sent {{time}}',
    empty: 'No messages yet',
    detail: 'Message',
    read: 'Read',
    error: 'Error',
    provider: 'Transport',
    sentAtLabel: 'Sent at',
    attachments: 'Attachments',
    attemptsCount: 'Attempts: {{count}}',
    retrying: 'Last attempt failed, retrying: {{error}}',
    allChannels: 'All',
    channelLabel: {
      sms: 'SMS',
      email: 'E-mail',
    },
    statusLabel: {
      queued: 'Queued',
      sent: 'Sent',
      failed: 'Failed',
    },
  },
};

export default messages;
