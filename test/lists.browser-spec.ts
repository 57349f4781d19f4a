import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { BrowserStage } from './support/browser-stage';
import { assignedCase } from './support/stories';
import type { SignedIn, TestWorld } from './support/test-world';

/**
 * Lists people take away: each list's XLSX export (cases, schedule, follow-ups, messages) holds
 * what the screen shows (the first page's rows, in order, masked the same; no consumer link token
 * in the message log's file); the intake queue sorts by submission on the server; and it fits
 * the screen — its last column (调解员 and the time) fully visible at 1440×900 and 1366×768, in
 * Chinese and English.
 */
describe('lists: export and layout', () => {
  let stage: BrowserStage;
  let world: TestWorld;
  let handler: SignedIn;
  let intake: SignedIn;
  let token = '';

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
    // Two sessions this week (a consumer link sent for one: its SMS carries a token).
    intake = await world.signIn('qd.intake');
    for (const [i, mediator] of (['qd.mediator', 'qd.mediator2'] as const).entries()) {
      const caseId = await assignedCase(world, { handler, intake }, mediator);
      const startsAt = new Date(Math.ceil((Date.now() + (10 + 20 * i) * 60_000) / 60_000) * 60_000).toISOString();
      const booked = await world.http
        .post(`/api/v1/cases/${caseId}/sessions`)
        .set(intake.auth)
        .send({ channel: 'phone', startsAt, minutes: 15, outsideHoursReason: '测试', participants: [{ role: 'consumer', name: '张小三' }] })
        .expect(201);
      if (i === 0) await world.http.post(`/api/v1/sessions/${booked.body.id}/consumer-link`).set(intake.auth).expect(201);
    }
    const log = (await world.http.get('/api/v1/messages?pageSize=100').set(intake.auth).expect(200)).body.items as { body: string }[];
    token = /\/c\/([A-Za-z0-9_-]{20,64})/.exec(log.map((m) => m.body).join('\n'))![1];
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

  /** Clicks the export button and reads the file: its caption, header and data rows. */
  async function exported(page: Page, testId: string, name: RegExp): Promise<{ caption: string; col: (h: string) => number; data: unknown[][] }> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    expect(download.suggestedFilename()).toMatch(name);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const values: unknown[][] = [];
    wb.worksheets[0].eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    const [caption, header, ...data] = values;
    return { caption: String(caption[0]), col: (h: string) => header.indexOf(h), data };
  }

  it('the schedule, the follow-ups and the message log export what their screens show', async () => {
    const page = await stage.newPage();
    await stage.signIn(page, 'qd.intake', '王芳');

    await page.goto('/schedule');
    const blocks = page.getByTestId('calendar-session');
    await blocks.first().waitFor();
    // The week's blocks, in start order (the grid places them by day and time).
    const shown = await blocks.evaluateAll((els) => els.map((el) => (el as HTMLElement).innerText.split('\n')[0].trim()));
    const sessions = await exported(page, 'schedule-export', /^调解日程_\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(sessions.data.map((r) => r[sessions.col('案件编号 Case number')]).sort()).toEqual([...shown].sort());
    expect(sessions.data.every((r) => r[sessions.col('方式 Channel')] === '电话调解')).toBe(true);
    expect(sessions.caption).toContain('from=');
    await stage.screenshot(page, 'schedule-with-export');

    await page.goto('/follow-ups');
    const answers = page.locator('[data-testid="follow-ups-table"] tbody tr.ant-table-row');
    await answers.first().waitFor();
    const onScreen = await answers.evaluateAll((trs) => trs.map((tr) => (tr.querySelector('td') as HTMLElement).innerText.trim()));
    const followUps = await exported(page, 'follow-ups-export', /^回访评价_\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(followUps.data.slice(0, onScreen.length).map((r) => r[followUps.col('案件编号 Case number')])).toEqual(onScreen);

    await page.goto('/messages?channel=sms');
    const lines = page.locator('[data-testid="messages-table"] tbody tr.ant-table-row');
    await lines.first().waitFor();
    const recipients = await lines.evaluateAll((trs) => trs.map((tr) => (tr.querySelectorAll('td')[3] as HTMLElement).innerText.trim()));
    // The screen shows the link whole (the center's own log); the file does not.
    await page.getByText(token, { exact: false }).first().waitFor();
    const messages = await exported(page, 'messages-export', /^提醒消息_\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(messages.caption).toContain('channel=sms');
    expect(messages.data.slice(0, recipients.length).map((r) => r[messages.col('收件人 Recipient')])).toEqual(recipients);
    expect(messages.data.every((r) => r[messages.col('渠道 Channel')] === '短信')).toBe(true);
    expect(JSON.stringify(messages.data)).not.toContain(token);
    expect(messages.data.some((r) => String(r[messages.col('内容 Body')]).includes('/c/…'))).toBe(true);
    await stage.screenshot(page, 'messages-with-export');
  }, 120_000);

  it('the intake queue sorts by submission on the server: oldest first, newest first on a click', async () => {
    const page = await stage.newPage();
    await stage.signIn(page, 'qd.intake', '王芳');
    await page.goto('/intake');
    const rows = page.locator('tr[data-testid^="intake-row-"]');
    await rows.first().waitFor();
    const numbers = () => rows.evaluateAll((trs) => trs.map((tr) => (tr.querySelector('td') as HTMLElement).innerText.split('\n')[0].trim()));
    const api = async (sort: string) =>
      ((await world.http.get(`/api/v1/cases?view=intake&pageSize=100${sort}`).set(intake.auth).expect(200)).body.items as { caseNumber: string }[]).map((c) => c.caseNumber);
    const oldest = await api('');
    const first = await numbers();
    expect(first).toEqual(oldest.slice(0, first.length));
    const header = page.getByRole('columnheader', { name: /调解员 \/ 提交时间/ });
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await header.click();
    await page.waitForURL(/sort=-submittedAt/);
    const newest = await api('&sort=-submittedAt');
    expect(newest).toEqual([...oldest].reverse());
    await page.waitForFunction((n) => document.querySelector('tr[data-testid^="intake-row-"] td')?.textContent?.startsWith(n), newest[0]);
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const after = await numbers();
    expect(after).toEqual(newest.slice(0, after.length));
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
    // The time limits stay in view, not under the pinned last column, and each tag inside its cell.
    const clocks = (await page.getByRole('columnheader', { name: /^(时限|Time limits)$/ }).boundingBox())!;
    const pinned = (await last[0].boundingBox())!;
    expect(clocks.x + clocks.width).toBeLessThanOrEqual(pinned.x + 1);
    const overhangs = await page.locator('[data-testid^="intake-row-"] [data-testid^="clock-"]').evaluateAll((tags) =>
      tags.map((tag) => tag.getBoundingClientRect().right - tag.closest('td')!.getBoundingClientRect().right),
    );
    expect(overhangs.length).toBeGreaterThan(0);
    expect(Math.max(...overhangs)).toBeLessThanOrEqual(0);
  }

  it.each([
    [1440, 900],
    [1366, 768],
    [1280, 800],
  ])('the intake queue’s last column and time limits are fully visible at %i×%i in Chinese and English', async (width, height) => {
    const page = await stage.newPage();
    await page.setViewportSize({ width, height });
    await stage.signIn(page, 'qd.intake', '王芳');
    await page.goto('/intake');
    await page.locator('[data-testid^="intake-row-"]').first().waitFor();
    await page.getByRole('columnheader', { name: /调解员 \/ 提交时间/ }).waitFor();
    await lastColumnVisible(page);
    await stage.screenshot(page, `intake-${width}-zh`);
    await page.getByTestId('lang-en').click();
    await page.getByRole('columnheader', { name: /Mediator \/ Submitted/ }).waitFor();
    await lastColumnVisible(page);
    await stage.screenshot(page, `intake-${width}-en`);
    await page.getByTestId('lang-zh-CN').click();
    await stage.closePages();
  }, 120_000);
});
