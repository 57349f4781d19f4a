import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { BrowserStage } from './support/browser-stage';
import type { SignedIn, TestWorld } from './support/test-world';

/**
 * Lists people take away: the case list's XLSX export holds what the screen shows (the first
 * page's rows, in order, masked the same), and the intake queue fits the screen — its last column
 * (调解员 and the time) fully visible at 1440×900 and 1366×768, in Chinese and English.
 */
describe('lists: export and layout', () => {
  let stage: BrowserStage;
  let world: TestWorld;
  let handler: SignedIn;

  beforeAll(async () => {
    stage = await BrowserStage.open('lists');
    world = stage.world;
    handler = await world.signIn('icbc.qd.handler');
    // A few more referrals so the queue has rows with long names and numbers.
    for (let i = 0; i < 3; i++) {
      await world.http
        .post('/api/v1/cases')
        .set(handler.auth)
        .send({
          centerId: world.org('qd-center'),
          businessLine: 'wealth_fund',
          disputeType: 'mis_selling',
          amountFen: 1280000000 + i,
          facts: '理财产品销售误导',
          claims: '退还本金',
          consumer: { name: '欧阳小明', idType: 'resident_id', idNumber: '11010519491231002X', phone: `1391234${String(7000 + i)}` },
          consentGiven: true,
        })
        .expect(201);
    }
  }, 120_000);
  afterAll(async () => {
    await stage?.close();
  });
  afterEach(() => stage.afterEach());

  it('the case list exports what the screen shows, with its filters', async () => {
    const page = await stage.newPage();
    await stage.signIn(page, 'qd.intake', '王芳');
    await page.goto('/cases?status=submitted');
    // Rows only: cells inside carry case-row-* test ids too (the amount).
    const rows = page.locator('tr[data-testid^="case-row-"]');
    await rows.first().waitFor();
    const screen = await rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.split('\n').map((s) => s.trim()));
        return { caseNumber: cells[0][0], consumer: cells[1][0], phone: cells[1][1] };
      }),
    );
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('cases-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^案件_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const values: unknown[][] = [];
    wb.worksheets[0].eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    const [caption, header, ...data] = values;
    expect(String(caption[0])).toContain('status=submitted');
    const col = (h: string) => header.indexOf(h);
    // The first page on screen is the export's first rows, in the same order, masked the same.
    expect(data.slice(0, screen.length).map((r) => ({ caseNumber: r[col('案件编号 Case number')], consumer: r[col('当事人 Consumer')], phone: r[col('手机 Phone')] }))).toEqual(screen);
    expect(data.every((r) => r[col('状态 Status')] === '已提交')).toBe(true);
    await stage.screenshot(page, 'cases-with-export');
  }, 120_000);

  /** The last column's header and cells end inside the viewport and inside the table's own box. */
  async function lastColumnVisible(page: Page): Promise<void> {
    const table = page.locator('.ant-table').first();
    const box = (await table.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    const last = [page.locator('.ant-table-thead th').last(), page.locator('[data-testid^="intake-row-"]').first().locator('td').last()];
    for (const cell of last) {
      const b = (await cell.boundingBox())!;
      expect(b.width).toBeGreaterThan(60);
      expect(b.x + b.width).toBeLessThanOrEqual(Math.min(viewport.width, box.x + box.width) + 1);
      // Not cut off inside the cell either: its text fits or ends in an ellipsis with the full text as a title.
      const overflow = await cell.evaluate((el) => [...el.querySelectorAll('*')].some((c) => c.scrollWidth > (c as HTMLElement).clientWidth + 1 && getComputedStyle(c).textOverflow !== 'ellipsis' && getComputedStyle(c).overflow === 'hidden'));
      expect(overflow).toBe(false);
    }
    // No sideways scrolling of the whole page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
  }

  it.each([
    [1440, 900],
    [1366, 768],
  ])('the intake queue’s last column is fully visible at %i×%i in Chinese and English', async (width, height) => {
    const page = await stage.newPage();
    await page.setViewportSize({ width, height });
    await stage.signIn(page, 'qd.intake', '王芳');
    await page.goto('/intake');
    await page.locator('[data-testid^="intake-row-"]').first().waitFor();
    await page.getByRole('columnheader', { name: /调解员 \/ 更新时间/ }).waitFor();
    await lastColumnVisible(page);
    await stage.screenshot(page, `intake-${width}-zh`);
    await page.getByTestId('lang-en').click();
    await page.getByRole('columnheader', { name: /Mediator \/ Updated/ }).waitFor();
    await lastColumnVisible(page);
    await stage.screenshot(page, `intake-${width}-en`);
    await page.getByTestId('lang-zh-CN').click();
    await stage.closePages();
  }, 120_000);
});
