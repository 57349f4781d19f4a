import dayjs from 'dayjs';
import type { Page } from 'playwright-core';
import { BrowserStage } from './support/browser-stage';
import { eventually, type SignedIn, type TestWorld } from './support/test-world';

/**
 * 统计分析: the center admin reads the success rate per institution, drawn and tabled, and exports
 * it; a head office drills down its branch tree to the outlets and back up; a regulator reads every
 * institution's rate, small cells withheld as "—" with the reason on hover and below the table.
 */
describe('statistics dashboard in the browser', () => {
  let stage: BrowserStage;
  let world: TestWorld;
  let admin: SignedIn;

  beforeAll(async () => {
    stage = await BrowserStage.open('statistics');
    world = stage.world;
    admin = await world.signIn('qd.admin');
  });

  afterAll(async () => {
    await stage?.close();
  });

  afterEach(() => stage.afterEach());

  it('shows the definition, the chart and the rate in the table, and exports XLSX', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const expected = await world.http.get(`/api/v1/statistics/dashboard?from=${today.slice(0, 4)}-01-01&to=${today}`).set(admin.auth).expect(200);
    const rate = expected.body.total.successRate as number | null;

    const page: Page = await stage.newPage();
    await stage.signIn(page, 'qd.admin', '刘洋');
    await page.getByTestId('nav-statistics').click();
    await page.waitForURL((url) => url.pathname === '/statistics');
    await page.getByTestId('statistics-definition').filter({ hasText: '调解成功率 = 调解成功 ÷（调解成功 + 未成功 + 终止）' }).waitFor();
    await page.locator('[data-testid="statistics-chart"] canvas').first().waitFor();
    const shown = await page.getByTestId('statistics-total-successRate').innerText();
    expect(shown).toBe(rate === null ? '—' : `${(rate * 100).toFixed(2)}%`);
    await page.getByTestId('statistics-table').getByText('中国工商银行').first().waitFor();
    await stage.screenshot(page, 'statistics-dashboard');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statistics-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it('lets a head office click down to the outlets and go back up by the breadcrumb, the branch kept in the URL', async () => {
    const bank = await world.signIn('icbc.admin');
    const branch = (key: string) => world.ids.branches[key];
    // 近 12 个月 (as the page counts it) always holds the demo's cases of the last two months.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const last12From = dayjs(today).subtract(12, 'month').add(1, 'day').format('YYYY-MM-DD');
    const expected = (await world.http.get(`/api/v1/statistics/dashboard?from=${last12From}&to=${today}&branchId=${branch('icbc-qd-sn')}`).set(bank.auth).expect(200)).body;
    const outlet = expected.rows.find((r: { id: string }) => r.id === branch('icbc-qd-xgzl'));
    expect(outlet.referrals).toBeGreaterThan(0);

    const page: Page = await stage.newPage();
    await stage.signIn(page, 'icbc.admin', '孙丽');
    await page.goto('/statistics');
    await page.getByText('近 12 个月', { exact: true }).click();
    const table = page.getByTestId('statistics-table');
    const row = (key: string) => table.locator(`tr[data-row-key="${branch(key)}"]`);
    const crumbs = page.getByTestId('statistics-breadcrumb');
    const at = (key?: string) => page.waitForURL((url) => url.pathname === '/statistics' && url.searchParams.get('branch') === (key ? branch(key) : null));

    // The head office's level: 青岛分行 has branches below it and opens on a click of its row.
    await crumbs.getByText('中国工商银行总行').waitFor();
    await row('icbc-qd').click();
    await at('icbc-qd');
    await crumbs.getByText('青岛分行').waitFor();
    await row('icbc-qd-ls').waitFor();
    await stage.screenshot(page, 'statistics-drill-branch');
    // The sub-branch by its link, down to its outlets, which open nothing further.
    await page.getByTestId(`statistics-open-${branch('icbc-qd-sn')}`).click();
    await at('icbc-qd-sn');
    await row('icbc-qd-xgzl').waitFor();
    expect(await row('icbc-qd-xgzl').locator('td').nth(1).innerText()).toBe(String(outlet.referrals));
    expect(await page.getByTestId('statistics-total-referrals').innerText()).toBe(String(expected.total.referrals));
    expect(await row('icbc-qd-zsl').locator('a').count()).toBe(0);
    expect((await crumbs.innerText()).replace(/\s+/g, '')).toBe('中国工商银行总行/青岛分行/青岛市南支行');
    await stage.screenshot(page, 'statistics-drill-down');

    // A reload stays at the branch, and in the period chosen.
    expect(new URL(page.url()).searchParams.get('period')).toBe('last12');
    await page.reload();
    await crumbs.getByText('青岛市南支行').waitFor();
    await row('icbc-qd-xgzl').waitFor();
    expect(await page.getByTestId('statistics-period').locator('.ant-segmented-item-selected').innerText()).toBe('近 12 个月');
    expect(await row('icbc-qd-xgzl').locator('td').nth(1).innerText()).toBe(String(outlet.referrals));

    // Back up, one level and then to the top; the browser's back button retraces the steps.
    await crumbs.getByRole('link', { name: '青岛分行' }).click();
    await at('icbc-qd');
    await row('icbc-qd-sn').waitFor();
    await crumbs.getByRole('link', { name: '中国工商银行总行' }).click();
    await at();
    await row('icbc-sh').waitFor();
    expect(await crumbs.getByRole('link').count()).toBe(0);
    await page.goBack();
    await at('icbc-qd');
    await row('icbc-qd-ls').waitFor();

    // A link to another bank's branch says so, in Chinese, and leads back to the bank's own top.
    await page.goto(`/statistics?branch=${branch('qdbank-ho')}`);
    await page.getByRole('alert').filter({ hasText: '找不到该网点' }).waitFor();
    await page.getByTestId('statistics-back-to-root').click();
    await at();
    await row('icbc-qd').waitFor();
  });

  it("shows a regulator each institution's success rate, withheld cells as — with the reason, in both languages", async () => {
    const regulator = await world.signIn('qd.regulator');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const expected = (await world.http.get(`/api/v1/statistics/dashboard?from=${today.slice(0, 4)}-01-01&to=${today}`).set(regulator.auth).expect(200)).body;
    type Row = { id: string; referrals: number | null; successRate: number | null; withheld: string[] };
    // The demo jurisdiction has institutions with enough cases for a rate, and small cells to withhold.
    expect(expected.rows.filter((r: Row) => r.successRate !== null).length).toBeGreaterThan(0);
    const withheld = [...expected.rows, expected.total].reduce((n: number, r: Row) => n + r.withheld.length, 0);
    expect(withheld).toBeGreaterThan(0);

    const page: Page = await stage.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await stage.signIn(page, 'qd.regulator', '何军');
    await page.goto('/statistics');
    const table = page.getByTestId('statistics-table');
    for (const r of expected.rows as Row[]) {
      const rate = table.locator(`tr[data-row-key="${r.id}"] td`).nth(8);
      expect(await rate.innerText()).toBe(r.successRate === null ? '—' : `${(r.successRate * 100).toFixed(2)}%`);
    }
    expect(await page.getByTestId('statistics-total-successRate').innerText()).toBe(`${(expected.total.successRate * 100).toFixed(2)}%`);
    // Every withheld cell, the total row's included, is marked; none reads "<5".
    expect(await page.locator('.statistics-withheld').count()).toBe(withheld);
    expect(await page.locator('main').innerText()).not.toContain('<5');
    await page.locator('.statistics-withheld').first().hover();
    await page.getByRole('tooltip').filter({ hasText: '少于5件，为保护个人信息不予显示' }).waitFor();
    await page.getByTestId('statistics-withheld-legend').filter({ hasText: '少于5件，为保护个人信息不予显示' }).waitFor();
    // The other 口径 fold away so the figures stay above the fold; opened, they include the privacy rule.
    expect(await page.getByTestId('statistics-definition').innerText()).not.toContain('比率、中位数、平均值和金额');
    await page.getByTestId('statistics-definitions-toggle').click();
    await page.getByTestId('statistics-definition').filter({ hasText: '比率、中位数、平均值和金额在其所依据的案件少于 5 件时不予显示' }).waitFor();
    // Every column sorts: referrals descending puts the largest first.
    await table.locator('th').filter({ hasText: '调解申请' }).first().click();
    const byReferrals = [...(expected.rows as Row[])].sort((a, b) => (b.referrals ?? -1) - (a.referrals ?? -1));
    await eventually(async () => (await table.locator('tbody tr[data-row-key]').first().getAttribute('data-row-key')) === byReferrals[0].id);
    await page.locator('[data-testid="statistics-chart"] canvas').first().waitFor();
    await stage.screenshot(page, 'statistics-regulator');

    await page.evaluate(() => localStorage.setItem('accord.locale', 'en'));
    await page.reload();
    await page.getByTestId('statistics-withheld-legend').filter({ hasText: 'fewer than 5 cases, withheld to protect privacy' }).waitFor();
    await page.locator('.statistics-withheld').first().hover();
    await page.getByRole('tooltip').filter({ hasText: 'Fewer than 5 cases, withheld to protect privacy' }).waitFor();
    await stage.screenshot(page, 'statistics-regulator-en');
    await page.evaluate(() => localStorage.removeItem('accord.locale'));
  });
});
