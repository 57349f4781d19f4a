import { BUSINESS_LINE_ZH, RANKING_DEFINITIONS, STATISTICS_DEFINITIONS } from '@accord/contracts';
import type { BusinessLine, RankingEntry, StatisticsFigures } from '@accord/contracts';
import { chineseDateTime, loadChineseFonts } from '@accord/outcomes';
import { withheldNote } from '@accord/statistics';
import { BREACH_METHOD_TEXT_ZH } from './binomial';
import { METHOD_TEXT_ZH } from './poisson';
import { DASH, eventLabel, metricLabel, monthZh, MonthlyReport, observedText, PERIOD_KIND_ZH, REPORT_DEFINITIONS, ReportWarning, warningStatusLabel } from './monthly-report';
import { loadPdfKit } from '@accord/core';

/**
 * The monthly report as a PDF, in Chinese: A4 landscape (the institution table has fourteen
 * columns), the charts drawn with pdfkit's own vector primitives from the same figures as the
 * tables (no SVG step, no extra dependency), every table's 口径 in the last section. Pure: the
 * same report gives the same text.
 */

const MARGIN = 36;
/** Bars on the success-rate chart: more would not be legible on half a landscape page. */
const BAR_ROWS = 20;
const INK = '#1f1f1f';
const MUTED = '#666666';
const GRID = '#d9d9d9';
/** The console's palette (ECharts' default), so a line keeps its colour between screen and paper. */
const PALETTE = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc'];

export const countText = (v: number | null | undefined) => (v === null || v === undefined ? DASH : String(v));
export const percentText = (v: number | null | undefined) => (v === null || v === undefined ? DASH : `${(v * 100).toFixed(1)}%`);
export const yuanText = (fen: string | null | undefined) => {
  if (fen === null || fen === undefined) return DASH;
  const f = BigInt(fen);
  const abs = f < 0n ? -f : f;
  return `${f < 0n ? '-' : ''}${(abs / 100n).toLocaleString('en-US')}.${String(abs % 100n).padStart(2, '0')}`;
};
const numberText = (v: number | null | undefined) => (v === null || v === undefined ? DASH : String(v));

type FigureColumn = { zh: string; width: number; text: (f: StatisticsFigures) => string };

/**
 * The institution table's columns, as the dashboard's (and the XLSX's), in two tables one above
 * the other: eighteen figures do not fit one A4 landscape row beside the institution's name.
 */
export const FIGURE_COLUMN_GROUPS: { title: string; columns: FigureColumn[] }[] = [
  {
    title: '（一）办理量、结果与金额',
    columns: [
      { zh: '调解申请', width: 48, text: (f) => countText(f.referrals) },
      { zh: '受理', width: 44, text: (f) => countText(f.accepted) },
      { zh: '办结', width: 44, text: (f) => countText(f.concluded) },
      { zh: '调解成功', width: 48, text: (f) => countText(f.settled) },
      { zh: '未成功', width: 44, text: (f) => countText(f.notSettled) },
      { zh: '撤回', width: 42, text: (f) => countText(f.withdrawn) },
      { zh: '终止', width: 42, text: (f) => countText(f.terminated) },
      { zh: '调解成功率', width: 56, text: (f) => percentText(f.successRate) },
      { zh: '涉及金额（元）', width: 84, text: (f) => yuanText(f.disputedFen) },
      { zh: '调解金额（元）', width: 84, text: (f) => yuanText(f.settledFen) },
    ],
  },
  {
    title: '（二）时效、司法确认、履行与满意度',
    columns: [
      { zh: '受理用时中位数（天）', width: 60, text: (f) => numberText(f.medianDaysToAccept) },
      { zh: '办结用时中位数（天）', width: 60, text: (f) => numberText(f.medianDaysToConclude) },
      { zh: '超时限', width: 50, text: (f) => countText(f.breached) },
      { zh: '超时限率', width: 56, text: (f) => percentText(f.breachRate) },
      { zh: '司法确认', width: 52, text: (f) => countText(f.judicialConfirmed) },
      { zh: '逾期履行', width: 52, text: (f) => countText(f.obligationsOverdue) },
      { zh: '满意度', width: 48, text: (f) => numberText(f.satisfactionAverage) },
      { zh: '回访答卷', width: 50, text: (f) => countText(f.satisfactionCount) },
    ],
  },
];

export const FIGURE_COLUMNS: FigureColumn[] = FIGURE_COLUMN_GROUPS.flatMap((g) => g.columns);

export const RANK_COLUMNS: { zh: string; width: number; align?: 'left' | 'center'; text: (e: RankingEntry) => string }[] = [
  { zh: '名次', width: 40, align: 'center', text: (e) => String(e.rank) },
  { zh: '机构', width: 170, align: 'left', text: (e) => e.name },
  { zh: '综合得分', width: 60, text: (e) => e.score.toFixed(1) },
  { zh: '调解成功率', width: 66, text: (e) => percentText(e.successRate) },
  { zh: '办结用时中位数（天）', width: 90, text: (e) => numberText(e.medianDaysToConclude) },
  { zh: '超时限率', width: 60, text: (e) => percentText(e.breachRate) },
  { zh: '办结件数', width: 60, text: (e) => countText(e.concluded) },
  { zh: '上期名次', width: 60, text: (e) => (e.previousRank === null ? '新' : String(e.previousRank)) },
  { zh: '名次变化', width: 60, text: (e) => (e.change === null ? '新' : e.change > 0 ? `↑${e.change}` : e.change < 0 ? `↓${-e.change}` : '持平') },
];

const lineZh = (l: string | null) => (l ? (BUSINESS_LINE_ZH[l as BusinessLine] ?? l) : '全机构');

interface Column {
  zh: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

class Page {
  constructor(readonly doc: PDFKit.PDFDocument) {}

  get width() {
    return this.doc.page.width - 2 * MARGIN;
  }

  get bottom() {
    return this.doc.page.height - MARGIN - 14;
  }

  /** A new page when `height` more would not fit. */
  room(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  heading(text: string) {
    this.room(60);
    this.doc.moveDown(0.6);
    this.doc.font('bold').fontSize(13).fillColor(INK).text(text, MARGIN, this.doc.y);
    this.doc.moveDown(0.3);
  }

  para(text: string, size = 9, color = INK) {
    this.doc.font('regular').fontSize(size).fillColor(color).text(text, MARGIN, this.doc.y, { width: this.width, lineGap: 2 });
    this.doc.fillColor(INK);
  }

  /** A table with its header repeated on each page; cells never wrap (a long name is cut with an ellipsis). */
  table(columns: Column[], rows: string[][], opts: { bold?: (i: number) => boolean; size?: number } = {}) {
    const size = opts.size ?? 7.5;
    const rowH = size + 7;
    this.doc.font('bold').fontSize(size);
    // As tall as the longest header wraps to, no taller.
    const headH = Math.max(...columns.map((c) => this.doc.heightOfString(c.zh, { width: c.width - 4 }))) + 7;
    const x0 = MARGIN;
    const header = () => {
      const y = this.doc.y;
      this.doc.rect(x0, y, columns.reduce((s, c) => s + c.width, 0), headH).fill('#f0f2f5');
      let x = x0;
      this.doc.font('bold').fontSize(size).fillColor(INK);
      for (const c of columns) {
        this.doc.text(c.zh, x + 2, y + 3, { width: c.width - 4, height: headH - 4, align: c.align ?? 'center' });
        x += c.width;
      }
      this.doc.y = y + headH;
    };
    this.room(headH + rowH * Math.min(rows.length, 3));
    header();
    rows.forEach((cells, i) => {
      if (this.doc.y + rowH > this.bottom) {
        this.doc.addPage();
        header();
      }
      const y = this.doc.y;
      let x = x0;
      this.doc.font(opts.bold?.(i) ? 'bold' : 'regular').fontSize(size).fillColor(INK);
      cells.forEach((cell, j) => {
        const c = columns[j];
        this.doc.text(cell, x + 2, y + 3.5, { width: c.width - 4, height: rowH, align: c.align ?? (j === 0 ? 'left' : 'right'), lineBreak: false, ellipsis: true });
        x += c.width;
      });
      this.doc
        .moveTo(x0, y + rowH)
        .lineTo(x, y + rowH)
        .lineWidth(0.4)
        .strokeColor(GRID)
        .stroke();
      this.doc.y = y + rowH;
    });
    this.doc.x = MARGIN;
    this.doc.moveDown(0.4);
  }
}

/** Nice round steps for an axis up to `max`. */
function axisTop(max: number, ticks = 5): { top: number; step: number } {
  if (max <= 0) return { top: ticks, step: 1 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  return { top: step * Math.ceil(max / step), step };
}

type Series = { name: string; values: (number | null)[]; color: string }[];

/**
 * The referral trend as two charts on their own scales, so the institutions' lines are not
 * flattened under the jurisdiction's: its total above, the top institutions below.
 */
function trendCharts(p: Page, report: MonthlyReport, x: number, y: number, w: number, h: number) {
  const months = report.trend.months;
  const half = (h - 8) / 2;
  lineChart(p, '辖区调解申请月度趋势（件）', months, [{ name: '辖区合计', values: report.trend.total, color: PALETTE[0] }], x, y, w, half);
  const lines = report.trend.lines.map((l, k) => ({ name: l.name, values: l.referrals, color: PALETTE[(k + 1) % PALETTE.length] }));
  lineChart(p, `调解申请最多的 ${lines.length} 家机构月度趋势（件）`, months, lines, x, y + half + 8, w, half);
}

/** One line per series; a withheld month breaks its line. */
function lineChart(p: Page, title: string, months: string[], series: Series, x: number, y: number, w: number, h: number) {
  const { doc } = p;
  const max = Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const { top, step } = axisTop(max);
  const left = x + 34;
  const plotW = w - 34 - 8;
  const plotTop = y + 18;
  const plotH = h - 18 - 38;
  doc.font('bold').fontSize(9).fillColor(INK).text(title, x, y, { width: w, lineBreak: false });
  doc.font('regular').fontSize(6.5);
  for (let v = 0; v <= top + 1e-9; v += step) {
    const yy = plotTop + plotH - (v / top) * plotH;
    doc.moveTo(left, yy).lineTo(left + plotW, yy).lineWidth(0.3).strokeColor(GRID).stroke();
    doc.fillColor(MUTED).text(String(Math.round(v * 100) / 100), x, yy - 3, { width: 30, align: 'right', lineBreak: false });
  }
  const xAt = (i: number) => left + (months.length === 1 ? plotW / 2 : (i / (months.length - 1)) * plotW);
  const yAt = (v: number) => plotTop + plotH - (v / top) * plotH;
  months.forEach((m, i) => doc.fillColor(MUTED).text(m.slice(2), xAt(i) - 15, plotTop + plotH + 3, { width: 30, align: 'center', lineBreak: false }));
  series.forEach((s) => {
    const color = s.color;
    doc.lineWidth(1.4).strokeColor(color).fillColor(color);
    let drawing = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        drawing = false;
        return;
      }
      if (drawing) doc.lineTo(xAt(i), yAt(v));
      else doc.moveTo(xAt(i), yAt(v));
      drawing = true;
    });
    doc.stroke();
    s.values.forEach((v, i) => {
      if (v !== null) doc.circle(xAt(i), yAt(v), 1.5).fill(color);
    });
  });
  // The legend under the axis, wrapped to the chart's width.
  let lx = left;
  let ly = plotTop + plotH + 16;
  doc.font('regular').fontSize(7);
  series.forEach((s) => {
    const label = s.name;
    const lw = Math.min(doc.widthOfString(label), 120) + 18;
    if (lx + lw > x + w) {
      lx = left;
      ly += 10;
    }
    doc.rect(lx, ly + 2, 10, 3).fill(s.color);
    doc.fillColor(INK).text(label, lx + 13, ly, { width: lw - 16, lineBreak: false, ellipsis: true });
    lx += lw + 6;
  });
  doc.fillColor(INK).strokeColor(INK);
}

/** Success rate per institution in the month, one bar each; a withheld or empty rate is a "—" without a bar. */
function barChart(p: Page, report: MonthlyReport, x: number, y: number, w: number, h: number) {
  const { doc } = p;
  // The institutions with the most referrals (the table's order), as many as the chart holds; the table lists them all.
  const rows = report.dashboard.rows.slice(0, BAR_ROWS);
  const more = report.dashboard.rows.length - rows.length;
  doc
    .font('bold')
    .fontSize(9)
    .fillColor(INK)
    .text(`本月各机构调解成功率${more > 0 ? `（调解申请最多的 ${rows.length} 家，其余见机构明细）` : ''}`, x, y, { width: w, lineBreak: false });
  const labelW = 92;
  const left = x + labelW;
  const plotW = w - labelW - 40;
  const top = y + 18;
  const barH = Math.max(4, Math.min(12, (h - 30) / Math.max(rows.length, 1) - 3));
  doc.font('regular').fontSize(6.5);
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    const xx = left + v * plotW;
    doc.moveTo(xx, top).lineTo(xx, top + rows.length * (barH + 3)).lineWidth(0.3).strokeColor(GRID).stroke();
    doc.fillColor(MUTED).text(`${v * 100}%`, xx - 12, top + rows.length * (barH + 3) + 2, { width: 24, align: 'center', lineBreak: false });
  }
  rows.forEach((r, i) => {
    const yy = top + i * (barH + 3);
    doc.fillColor(INK).fontSize(Math.min(7, barH + 1)).text(r.name, x, yy + (barH - 6) / 2, { width: labelW - 4, align: 'right', lineBreak: false, ellipsis: true });
    if (r.successRate !== null) doc.rect(left, yy, Math.max(0.5, r.successRate * plotW), barH).fill(PALETTE[0]);
    doc.fillColor(INK).text(percentText(r.successRate), left + (r.successRate ?? 0) * plotW + 3, yy + (barH - 6) / 2, { width: 36, lineBreak: false });
  });
  doc.fillColor(INK).strokeColor(INK);
}

function totals(p: Page, report: MonthlyReport) {
  const t = report.dashboard.total;
  const tiles: [string, string][] = [
    ['调解申请', countText(t.referrals)],
    ['受理', countText(t.accepted)],
    ['办结', countText(t.concluded)],
    ['调解成功', countText(t.settled)],
    ['调解成功率', percentText(t.successRate)],
    ['涉及金额（元）', yuanText(t.disputedFen)],
    ['调解金额（元）', yuanText(t.settledFen)],
    ['办结用时中位数（天）', numberText(t.medianDaysToConclude)],
    ['本月预警', String(report.warnings.length)],
  ];
  p.table(
    tiles.map(([zh]) => ({ zh, width: p.width / tiles.length, align: 'center' as const })),
    [tiles.map(([, v]) => v)],
    { size: 9 },
  );
}

function institutions(p: Page, report: MonthlyReport) {
  const d = report.dashboard;
  for (const group of FIGURE_COLUMN_GROUPS) {
    p.room(60);
    p.doc.font('bold').fontSize(9.5).text(group.title, MARGIN, p.doc.y);
    p.doc.moveDown(0.2);
    const columns: Column[] = [{ zh: '机构', width: p.width - group.columns.reduce((s, c) => s + c.width, 0), align: 'left' }, ...group.columns];
    const rows = [...d.rows.map((r) => [r.name, ...group.columns.map((c) => c.text(r))]), ['合计', ...group.columns.map((c) => c.text(d.total))]];
    p.table(columns, rows, { bold: (i) => i === d.rows.length });
  }
  if (d.suppressBelow) p.para(withheldNote(d.suppressBelow), 7.5, MUTED);
}

function rankings(p: Page, report: MonthlyReport) {
  const r = report.rankings;
  p.para(`参与排名 ${r.rankedCount} 家（本月办结不少于 ${r.minConcluded} 件）；与上期（${r.previousFrom} — ${r.previousTo}）名次相比。`, 8.5, MUTED);
  for (const [title, list] of [
    [`红榜（前 ${r.top} 名）`, r.red],
    [`黑榜（后 ${r.top} 名，由差到好）`, r.black],
  ] as const) {
    p.room(40);
    p.doc.font('bold').fontSize(10).text(title, MARGIN, p.doc.y);
    p.doc.moveDown(0.2);
    if (list.length) p.table(RANK_COLUMNS, list.map((e) => RANK_COLUMNS.map((c) => c.text(e))));
    else p.para('（无）', 8.5, MUTED);
  }
  if (r.unranked.length) p.para(`案件不足、未排名：${r.unranked.map((u) => `${u.name}（办结 ${countText(u.concluded)} 件）`).join('；')}`, 8, MUTED);
}

const WARNING_COLUMNS: Column[] = [
  { zh: '机构', width: 108, align: 'left' },
  { zh: '调解中心', width: 110, align: 'left' },
  { zh: '业务条线', width: 60, align: 'left' },
  { zh: '指标', width: 50, align: 'center' },
  { zh: '周期', width: 30, align: 'center' },
  { zh: '统计周期', width: 110, align: 'center' },
  { zh: '实际件数', width: 50 },
  { zh: '预期', width: 46 },
  { zh: '99.9% 上界', width: 48 },
  { zh: '状态', width: 70, align: 'center' },
  { zh: '生成时间', width: 88, align: 'center' },
];

const shanghai = (iso: string) => chineseDateTime(new Date(iso)).replace('（北京时间）', '');

function warnings(p: Page, report: MonthlyReport) {
  if (!report.warnings.length) {
    p.para('本月无预警。', 9, MUTED);
    return;
  }
  p.table(WARNING_COLUMNS, report.warnings.map(warningCells));
  p.room(40);
  p.doc.moveDown(0.3);
  p.doc.font('bold').fontSize(10).text('处置情况', MARGIN, p.doc.y);
  p.doc.moveDown(0.2);
  report.warnings.forEach((w, i) => {
    p.room(30);
    p.para(`${i + 1}. ${w.institutionName ?? ''} · ${lineZh(w.businessLine)} · ${metricLabel(w.metric)} ${observedText(w)} · ${w.periodStart} — ${w.periodEnd}：${warningStatusLabel(w)}`, 8.5);
    for (const e of w.events) {
      p.para(`    ${shanghai(e.at)}  ${eventLabel(e.kind)}${e.actorName ? `（${e.actorName}）` : ''}${e.comment ? `：${e.comment}` : ''}`, 8, MUTED);
    }
  });
}

export const warningCells = (w: ReportWarning) => [
  w.institutionName ?? '',
  w.centerName ?? '',
  lineZh(w.businessLine),
  metricLabel(w.metric),
  PERIOD_KIND_ZH[w.periodKind] ?? w.periodKind,
  `${w.periodStart} — ${w.periodEnd}`,
  w.metric === 'breaches' && w.concluded !== null ? `${w.observed}/${w.concluded}` : String(w.observed),
  String(w.expected),
  String(w.bound),
  warningStatusLabel(w),
  shanghai(w.createdAt),
];

function definitions(p: Page, report: MonthlyReport) {
  const groups: [string, { zh: string }[]][] = [
    ['本报告', REPORT_DEFINITIONS],
    ['统计数据（总量、机构明细、成功率图）', STATISTICS_DEFINITIONS.filter((d) => d.key !== 'lineFilter' && (d.key !== 'privacy' || report.dashboard.suppressBelow))],
    // The ranking page's own privacy line speaks of "<5"; the report withholds with "—" under the statistics rule above.
    ['红黑榜', RANKING_DEFINITIONS.filter((d) => d.key !== 'privacy')],
    [
      '风险预警',
      [
        { zh: `调解申请预警规则：${METHOD_TEXT_ZH}。每个机构及其各业务条线，按周、按月判定；历史不足 12 个周期不预警。` },
        { zh: `超时限率预警规则：${BREACH_METHOD_TEXT_ZH}。每个机构按月判定（超时限按办结月份计，口径同机构明细的超时限）；历史不足 12 个月不预警；“实际件数”为超时限件数/办结件数。` },
        { zh: '每个单位每个周期每项指标至多一条预警。' },
      ],
    ],
  ];
  for (const [title, defs] of groups) {
    p.room(30);
    p.doc.font('bold').fontSize(9.5).text(title, MARGIN, p.doc.y);
    for (const d of defs) p.para(`· ${d.zh}`, 7.5);
    p.doc.moveDown(0.3);
  }
}

/** Renders the report; the fonts are embedded as subsets of the glyphs used. */
export async function renderMonthlyReportPdf(report: MonthlyReport): Promise<Buffer> {
  const { regular, bold } = loadChineseFonts();
  const title = `监管月报 ${monthZh(report.month)}`;
  const doc = new (await loadPdfKit())({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: title, Author: report.jurisdiction, Creator: 'Accord', CreationDate: report.generatedAt },
    lang: 'zh-CN',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const p = new Page(doc);

  doc.font('bold').fontSize(18).fillColor(INK).text(title, { align: 'center', characterSpacing: 2 });
  doc.moveDown(0.2);
  p.para(
    `监管机构：${report.jurisdiction}${report.center ? `    调解中心：${report.center.name}` : '    范围：辖区内全部调解中心'}    统计期间：${report.dashboard.from} — ${report.dashboard.to}（北京时间）    生成时间：${chineseDateTime(report.generatedAt)}`,
    9,
    MUTED,
  );

  p.heading('一、辖区总量');
  totals(p, report);

  p.heading('二、趋势与成功率');
  const chartH = Math.max(260, Math.min(300, 50 + Math.min(report.dashboard.rows.length, BAR_ROWS) * 12));
  p.room(chartH);
  const y = doc.y;
  const half = (p.width - 20) / 2;
  trendCharts(p, report, MARGIN, y, half, chartH);
  barChart(p, report, MARGIN + half + 20, y, half, chartH);
  doc.x = MARGIN;
  doc.y = y + chartH + 6;

  p.heading('三、机构明细');
  institutions(p, report);

  p.heading('四、红黑榜');
  rankings(p, report);

  p.heading('五、本月预警及处置');
  warnings(p, report);

  p.heading('六、口径说明');
  definitions(p, report);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing into the bottom margin must not open a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(7)
      .fillColor(MUTED)
      .text(`${report.jurisdiction} · ${title} · 第 ${i + 1} 页 / 共 ${range.count} 页`, MARGIN, doc.page.height - MARGIN + 6, { width: p.width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
