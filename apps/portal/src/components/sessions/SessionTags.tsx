import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Channel } from '@accord/contracts';
import type { SessionStatus } from '../../api/scheduling';

/** One colour per session state: the tag's and the calendar block's. */
export const SESSION_COLORS: Record<SessionStatus, { tag: string; bg: string; border: string }> = {
  booked: { tag: 'blue', bg: '#e6f4ff', border: '#1677ff' },
  waiting: { tag: 'cyan', bg: '#e6fffb', border: '#08979c' },
  in_progress: { tag: 'processing', bg: '#f0f5ff', border: '#2f54eb' },
  adjourned: { tag: 'gold', bg: '#fffbe6', border: '#d48806' },
  concluded: { tag: 'green', bg: '#f6ffed', border: '#389e0d' },
  cancelled: { tag: 'default', bg: '#fafafa', border: '#bfbfbf' },
  no_show: { tag: 'red', bg: '#fff1f0', border: '#cf1322' },
};

export function SessionStatusTag({ status, testId }: { status: SessionStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={SESSION_COLORS[status]?.tag ?? 'default'} data-testid={testId}>
      {t(`sessions.statusLabel.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function ChannelTag({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  const color: Record<Channel, string> = { phone: 'cyan', video: 'geekblue', on_site: 'purple' };
  return <Tag color={color[channel]}>{t(`sessions.channelShort.${channel}`, { defaultValue: channel })}</Tag>;
}
