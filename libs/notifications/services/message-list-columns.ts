import type { ListColumn } from '@accord/core';
import type { MessageView } from '../repositories/message.repository';
import { redactMessageSecrets } from './message-redaction';

const shanghai = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const at = (d: Date | null) => (d ? shanghai.format(d) : null);
const CHANNEL_ZH: Record<string, string> = { sms: '短信', email: '邮件' };
const STATUS_ZH: Record<string, string> = { queued: '待发送', sent: '已发送', failed: '发送失败' };

/**
 * The message log in the export, in the screen's columns (pages/Messages.tsx). The texts go
 * through redactMessageSecrets: a consumer's link token or one-time code never reaches the file.
 */
export const MESSAGE_LIST_COLUMNS: ListColumn<MessageView>[] = [
  { header: '时间 At (Asia/Shanghai)', width: 19, value: (m) => at(m.createdAt) },
  { header: '案件编号 Case number', width: 18, value: (m) => m.caseNumber ?? '—' },
  { header: '渠道 Channel', width: 6, value: (m) => CHANNEL_ZH[m.channel] ?? m.channel },
  { header: '收件人 Recipient', width: 18, value: (m) => m.recipientMasked || '—' },
  { header: '状态 Status', width: 8, value: (m) => STATUS_ZH[m.status] ?? m.status },
  { header: '尝试次数 Attempts', width: 8, value: (m) => m.attempts },
  { header: '发送时间 Sent (Asia/Shanghai)', width: 19, value: (m) => at(m.sentAt) },
  { header: '错误 Error', width: 24, value: (m) => (m.error ? redactMessageSecrets(m.error) : null) },
  { header: '主题 Subject', width: 24, value: (m) => redactMessageSecrets(m.subject) || null },
  { header: '内容 Body', width: 60, value: (m) => redactMessageSecrets(m.body) },
  { header: '附件 Attachments', width: 20, value: (m) => m.attachments.map((a) => a.filename).join(', ') || null },
];
