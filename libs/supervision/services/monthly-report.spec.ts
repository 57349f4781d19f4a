import ExcelJS from 'exceljs';
import type { Rankings, StatisticsFigures, StatisticsRow } from '@accord/contracts';
import { ValidationFailedError } from '@accord/core';
import { pdfText } from '../../testing/pdf-text';
import { eventLabel, monthBounds, MonthlyReport, validateReportMonth } from './monthly-report';
import { renderMonthlyReportPdf } from './monthly-report-pdf';
import { renderMonthlyReportWorkbook } from './monthly-report-xlsx';

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof ValidationFailedError ? error.fields.map((f) => `${f.field}: ${f.message}`) : String(error);
  }
  return null;
};

describe('the monthly report month', () => {
  it('takes a real month up to the current one and three years back', () => {
    expect(validateReportMonth('2026-12', '2026-12')).toBe('2026-12');
    expect(validateReportMonth('2023-12', '2026-12')).toBe('2023-12');
    expect(fieldOf(() => validateReportMonth('2027-01', '2026-12'))).toEqual(['month: month must not be in the future']);
    expect(fieldOf(() => validateReportMonth('2023-11', '2026-12'))).toEqual(['month: month may be at most 3 years back']);
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-01', '2026-01-01']) expect(fieldOf(() => validateReportMonth(bad, '2026-12'))).toEqual(['month: month must be a month YYYY-MM']);
  });

  it('knows its last day, leap years included', () => {
    expect(monthBounds('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29', next: '2028-03-01' });
    expect(monthBounds('2026-12')).toEqual({ first: '2026-12-01', last: '2026-12-31', next: '2027-01-01' });
  });

  it('names a timeline step it has no label for by its code', () => {
    expect(eventLabel('notice_sent')).toBe('发送监管提示');
    expect(eventLabel('escalated')).toBe('escalated');
  });
});

const figures = (n: number): StatisticsFigures => ({
  referrals: n,
  accepted: n - 1,
  concluded: n - 2,
  settled: n - 4,
  notSettled: 1,
  withdrawn: 1,
  terminated: 0,
  successRate: (n - 4) / (n - 3),
  disputedFen: String(n * 123456),
  settledFen: String(n * 1000),
  medianDaysToAccept: 2,
  medianDaysToConclude: 11.5,
  satisfactionAverage: 4.2,
  satisfactionCount: n - 5,
  breached: 2,
  breachRate: 2 / (n - 2),
  judicialConfirmed: 1,
  obligationsOverdue: 1,
});

/** A large jurisdiction: 60 institutions, one with its small cells withheld, 20 warnings. */
function bigReport(): MonthlyReport {
  const rows: StatisticsRow[] = Array.from({ length: 60 }, (_, i) => ({ id: `i${i}`, name: `机构${i}号银行股份有限公司`, ...figures(100 + i) }));
  rows[59] = { ...rows[59], referrals: null, settled: null, successRate: null, withheld: ['referrals', 'settled', 'successRate'] };
  const entry = (i: number) => ({ id: `i${i}`, name: rows[i].name, rank: i + 1, score: 90 - i, successRate: 0.9, speed: 0.5, medianDaysToConclude: 10, concluded: 40, breachRate: 0.05, previousRank: i + 2, change: 1 });
  const rankings: Rankings = {
    from: '2026-11',
    to: '2026-11',
    previousFrom: '2026-10',
    previousTo: '2026-10',
    unit: 'institution',
    level: null,
    root: null,
    centerId: null,
    minConcluded: 10,
    top: 5,
    rankedCount: 60,
    red: [0, 1, 2, 3, 4].map(entry),
    black: [59, 58, 57, 56, 55].map(entry),
    unranked: [{ id: 'x', name: '小银行', concluded: null }],
    suppressBelow: 5,
    weights: { successRate: 0.5, speed: 0.3, timeliness: 0.2 },
  };
  const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`).slice(0, 11);
  months.unshift('2025-12');
  return {
    month: '2026-11',
    jurisdiction: '国家金融监督管理总局青岛监管局',
    center: null,
    generatedAt: new Date('2026-12-01T02:00:00Z'),
    dashboard: { from: '2026-11-01', to: '2026-11-30', grouping: 'institution', root: null, trail: [], rows, total: figures(9000), suppressBelow: 5, filter: { centerId: null, businessLine: null, disputeType: null }, figuresAvailable: [] },
    rankings,
    trend: { months, total: months.map((_, i) => 8000 + i * 100), lines: [0, 1, 2, 3, 4].map((k) => ({ id: `i${k}`, name: rows[k].name, referrals: months.map((_, i) => (i === 3 && k === 4 ? null : 100 + k * 10 + i)) })) },
    warnings: Array.from({ length: 20 }, (_, i) => ({
      id: `w${i}`,
      centerId: 'c',
      centerName: '青岛金融纠纷调解中心',
      institutionId: `i${i}`,
      institutionName: rows[i].name,
      businessLine: i % 2 ? 'credit_card' : null,
      periodKind: 'month' as const,
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
      // Every third a breach warning: 20 of 40 concluded cases breached.
      metric: i % 3 ? ('referrals' as const) : ('breaches' as const),
      observed: 20,
      concluded: i % 3 ? null : 40,
      expected: 3,
      bound: 10,
      priorPeriods: 12,
      method: 'poisson',
      status: 'acknowledged' as const,
      noticeState: 'answered' as const,
      createdAt: '2026-12-01T17:30:00Z',
      acknowledgedAt: '2026-12-02T02:00:00Z',
      acknowledgedByName: '王监管',
      acknowledgeComment: '已约谈',
      events: [
        { kind: 'raised' as const, at: '2026-12-01T17:30:00Z', actorName: null, comment: null, noticeId: null },
        { kind: 'notice_sent' as const, at: '2026-12-01T18:00:00Z', actorName: '王监管', comment: '请说明原因', noticeId: `n${i}` },
        { kind: 'notice_answered' as const, at: '2026-12-01T19:00:00Z', actorName: '李行长', comment: '已整改', noticeId: `n${i}` },
        { kind: 'acknowledged' as const, at: '2026-12-02T02:00:00Z', actorName: '王监管', comment: '已约谈', noticeId: null },
      ],
      notices: [
        {
          id: `n${i}`,
          text: '请说明原因',
          answerBy: '2026-12-05',
          sentAt: '2026-12-01T18:00:00Z',
          sentByName: '王监管',
          regulatorName: '青岛监管局',
          answer: '已整改',
          answeredAt: '2026-12-01T19:00:00Z',
          answeredByName: '李行长',
        },
      ],
    })),
  };
}

describe('the monthly report files', () => {
  it('renders a large jurisdiction as a PDF with every section, withheld cells as "—" and no time to speak of', async () => {
    const report = bigReport();
    await renderMonthlyReportPdf(report); // the fonts are read once per process
    const started = performance.now();
    const pdf = await renderMonthlyReportPdf(report);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(10_000);
    const text = await pdfText(pdf);
    for (const heading of ['监管月报 2026年11月', '一、辖区总量', '二、趋势与成功率', '三、机构明细', '四、红黑榜', '五、本月预警及处置', '六、口径说明', '生成时间：2026-12-01 10:00:00（北京时间）']) {
      expect(text).toContain(heading);
    }
    // The institution table in two parts (A4 landscape): volume and outcomes, then timeliness and the rest.
    expect(text).toContain('机构0号银行股份有限公司 100 99 98 96 1 1 0 99.0% 123,456.00 1,000.00');
    expect(text).toContain('机构0号银行股份有限公司 2 11.5 2 2.0% 1 1 4.2 95');
    expect(text).toContain('机构59号银行股份有限公司 — 158 157 — 1 1 0 —');
    expect(text).toContain('监管确认（王监管）：已约谈');
    // Both rules in Chinese in the 口径, and each warning's metric in its line.
    expect(text).toContain('调解申请预警规则：泊松上界');
    expect(text).toContain('超时限率预警规则：二项上界');
    expect(text).toContain('超时限率 20/40（50%）');
    expect(text).toContain('调解申请 20');
  });

  it('writes the same figures into the workbook’s five sheets', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderMonthlyReportWorkbook(bigReport())) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['总览', '机构', '红黑榜', '预警', '口径']);
    const table = wb.getWorksheet('机构')!;
    expect(table.getRow(2).values).toEqual([undefined, '机构0号银行股份有限公司', 100, 99, 98, 96, 1, 1, 0, 96 / 97, 123456, 1000, 2, 11.5, 2, 2 / 98, 1, 1, 4.2, 95]);
    expect((table.getRow(61).values as unknown[]).slice(1, 9)).toEqual(['机构59号银行股份有限公司', '—', 158, 157, '—', 1, 1, 0]);
    expect(wb.getWorksheet('红黑榜')!.getRow(3).getCell(3).value).toBe('机构0号银行股份有限公司');
    // One line per timeline step: raised, the notice, its answer, the acknowledgement.
    const warnings = wb.getWorksheet('预警')!;
    expect([2, 3, 4, 5].map((r) => warnings.getRow(r).getCell(15).value)).toEqual(['系统预警', '发送监管提示', '机构答复', '监管确认']);
    // The metric beside the unit; a breach warning's concluded cases beside its breaches, a referral warning's "—".
    expect((warnings.getRow(2).values as unknown[]).slice(5, 11)).toEqual(['超时限率', '月', '2026-11-01', '2026-11-30', 20, 40]);
    expect((warnings.getRow(6).values as unknown[]).slice(5, 11)).toEqual(['调解申请', '月', '2026-11-01', '2026-11-30', 20, '—']);
    const defs = wb.getWorksheet('口径')!;
    const keys = [] as unknown[];
    defs.eachRow((row) => keys.push(row.getCell(1).value));
    expect(keys).toEqual(expect.arrayContaining(['warning.method', 'warning.breachMethod']));
  });
});
