import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { BUSINESS_LINE_ZH, DISPUTE_TYPE_ZH, OUTCOME_ZH, STATISTICS_DEFINITIONS } from '@accord/contracts';
import type { BusinessLine, ConcludedCaseLine, DisputeType, Outcome, StatisticsDashboard, StatisticsFigures } from '@accord/contracts';
import { loadExcelJS } from '@accord/core';

const yuan = (fen: string | null) => (fen === null ? null : Number(BigInt(fen)) / 100);
const COLUMNS: { header: string; key: string; width: number; value: (f: StatisticsFigures) => number | string | null }[] = [
  { header: '调解申请 Referrals', key: 'referrals', width: 12, value: (f) => f.referrals },
  { header: '受理 Accepted', key: 'accepted', width: 12, value: (f) => f.accepted },
  { header: '办结 Concluded', key: 'concluded', width: 12, value: (f) => f.concluded },
  { header: '调解成功 Settled', key: 'settled', width: 12, value: (f) => f.settled },
  { header: '未成功 Not settled', key: 'notSettled', width: 12, value: (f) => f.notSettled },
  { header: '撤回 Withdrawn', key: 'withdrawn', width: 12, value: (f) => f.withdrawn },
  { header: '终止 Terminated', key: 'terminated', width: 12, value: (f) => f.terminated },
  { header: '调解成功率 Success rate', key: 'successRate', width: 14, value: (f) => f.successRate ?? '—' },
  { header: '涉及金额（元） Amount in dispute (yuan)', key: 'disputed', width: 18, value: (f) => yuan(f.disputedFen) },
  { header: '调解金额（元） Amount settled (yuan)', key: 'settledAmount', width: 18, value: (f) => yuan(f.settledFen) },
  { header: '受理用时中位数（天） Median days to acceptance', key: 'medianAccept', width: 16, value: (f) => f.medianDaysToAccept ?? '—' },
  { header: '办结用时中位数（天） Median days to conclusion', key: 'medianConclude', width: 16, value: (f) => f.medianDaysToConclude ?? '—' },
  { header: '满意度 Satisfaction', key: 'satisfaction', width: 12, value: (f) => f.satisfactionAverage ?? '—' },
  { header: '回访答卷 Answers', key: 'satisfactionCount', width: 12, value: (f) => f.satisfactionCount },
  { header: '超时限 Time-limit breaches', key: 'breached', width: 12, value: (f) => f.breached },
  { header: '超时限率 Breach rate', key: 'breachRate', width: 12, value: (f) => f.breachRate ?? '—' },
  { header: '司法确认 Judicial confirmations', key: 'judicialConfirmed', width: 14, value: (f) => f.judicialConfirmed },
  { header: '逾期履行 Obligations overdue', key: 'obligationsOverdue', width: 14, value: (f) => f.obligationsOverdue },
];
/** The columns (1-based, after the name) formatted as percentages. */
const PERCENT_CELLS = ['successRate', 'breachRate'].map((k) => COLUMNS.findIndex((c) => c.key === k) + 2);

const CASE_COLUMNS: { header: string; width: number; value: (c: ConcludedCaseLine) => number | string | null }[] = [
  { header: '案件编号 Case number', width: 18, value: (c) => c.caseNumber },
  { header: '机构 Institution', width: 20, value: (c) => c.institutionName },
  { header: '网点 Branch', width: 20, value: (c) => c.branchName },
  { header: '业务类别 Business line', width: 12, value: (c) => (c.businessLine ? BUSINESS_LINE_ZH[c.businessLine as BusinessLine] : null) },
  { header: '争议类型 Dispute type', width: 12, value: (c) => (c.disputeType ? DISPUTE_TYPE_ZH[c.disputeType as DisputeType] : null) },
  { header: '提交日期 Submitted', width: 12, value: (c) => c.submittedOn },
  { header: '受理日期 Accepted', width: 12, value: (c) => c.acceptedOn },
  { header: '办结日期 Concluded', width: 12, value: (c) => c.concludedOn },
  { header: '调解结果 Outcome', width: 12, value: (c) => OUTCOME_ZH[c.outcome as Outcome] ?? c.outcome },
  { header: '涉及金额（元） Amount in dispute (yuan)', width: 16, value: (c) => yuan(c.amountFen) },
  { header: '调解金额（元） Amount settled (yuan)', width: 16, value: (c) => yuan(c.settledFen) },
  { header: '受理用时（天） Days to acceptance', width: 12, value: (c) => c.daysToAccept },
  { header: '办结用时（天） Days to conclusion', width: 12, value: (c) => c.daysToConclude },
  { header: '调解员 Mediator', width: 10, value: (c) => c.mediatorName },
  { header: '满意度 Satisfaction', width: 10, value: (c) => c.satisfaction },
];

/** What a "—" of a regulator's table means, under the table on screen and in the export. */
export const withheldNote = (below: number) =>
  `注：“—” 少于${below}件，为保护个人信息不予显示（或为防止由合计减去其余各项推算而一并不予显示；分母为 0 的比率亦为“—”）。` +
  ` Note: “—” fewer than ${below} cases, withheld to protect privacy (or withheld beside one so that it cannot be computed as a total minus the rest; a rate with nothing to divide by is “—” too).`;

/**
 * Streams the dashboard as XLSX into `out` (exceljs' streaming writer: rows are flushed as
 * they are committed, so memory stays bounded whatever the row count). Sheet 1 holds the
 * period and the figures, sheet 2 the definitions (口径), sheet 3 (centers and institutions)
 * the cases behind the concluded figures, read batch by batch while the file goes out.
 */
export async function writeStatisticsWorkbook(dash: StatisticsDashboard, out: Writable, cases: AsyncIterable<ConcludedCaseLine[]> | null = null): Promise<void> {
  const wb = new (await loadExcelJS()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = wb.addWorksheet('统计 Statistics');
  sheet.columns = [{ key: 'name', width: 28 }, ...COLUMNS.map((c) => ({ key: c.key, width: c.width }))];
  sheet.addRow([`统计期间 Period: ${dash.from} — ${dash.to}（北京时间 Asia/Shanghai，含起止日）`]).commit();
  // The branch's whole way down from the viewer's root, so a sheet exported deep in the tree says where it is.
  const where = dash.trail.length ? dash.trail.map((b) => b.name).join(' / ') : dash.root?.name;
  sheet.addRow([dash.grouping === 'institution' ? '按机构 By institution' : `按网点 By branch${where ? `（${where}）` : ''}`]).commit();
  const header = sheet.addRow([dash.grouping === 'institution' ? '机构 Institution' : '网点 Branch', ...COLUMNS.map((c) => c.header)]);
  header.font = { bold: true };
  header.commit();
  // A withheld cell reads "—" like an empty one ("<5" in an amount column would read as under ¥5); the note row says why.
  const orDash = (v: number | string | null) => v ?? '—';
  for (const row of dash.rows) {
    const r = sheet.addRow([row.own ? `${row.name}（本级 own cases）` : row.name, ...COLUMNS.map((c) => orDash(c.value(row)))]);
    for (const cell of PERCENT_CELLS) r.getCell(cell).numFmt = '0.00%';
    r.commit();
  }
  const total = sheet.addRow(['合计 Total', ...COLUMNS.map((c) => orDash(c.value(dash.total)))]);
  total.font = { bold: true };
  for (const cell of PERCENT_CELLS) total.getCell(cell).numFmt = '0.00%';
  total.commit();
  if (dash.suppressBelow) {
    const note = sheet.addRow([withheldNote(dash.suppressBelow)]);
    note.font = { italic: true };
    note.commit();
  }
  sheet.commit();

  const defs = wb.addWorksheet('口径 Definitions');
  defs.columns = [{ key: 'key', width: 16 }, { key: 'zh', width: 80 }, { key: 'en', width: 80 }];
  defs.addRow(['统计期间 Period', `${dash.from} — ${dash.to}`]).commit();
  // The privacy rule is the regulator's, as on screen.
  // The export has no business-line filter: that definition is the console's.
  for (const d of STATISTICS_DEFINITIONS.filter((d) => d.key !== 'lineFilter' && (d.key !== 'privacy' || dash.suppressBelow))) defs.addRow([d.key, d.zh, d.en]).commit();
  if (cases) {
    defs
      .addRow([
        'cases',
        '案件明细：期间内办结的每一件案件（与“办结”及调解成功、未成功、撤回、终止各数一一对应），含受理与办结用时、调解金额；满意度仅调解中心可见。',
        'Cases: every case concluded in the period (one line per case behind “concluded” and each outcome), with its days to acceptance and conclusion and the amount settled; satisfaction for the center only.',
      ])
      .commit();
  }
  defs.commit();

  if (cases) {
    const list = wb.addWorksheet('案件明细 Cases');
    list.columns = CASE_COLUMNS.map((c) => ({ key: c.header, width: c.width }));
    const head = list.addRow(CASE_COLUMNS.map((c) => c.header));
    head.font = { bold: true };
    head.commit();
    for await (const batch of cases) {
      for (const line of batch) list.addRow(CASE_COLUMNS.map((c) => c.value(line))).commit();
      // A slow download holds the next read back: memory stays bounded by one batch.
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    list.commit();
  }
  await wb.commit();
}
