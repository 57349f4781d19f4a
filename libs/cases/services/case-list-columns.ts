import { BUSINESS_LINE_ZH, CASE_STATUS_ZH, DISPUTE_TYPE_ZH, TRACK_ZH } from '@accord/contracts';
import type { CaseClock, CaseListItem } from '@accord/contracts';
import type { ListColumn } from '@accord/core';

/** Who reads the list: center screens show the respondent institution and the mediator, bank screens their branch. */
export type CaseListPerspective = 'center' | 'institution';

const shanghai = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const at = (iso: string | null) => (iso ? shanghai.format(new Date(iso)) : null);
const CLOCK_ZH: Record<CaseClock['state'], string> = { ok: '未到期', due_soon: '即将到期', overdue: '已超期', met: '已完成', unknown: '—' };
const clock = (c: CaseClock) => (c.dueOn ? `${c.dueOn} ${CLOCK_ZH[c.state]}` : CLOCK_ZH[c.state]);

/**
 * The case list's columns in the export, in the screen's order (components/cases/CaseTable.tsx:
 * case number, consumer, institution or branch, business line, amount, status, clocks, mediator or
 * last update), one cell per value the screen stacks in a column. The consumer is masked as on screen.
 */
export function caseListColumns(perspective: CaseListPerspective): ListColumn<CaseListItem>[] {
  return [
    { header: '案件编号 Case number', width: 18, value: (c) => c.caseNumber ?? '（未编号）' },
    { header: '当事人 Consumer', width: 10, value: (c) => c.consumerName || '—' },
    { header: '手机 Phone', width: 14, value: (c) => c.consumerPhone },
    ...(perspective === 'center'
      ? [
          { header: '金融机构 Institution', width: 22, value: (c: CaseListItem) => c.institutionName },
          { header: '网点 Branch', width: 22, value: (c: CaseListItem) => c.branchName },
        ]
      : [
          { header: '网点 Branch', width: 22, value: (c: CaseListItem) => c.branchName },
          { header: '调解中心 Center', width: 22, value: (c: CaseListItem) => c.centerName },
        ]),
    { header: '业务类别 Business line', width: 12, value: (c) => BUSINESS_LINE_ZH[c.businessLine] ?? c.businessLine },
    { header: '争议类型 Dispute type', width: 12, value: (c) => DISPUTE_TYPE_ZH[c.disputeType] ?? c.disputeType },
    { header: '争议金额（元） Amount (yuan)', width: 14, value: (c) => c.amountFen / 100, numFmt: '#,##0.00' },
    { header: '状态 Status', width: 12, value: (c) => CASE_STATUS_ZH[c.status] ?? c.status },
    { header: '程序 Track', width: 10, value: (c) => (c.track ? TRACK_ZH[c.track] : null) },
    { header: '受理时限 Intake due', width: 18, value: (c) => clock(c.intakeClock) },
    { header: '首次调解时限 First session due', width: 18, value: (c) => clock(c.firstSessionClock) },
    { header: '提交时间 Submitted (Asia/Shanghai)', width: 17, value: (c) => at(c.submittedAt) },
    ...(perspective === 'center' ? [{ header: '调解员 Mediator', width: 10, value: (c: CaseListItem) => c.mediatorName ?? '—' }] : []),
    { header: '更新时间 Updated (Asia/Shanghai)', width: 17, value: (c) => at(c.updatedAt) },
  ];
}
