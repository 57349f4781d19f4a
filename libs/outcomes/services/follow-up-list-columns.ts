import type { FollowUpView } from '@accord/contracts';
import type { ListColumn } from '@accord/core';

const shanghai = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const at = (iso: string | null) => (iso ? shanghai.format(new Date(iso)) : null);

/** The follow-up answers in the export, in the screen's columns (pages/FollowUps.tsx): the score as a number, unanswered said so. */
export const FOLLOW_UP_LIST_COLUMNS: ListColumn<FollowUpView>[] = [
  { header: '案件编号 Case number', width: 18, value: (f) => f.caseNumber },
  { header: '调解员 Mediator', width: 10, value: (f) => f.mediatorName ?? '—' },
  { header: '发送时间 Sent (Asia/Shanghai)', width: 17, value: (f) => at(f.sentAt) },
  { header: '满意度 Satisfaction (1–5)', width: 12, value: (f) => (f.answeredAt ? f.satisfaction : '未回答 not answered') },
  { header: '评价 Comment', width: 40, value: (f) => f.comment || '—' },
  { header: '回答时间 Answered (Asia/Shanghai)', width: 17, value: (f) => at(f.answeredAt) },
];
