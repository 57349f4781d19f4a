import { invitation } from './icalendar';

/**
 * The words of a session's invitation, change notice and reminder, in Chinese with times in
 * Asia/Shanghai (北京时间); the attached .ics carries the same times in UTC. Pure, so a unit
 * spec can read them.
 */
export type SessionChange = 'booked' | 'rescheduled' | 'cancelled';

export interface SessionFactsForText {
  caseNumber: string;
  centerName: string;
  channel: string;
  startsAt: Date;
  endsAt: Date;
  previousStartsAt: Date | null;
  roomName: string | null;
  roomAddress: string | null;
  mediatorName: string | null;
  reason: string | null;
}

export const CHANNEL_ZH: Record<string, string> = { phone: '电话调解', video: '视频调解', on_site: '现场调解' };

const DAY = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' });
const SHORT_DAY = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric' });
const TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** 2027年3月5日周五 14:00–15:00（北京时间） */
export function shanghaiSpan(start: Date, end: Date): string {
  return `${DAY.format(start)} ${TIME.format(start)}–${TIME.format(end)}（北京时间）`;
}

/** 3月5日 14:00 */
export function shanghaiShort(at: Date): string {
  return `${SHORT_DAY.format(at)} ${TIME.format(at)}`;
}

const HEADLINE: Record<SessionChange, string> = { booked: '调解会议邀请', rescheduled: '调解会议改期', cancelled: '调解会议取消' };

function where(f: SessionFactsForText): string {
  if (f.channel === 'on_site' && f.roomName) return `${CHANNEL_ZH.on_site}，${f.roomName}${f.roomAddress ? `（${f.roomAddress}）` : ''}`;
  return CHANNEL_ZH[f.channel] ?? f.channel;
}

/** The e-mail that carries the .ics: subject and plain-text body. */
export function invitationMail(change: SessionChange, f: SessionFactsForText, greeting: string): { subject: string; body: string } {
  const channel = CHANNEL_ZH[f.channel] ?? '调解会议';
  const lines = [`${greeting}您好：`, ''];
  if (change === 'booked') lines.push(`案件 ${f.caseNumber} 的${channel}已预约。`);
  if (change === 'rescheduled') lines.push(`案件 ${f.caseNumber} 的${channel}已改期。`);
  if (change === 'cancelled') lines.push(`案件 ${f.caseNumber} 的${channel}已取消。`);
  lines.push('');
  lines.push(`${change === 'cancelled' ? '原定时间' : '时间'}：${shanghaiSpan(f.startsAt, f.endsAt)}`);
  if (change === 'rescheduled' && f.previousStartsAt) lines.push(`原定时间：${shanghaiShort(f.previousStartsAt)}（北京时间）`);
  lines.push(`方式：${where(f)}`);
  if (f.mediatorName) lines.push(`调解员：${f.mediatorName}`);
  if (change !== 'booked' && f.reason) lines.push(`原因：${f.reason}`);
  lines.push('');
  lines.push(change === 'cancelled' ? '附件中的日历文件（.ics）会从您的日历中移除这次会议。' : '附件中的日历邀请（.ics）可加入您的日历；会议时间以北京时间为准。');
  lines.push('', f.centerName);
  return { subject: `${HEADLINE[change]}：${f.caseNumber} ${channel} ${shanghaiShort(f.startsAt)}`, body: lines.join('\n') };
}

/** The consumer's SMS when a session moves or is cancelled (a booking's comes with the confirmation link). */
export function changeSms(change: 'rescheduled' | 'cancelled', f: SessionFactsForText, holdsLink = false): string {
  const reason = f.reason ? `原因：${f.reason}。` : '';
  if (change === 'rescheduled') {
    const confirm = holdsLink ? '请打开此前短信中的链接确认新时间或申请改期。' : '';
    return `【${f.centerName}】您的调解会议（案件 ${f.caseNumber}）已改期至 ${shanghaiShort(f.startsAt)}（北京时间），方式：${where(f)}。${reason}${confirm}`;
  }
  return `【${f.centerName}】您原定于 ${shanghaiShort(f.startsAt)}（北京时间）的调解会议（案件 ${f.caseNumber}）已取消。${reason}如有疑问请联系调解中心。`;
}

/** The consumer's SMS a day before. */
export function reminderSms(f: SessionFactsForText): string {
  return `【${f.centerName}】提醒：您的调解会议（案件 ${f.caseNumber}）将于明天 ${shanghaiShort(f.startsAt)}（北京时间）开始，方式：${where(f)}。`;
}

/**
 * The consumer's SMS half an hour before, with what to do now: keep the phone at hand, open the
 * link they already hold (only its hash is kept, so it cannot be sent again), or set off.
 */
export function reminderSoonSms(f: SessionFactsForText, holdsLink = false): string {
  const now: Record<string, string> = {
    phone: '调解员将来电，请保持电话畅通。',
    video: holdsLink ? '请打开此前短信中的链接进入视频调解。' : '',
    on_site: '请携带身份证件准时到场。',
  };
  return `【${f.centerName}】提醒：您的调解会议（案件 ${f.caseNumber}）将于 30 分钟后（${shanghaiShort(f.startsAt)}，北京时间）开始，方式：${where(f)}。${now[f.channel] ?? ''}`;
}

/** The session's .ics: REQUEST while it stands, CANCEL once cancelled; SEQUENCE is the session's version. */
export function sessionIcs(
  s: SessionFactsForText & { id: string; version: number; cancelled: boolean },
  organizer?: { name: string; email: string },
): { fileName: string; body: string } {
  const channel = CHANNEL_ZH[s.channel] ?? s.channel;
  const body = invitation({
    uid: `${s.id}@accord`,
    sequence: s.version,
    start: s.startsAt,
    end: s.endsAt,
    summary: `${channel} ${s.caseNumber}`.trim(),
    description: `案件 ${s.caseNumber} 的${channel}。调解员：${s.mediatorName ?? ''}。时间以北京时间为准。`,
    location: s.roomName ? `${s.roomName}${s.roomAddress ? `（${s.roomAddress}）` : ''}` : channel,
    cancelled: s.cancelled,
    organizer,
  });
  return { fileName: `${s.caseNumber || 'session'}.ics`, body };
}
