import { createTransport, type Transporter } from 'nodemailer';
import { DeliveryError, MessageChannel, OutgoingMessage } from './message-channel';

/**
 * E-mail through SMTP with nodemailer: smtp:// upgrades with STARTTLS when the server offers
 * it, smtps:// speaks TLS from the start. Plain text (Chinese, UTF-8) with the attachments as
 * files; an .ics goes as text/calendar with its METHOD so mail clients offer to add it.
 */
export class SmtpMailChannel implements MessageChannel {
  readonly channel = 'email' as const;
  readonly provider = 'smtp';
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    // nodemailer waits minutes by default; a stuck server should fail the attempt and let BullMQ retry.
    this.transport = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  }

  async send(message: OutgoingMessage): Promise<{ ref: string }> {
    try {
      const info = (await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.body,
        attachments: message.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
      })) as { messageId: string };
      return { ref: info.messageId };
    } catch (error) {
      const e = error as Error & { responseCode?: number; response?: string };
      // 5xx is the server's final word (no such mailbox, refused credentials); the rest may pass later.
      throw new DeliveryError(`smtp: ${e.response ?? e.message}`.slice(0, 480), typeof e.responseCode === 'number' && e.responseCode >= 500);
    }
  }
}
