import type { SessionStatus } from '@accord/contracts';
import type { ListColumn } from '@accord/core';
import { CHANNEL_ZH } from './invitation-text';
import type { SessionView } from './session-views.service';

const STATUS_ZH: Record<SessionStatus, string> = {
  booked: '已预约',
  waiting: '等候中',
  in_progress: '进行中',
  adjourned: '休会',
  concluded: '已结束',
  cancelled: '已取消',
  no_show: '缺席',
};

const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const time = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });

/**
 * The calendar's sessions in the export, in the calendar's order (by start): what each block on
 * the schedule shows — the case number, the time, the channel, the status, the mediator (on a
 * center's calendar) and the room. A bank's calendar shows no mediator column.
 */
export function sessionListColumns(perspective: 'center' | 'institution'): ListColumn<SessionView>[] {
  return [
    { header: '日期 Date (Asia/Shanghai)', width: 12, value: (s) => day.format(s.startsAt) },
    { header: '开始 Starts', width: 8, value: (s) => time.format(s.startsAt) },
    { header: '结束 Ends', width: 8, value: (s) => time.format(s.endsAt) },
    { header: '案件编号 Case number', width: 18, value: (s) => s.caseNumber ?? '（未编号）' },
    { header: '方式 Channel', width: 10, value: (s) => CHANNEL_ZH[s.channel] ?? s.channel },
    { header: '状态 Status', width: 8, value: (s) => STATUS_ZH[s.status as SessionStatus] ?? s.status },
    ...(perspective === 'center' ? [{ header: '调解员 Mediator', width: 10, value: (s: SessionView) => s.mediatorName ?? '—' }] : []),
    { header: '调解室 Room', width: 16, value: (s) => s.roomName ?? '—' },
  ];
}
