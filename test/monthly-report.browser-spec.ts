import { readFile } from 'node:fs/promises';
import dayjs from 'dayjs';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { pdfText } from '../libs/testing/pdf-text';
import { BrowserStage } from './support/browser-stage';
import { cloneCases } from './support/cloned-cases';
import type { SignedIn, TestWorld } from './support/test-world';

/**
 * 监管月报 from the console: a regulator analyst at 1366×768 picks last month and downloads the
 * PDF and the XLSX; the files are named for the month and hold the month's figures.
 */
describe('monthly report from the regulator console', () => {
  let stage: BrowserStage;
  let world: TestWorld;
  let regulator: SignedIn;
  const lastMonth = dayjs(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7) + '-01').subtract(1, 'month');
  const month = lastMonth.format('YYYY-MM');

  beforeAll(async () => {
    stage = await BrowserStage.open('monthly-report');
    world = stage.world;
    regulator = await world.signIn('qd.regulator');
    const owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    try {
      await cloneCases(owner, world.org('icbc'), {
        businessLine: 'credit_card',
        disputeType: 'fee_reduction',
        submittedAt: `${month}-05T10:00:00+08:00`,
        concludedAt: `${month}-20T10:00:00+08:00`,
        outcomes: ['settled', 'settled', 'settled', 'settled', 'not_settled', 'not_settled', 'terminated'],
        n: 7,
        prefix: 'MRB',
      });
      await owner.query('SELECT statistics_rebuild_all()');
    } finally {
      await owner.end();
    }
  });

  afterAll(async () => {
    await stage?.close();
  });

  afterEach(() => stage.afterEach());

  it('downloads last month’s report as PDF and XLSX from the console', async () => {
    const page = await stage.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await stage.signIn(page, 'qd.regulator', '何军');
    await page.goto('/regulator-console');
    const control = page.getByTestId('monthly-report');
    await control.getByText('监管月报').waitFor();
    expect(await control.locator('input').first().inputValue()).toBe(month);
    // Within the first screen, beside the console's filters.
    const box = (await control.boundingBox())!;
    expect(box.y + box.height).toBeLessThan(768);
    await stage.screenshot(page, 'console');

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('monthly-report-pdf').click()]);
    expect(pdf.suggestedFilename()).toBe(`监管月报-${month}.pdf`);
    const text = await pdfText(await readFile((await pdf.path())!));
    expect(text.replace(/\s+/g, '')).toContain(`监管月报${lastMonth.year()}年${lastMonth.month() + 1}月`);
    const screen = (await world.http.get(`/api/v1/statistics/dashboard?from=${month}-01&to=${lastMonth.endOf('month').format('YYYY-MM-DD')}`).set(regulator.auth).expect(200)).body;
    const icbc = screen.rows.find((r: { name: string }) => r.name === '中国工商银行');
    // The screen's figures, withheld ones as "—".
    expect(text).toContain(`中国工商银行 ${icbc.referrals ?? '—'} ${icbc.accepted ?? '—'} ${icbc.concluded ?? '—'} ${icbc.settled ?? '—'}`);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('monthly-report-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe(`监管月报-${month}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await xlsx.path())!)) as unknown as ArrayBuffer);
    const names = [] as unknown[];
    wb.getWorksheet('机构')!.eachRow((row) => names.push(row.getCell(1).value));
    expect(names).toContain('中国工商银行');

    await page.getByTestId('lang-en').click();
    await control.getByText('Monthly report').waitFor();
    await page.getByTestId('monthly-report-pdf').getByText('Download PDF').waitFor();
  });
});
