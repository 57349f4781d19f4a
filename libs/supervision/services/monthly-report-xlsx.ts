import type ExcelJS from 'exceljs';
import { BUSINESS_LINE_ZH, RANKING_DEFINITIONS, STATISTICS_DEFINITIONS } from '@accord/contracts';
import type { BusinessLine, RankingEntry, StatisticsFigures } from '@accord/contracts';
import { chineseDateTime } from '@accord/outcomes';
import { withheldNote } from '@accord/statistics';
import { DASH, eventLabel, metricLabel, monthZh, MonthlyReport, PERIOD_KIND_ZH, REPORT_DEFINITIONS, warningStatusLabel } from './monthly-report';
import { BREACH_METHOD_TEXT, BREACH_METHOD_TEXT_ZH } from './binomial';
import { METHOD_TEXT, METHOD_TEXT_ZH } from './poisson';
import { loadExcelJS } from '@accord/core';

/**
 * The monthly report as XLSX, in the statistics export's style (bilingual headers, a withheld
 * cell "—" like the screen's): 总览, 机构, 红黑榜, 预警, 口径. Numbers stay numbers (amounts in
 * yuan, rates as fractions formatted as percentages) so a regulator can compute with them.
 */

type Cell = number | string;
const orDash = (v: number | null | undefined): Cell => (v === null || v === undefined ? DASH : v);
const yuan = (fen: string | null | undefined): Cell => (fen === null || fen === undefined ? DASH : Number(BigInt(fen)) / 100);

const FIGURES: { header: string; width: number; value: (f: StatisticsFigures) => Cell; percent?: boolean }[] = [
  { header: '调解申请 Referrals', width: 12, value: (f) => orDash(f.referrals) },
  { header: '受理 Accepted', width: 12, value: (f) => orDash(f.accepted) },
  { header: '办结 Concluded', width: 12, value: (f) => orDash(f.concluded) },
  { header: '调解成功 Settled', width: 12, value: (f) => orDash(f.settled) },
  { header: '未成功 Not settled', width: 12, value: (f) => orDash(f.notSettled) },
  { header: '撤回 Withdrawn', width: 12, value: (f) => orDash(f.withdrawn) },
  { header: '终止 Terminated', width: 12, value: (f) => orDash(f.terminated) },
  { header: '调解成功率 Success rate', width: 14, value: (f) => orDash(f.successRate), percent: true },
  { header: '涉及金额（元） Amount in dispute (yuan)', width: 18, value: (f) => yuan(f.disputedFen) },
  { header: '调解金额（元） Amount settled (yuan)', width: 18, value: (f) => yuan(f.settledFen) },
  { header: '受理用时中位数（天） Median days to acceptance', width: 16, value: (f) => orDash(f.medianDaysToAccept) },
  { header: '办结用时中位数（天） Median days to conclusion', width: 16, value: (f) => orDash(f.medianDaysToConclude) },
  { header: '超时限 Time-limit breaches', width: 12, value: (f) => orDash(f.breached) },
  { header: '超时限率 Breach rate', width: 12, value: (f) => orDash(f.breachRate), percent: true },
  { header: '司法确认 Judicial confirmations', width: 12, value: (f) => orDash(f.judicialConfirmed) },
  { header: '逾期履行 Obligations overdue', width: 12, value: (f) => orDash(f.obligationsOverdue) },
  { header: '满意度 Satisfaction', width: 12, value: (f) => orDash(f.satisfactionAverage) },
  { header: '回访答卷 Answers', width: 12, value: (f) => orDash(f.satisfactionCount) },
];

const RANKS: { header: string; width: number; value: (e: RankingEntry) => Cell; percent?: boolean }[] = [
  { header: '名次 Rank', width: 8, value: (e) => e.rank },
  { header: '机构 Institution', width: 28, value: (e) => e.name },
  { header: '综合得分 Score', width: 12, value: (e) => e.score },
  { header: '调解成功率 Success rate', width: 14, value: (e) => e.successRate, percent: true },
  { header: '办结用时中位数（天） Median days to conclusion', width: 16, value: (e) => orDash(e.medianDaysToConclude) },
  { header: '超时限率 Breach rate', width: 12, value: (e) => e.breachRate, percent: true },
  { header: '办结件数 Concluded', width: 12, value: (e) => e.concluded },
  { header: '上期名次 Previous rank', width: 12, value: (e) => e.previousRank ?? '新 new' },
  { header: '名次变化 Change', width: 12, value: (e) => e.change ?? '新 new' },
];

const lineZh = (l: string | null) => (l ? (BUSINESS_LINE_ZH[l as BusinessLine] ?? l) : '全机构 Whole institution');

function header(sheet: ExcelJS.Worksheet, values: string[]) {
  const row = sheet.addRow(values);
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'middle' };
}

export async function renderMonthlyReportWorkbook(report: MonthlyReport): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'Accord';
  wb.created = report.generatedAt;
  const d = report.dashboard;
  const scope = report.center ? `调解中心 Center: ${report.center.name}` : '辖区内全部调解中心 All centers of the jurisdiction';

  const overview = wb.addWorksheet('总览');
  overview.columns = [{ width: 40 }, { width: 28 }];
  overview.addRow([`监管月报 Monthly supervisory report ${monthZh(report.month)}`]).font = { bold: true, size: 14 };
  overview.addRow(['监管机构 Regulator', report.jurisdiction]);
  overview.addRow(['范围 Scope', scope]);
  overview.addRow(['统计期间 Period', `${d.from} — ${d.to}（北京时间 Asia/Shanghai，含起止日）`]);
  overview.addRow(['生成时间 Generated at', chineseDateTime(report.generatedAt)]);
  overview.addRow([]);
  header(overview, ['辖区合计 Jurisdiction total', '']);
  for (const c of FIGURES) {
    const row = overview.addRow([c.header, c.value(d.total)]);
    if (c.percent) row.getCell(2).numFmt = '0.0%';
  }
  overview.addRow(['本月预警 Warnings of the month', report.warnings.length]);
  overview.addRow([]);
  header(overview, ['调解申请月度趋势 Referrals by month', ...report.trend.months]);
  overview.addRow(['辖区合计 Jurisdiction total', ...report.trend.total.map(orDash)]);
  for (const l of report.trend.lines) overview.addRow([l.name, ...l.referrals.map(orDash)]);
  if (d.suppressBelow) overview.addRow([withheldNote(d.suppressBelow)]).font = { italic: true };

  const table = wb.addWorksheet('机构');
  table.columns = [{ width: 28 }, ...FIGURES.map((c) => ({ width: c.width }))];
  header(table, ['机构 Institution', ...FIGURES.map((c) => c.header)]);
  const percentCol = FIGURES.findIndex((c) => c.percent) + 2;
  for (const r of d.rows) table.addRow([r.name, ...FIGURES.map((c) => c.value(r))]).getCell(percentCol).numFmt = '0.0%';
  const total = table.addRow(['合计 Total', ...FIGURES.map((c) => c.value(d.total))]);
  total.font = { bold: true };
  total.getCell(percentCol).numFmt = '0.0%';
  if (d.suppressBelow) table.addRow([withheldNote(d.suppressBelow)]).font = { italic: true };

  const r = report.rankings;
  const ranks = wb.addWorksheet('红黑榜');
  ranks.columns = [{ width: 14 }, ...RANKS.map((c) => ({ width: c.width }))];
  ranks.addRow([`参与排名 ${r.rankedCount} 家（办结不少于 ${r.minConcluded} 件）Ranked: ${r.rankedCount} (at least ${r.minConcluded} concluded); 上期 previous period ${r.previousFrom} — ${r.previousTo}`]);
  header(ranks, ['榜单 List', ...RANKS.map((c) => c.header)]);
  const rankPercent = RANKS.findIndex((c) => c.percent) + 2;
  for (const [list, entries] of [
    ['红榜 Red', r.red],
    ['黑榜 Black', r.black],
  ] as const) {
    for (const e of entries) ranks.addRow([list, ...RANKS.map((c) => c.value(e))]).getCell(rankPercent).numFmt = '0.0%';
  }
  for (const u of r.unranked) ranks.addRow(['未排名 Not ranked', DASH, u.name, DASH, DASH, DASH, orDash(u.concluded)]);

  const warnings = wb.addWorksheet('预警');
  warnings.columns = [14, 24, 24, 14, 12, 8, 12, 12, 10, 12, 12, 10, 14, 20, 16, 20, 40].map((width) => ({ width }));
  header(warnings, [
    '编号 No.',
    '机构 Institution',
    '调解中心 Center',
    '业务条线 Business line',
    '指标 Metric',
    '周期 Period',
    '起 From',
    '止 To',
    '实际件数 Observed',
    '办结件数 Concluded',
    '预期 Expected',
    '99.9% 上界 Bound',
    '状态 Status',
    '生成时间 Raised at',
    '处理记录 Step',
    '时间 At',
    '人员与意见 By and comment',
  ]);
  report.warnings.forEach((w, i) => {
    const first = [
      i + 1,
      w.institutionName ?? '',
      w.centerName ?? '',
      lineZh(w.businessLine),
      metricLabel(w.metric),
      PERIOD_KIND_ZH[w.periodKind] ?? w.periodKind,
      w.periodStart,
      w.periodEnd,
      w.observed,
      w.concluded ?? DASH,
      w.expected,
      w.bound,
      warningStatusLabel(w),
      chineseDateTime(new Date(w.createdAt)),
    ];
    // One line per step of the timeline; the warning's own cells only on its first.
    const steps = w.events.length ? w.events : [null];
    steps.forEach((e, k) => {
      const lead = k === 0 ? first : Array(first.length).fill('');
      warnings.addRow([...lead, e ? eventLabel(e.kind) : '', e ? chineseDateTime(new Date(e.at)) : '', e ? [e.actorName, e.comment].filter(Boolean).join('：') : '']);
    });
  });
  if (!report.warnings.length) warnings.addRow(['本月无预警 No warning this month']);

  const defs = wb.addWorksheet('口径');
  defs.columns = [{ width: 18 }, { width: 90 }, { width: 90 }];
  header(defs, ['项目 Item', '口径', 'Definition']);
  for (const x of REPORT_DEFINITIONS) defs.addRow([x.key, x.zh, x.en]);
  for (const x of STATISTICS_DEFINITIONS.filter((x) => x.key !== 'lineFilter' && (x.key !== 'privacy' || d.suppressBelow))) defs.addRow([x.key, x.zh, x.en]);
  for (const x of RANKING_DEFINITIONS.filter((x) => x.key !== 'privacy')) defs.addRow([`ranking.${x.key}`, x.zh, x.en]);
  defs.addRow(['warning.method', `调解申请预警规则：${METHOD_TEXT_ZH}`, `Referral warning rule: ${METHOD_TEXT}`]);
  defs.addRow([
    'warning.breachMethod',
    `超时限率预警规则：${BREACH_METHOD_TEXT_ZH}。每个机构按月判定，超时限按办结月份计；实际件数为超时限件数，办结件数为分母。`,
    `Breach-rate warning rule: ${BREACH_METHOD_TEXT}; per institution and month, breaches by conclusion month; observed = breaches, concluded = the denominator.`,
  ]);
  defs.eachRow((row) => (row.alignment = { wrapText: true, vertical: 'top' }));

  return Buffer.from(await wb.xlsx.writeBuffer());
}
