import dayjs from 'dayjs';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { BrowserStage } from './support/browser-stage';
import { cloneCases } from './support/cloned-cases';
import { eventually, type SignedIn, type TestWorld } from './support/test-world';

/**
 * 监管驾驶舱: a regulator analyst opens the console from its menu at 1366×768 and reads its
 * jurisdiction's totals, the trend lines and the heat map, each with its 口径, in Chinese and English.
 */
describe('regulator console in the browser', () => {
  let stage: BrowserStage;
  let world: TestWorld;
  let regulator: SignedIn;

  beforeAll(async () => {
    stage = await BrowserStage.open('regulator-console');
    world = stage.world;
    regulator = await world.signIn('qd.regulator');
    // Enough cases in the last three months for figures above the small-cell threshold.
    const owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    try {
      const thisMonth = dayjs(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7) + '-01');
      for (const back of [1, 2, 3]) {
        const m = thisMonth.subtract(back, 'month').format('YYYY-MM');
        await cloneCases(owner, world.org('icbc'), {
          businessLine: 'credit_card',
          disputeType: 'fee_reduction',
          submittedAt: `${m}-05T10:00:00+08:00`,
          concludedAt: `${m}-20T10:00:00+08:00`,
          outcomes: ['settled', 'settled', 'settled', 'not_settled', 'not_settled', 'settled', back === 1 ? 'settled' : 'terminated'],
          n: 5 + back,
          prefix: `RC${back}`,
        });
        await cloneCases(owner, world.org('qdbank'), { businessLine: 'personal_loan', disputeType: 'repayment_negotiation', submittedAt: `${m}-08T10:00:00+08:00`, n: 6, prefix: `RQ${back}` });
        // Beside each other's lines too, so that no column has one small cell alone (its complement would be withheld).
        await cloneCases(owner, world.org('qdbank'), { businessLine: 'credit_card', disputeType: 'fee_reduction', submittedAt: `${m}-09T10:00:00+08:00`, n: 2, prefix: `RQC${back}` });
        await cloneCases(owner, world.org('icbc'), { businessLine: 'personal_loan', disputeType: 'fee_reduction', submittedAt: `${m}-09T10:00:00+08:00`, n: 2, prefix: `RCP${back}` });
      }
      await owner.query('SELECT statistics_rebuild_all()');
    } finally {
      await owner.end();
    }
  });

  afterAll(async () => {
    await stage?.close();
  });

  afterEach(() => stage.afterEach());

  it('shows the overview, the trend chart and the heat map with their definitions, in both languages', async () => {
    const trends = (await world.http.get('/api/v1/statistics/trends').set(regulator.auth).expect(200)).body;
    const heat = (await world.http.get('/api/v1/statistics/heat-map').set(regulator.auth).expect(200)).body;
    // The demo's QD cases: both QD banks have a line and a heat-map row; the SH bank none.
    expect(trends.lines.map((l: { id: string }) => l.id).sort()).toEqual([world.org('icbc'), world.org('qdbank')].sort());
    expect(heat.institutions.map((i: { name: string }) => i.name)).not.toContain('招商银行');
    expect(heat.cells).toContainEqual(expect.objectContaining({ institutionId: world.org('qdbank'), businessLine: 'personal_loan', referrals: expect.any(Number) }));
    const dashboard = (await world.http.get(`/api/v1/statistics/dashboard?from=${trends.from}-01&to=${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)}`).set(regulator.auth).expect(200)).body;

    const page: Page = await stage.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await stage.signIn(page, 'qd.regulator', '何军');
    await page.getByTestId('nav-regulator-console').click();
    await page.waitForURL((url) => url.pathname === '/regulator-console');
    await page.locator('[data-testid="console-trend-chart"] canvas').first().waitFor();
    await page.locator('[data-testid="console-heat-map"] canvas').first().waitFor();
    const overview = page.getByTestId('console-overview');
    await overview.getByText(String(dashboard.total.referrals ?? '—'), { exact: true }).first().waitFor();
    await page.getByTestId('console-privacy').filter({ hasText: '1–4 件的计数' }).waitFor();
    // The 红黑榜 card names the period its figures cover: up to today, not to the current month's last day.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const rankings = page.getByTestId('console-rankings');
    await rankings.getByText('红黑榜（所选期间）').waitFor();
    const period = /红黑榜（(\d{4}-\d{2}-\d{2}) 至 (\d{4}-\d{2}-\d{2})/.exec(await rankings.getByTestId('ranking-ends').innerText());
    expect(period?.[2]).toBe(today);
    // 机构对比: every institution of the jurisdiction side by side, the same figures as the API's, sortable by any column.
    const table = page.getByTestId('console-institutions-table');
    const names = () => table.locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
    /** Waits until the table lists the names in this order. */
    const listed = (order: string[]) => eventually(async () => JSON.stringify(await names()) === JSON.stringify(order));
    await table.getByText('青岛银行', { exact: true }).waitFor();
    type Row = { name: string; referrals: number | null; concluded: number | null; withheld?: string[] };
    const apiRows = dashboard.rows as Row[];
    expect((await names()).sort()).toEqual(apiRows.map((r) => r.name).sort());
    const byReferrals = [...apiRows].sort((a, b) => (b.referrals ?? -1) - (a.referrals ?? -1)).map((r) => r.name);
    const header = (text: string) => table.locator('thead th').filter({ hasText: text }).first();
    await header('调解申请').click();
    await listed(byReferrals);
    await header('调解申请').click();
    // Ascending: the smallest first, a withheld figure still last.
    const ascending = [...apiRows].sort((a, b) => (a.referrals ?? Infinity) - (b.referrals ?? Infinity)).map((r) => r.name);
    await listed(ascending);
    // Every header states its 口径.
    await page.getByTestId('institutions-head-breached').first().hover();
    await page.getByText('超时限：期间内办结的案件中，至少错过一项时限的件数').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await page.getByTestId('console-institutions').scrollIntoViewIfNeeded();
    await stage.screenshot(page, 'institutions');

    // The lines drawn are named in the picker: both banks.
    await page.getByTestId('console-pick').getByText('中国工商银行').waitFor();
    await page.getByTestId('console-pick').getByText('青岛银行').waitFor();
    // Hovering last month shows each bank's referrals with their month-over-month and year-over-year change.
    const chart = page.getByTestId('console-trend-chart');
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    const slot = (box.width - 48 - 24) / trends.months.length;
    await page.mouse.move(box.x + 48 + (trends.months.length - 1.5) * slot, box.y + box.height / 2);
    const icbcLast = trends.lines.find((l: { id: string }) => l.id === world.org('icbc')).points.at(-2);
    const tooltip = chart.locator('div').filter({ hasText: '环比' }).last();
    await tooltip.waitFor();
    expect(await tooltip.innerText()).toContain(`中国工商银行：${icbcLast.referrals ?? '—'}`);
    expect(await tooltip.innerText()).toContain('同比');
    expect(await tooltip.innerText()).toContain(trends.months.at(-2));
    // The trend's 口径 opens beside its chart.
    await page.getByTestId('console-trend-definitions').hover();
    await page.getByText('调解成功率 = 调解成功 ÷（调解成功 + 未成功 + 终止），以办结月份计').waitFor();
    // The trend chart fits the first screen's width: no sideways scrolling at 1366.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await stage.screenshot(page, 'zh');

    // A business line: the counts that exist by business line, the rest not available, said above the table.
    await page.getByTestId('console-business-line').click();
    await page.locator('.ant-select-dropdown:visible').getByText('个人贷款', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('line') === 'personal_loan');
    await page.getByTestId('console-institutions-line-note').waitFor();
    await table.getByTestId('institutions-na-breached').first().waitFor();
    const lineRows = (await world.http.get(`/api/v1/statistics/dashboard?from=${trends.from}-01&to=${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)}&businessLine=personal_loan`).set(regulator.auth).expect(200)).body;
    expect((await names()).sort()).toEqual(lineRows.rows.map((r: Row) => r.name).sort());
    await stage.screenshot(page, 'institutions-line');
    await page.getByTestId('console-business-line').click();
    await page.locator('.ant-select-dropdown:visible').getByText('全部业务类别', { exact: true }).click();
    await page.waitForURL((url) => !url.searchParams.has('line'));

    // By business line: the lines are the demo's business lines, named.
    await page.getByTestId('console-by').getByText('按业务类别').click();
    await page.waitForURL((url) => url.searchParams.get('by') === 'businessLine');
    await page.getByTestId('console-pick').getByText('信用卡').waitFor();

    await page.getByTestId('lang-en').click();
    await page.getByText('Monthly trends').waitFor();
    await page.getByText('Business line × institution heat map').waitFor();
    await page.getByTestId('console-privacy').filter({ hasText: 'counts of 1–4' }).waitFor();
    await page.getByTestId('console-pick').getByText('Credit card').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await stage.screenshot(page, 'en');
    await page.getByTestId('lang-zh-CN').click();
  });

  it("starts a regulator's day on its home page: the year's headline figures as the dashboard counts them, the 红黑榜's ends and the open warnings", async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const year = (await world.http.get(`/api/v1/statistics/dashboard?from=${today.slice(0, 4)}-01-01&to=${today}`).set(regulator.auth).expect(200)).body;
    const page: Page = await stage.newPage();
    await stage.signIn(page, 'qd.regulator', '何军');
    const glance = page.getByTestId('home-jurisdiction');
    await glance.getByText(`${today.slice(0, 4)} 年辖区概览`).waitFor();
    await eventually(async () => (await glance.innerText()).includes(String(year.total.referrals ?? '—')));
    await page.getByTestId('console-warnings').waitFor();
    await glance.getByText('进入监管驾驶舱 →').click();
    await page.waitForURL((url) => url.pathname === '/regulator-console');
    await page.goto('/');
    await stage.screenshot(page, 'home-regulator');
  });

  it('is not in the menu of a center or a bank', async () => {
    const page: Page = await stage.newPage();
    await stage.signIn(page, 'qd.admin', '刘洋');
    await page.getByTestId('nav-statistics').waitFor();
    expect(await page.getByTestId('nav-regulator-console').count()).toBe(0);
  });
});
