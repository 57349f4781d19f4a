import type { Page } from 'playwright-core';
import { BrowserStage } from './support/browser-stage';
import type { TestWorld } from './support/test-world';

/**
 * 红黑榜 on the demo data: the center admin opens the page from the menu, sees that nothing
 * reaches the default minimum, lowers it with one click and reads the red and the black list,
 * at 1366×768, in Chinese and in English.
 */
describe('rankings page in the browser', () => {
  let stage: BrowserStage;
  let world: TestWorld;

  beforeAll(async () => {
    stage = await BrowserStage.open('rankings');
    world = stage.world;
  });

  afterAll(async () => {
    await stage?.close();
  });

  afterEach(() => stage.afterEach());

  it('shows the center admin the red and black lists, the figures behind them and the definition', async () => {
    const page: Page = await stage.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await stage.signIn(page, 'qd.admin', '刘洋');
    await page.getByTestId('nav-rankings').click();
    await page.waitForURL((url) => url.pathname === '/rankings');
    await page.getByTestId('rankings-formula').filter({ hasText: '综合得分 = 100 ×（0.5 × 调解成功率 + 0.3 × 办结速度 + 0.2 ×（1 − 超时限率））' }).waitFor();
    // The demo's few concluded cases: none reaches 10, both banks are listed apart.
    await page.getByTestId('rankings-none').waitFor();
    await page.getByTestId('rankings-unranked').getByText('中国工商银行', { exact: false }).waitFor();
    await stage.screenshot(page, 'none');
    await page.getByTestId('rankings-lower-min').click();
    await page.waitForURL((url) => url.searchParams.get('min') === '3');
    const red = page.getByTestId('rankings-red');
    const black = page.getByTestId('rankings-black');
    await red.getByText('中国工商银行').waitFor();
    await black.getByText('青岛银行').waitFor();
    // 中国工商银行: 4 settled of 5; 青岛银行: 1 of 3 (its withdrawal left out).
    expect(await red.locator('tbody tr').first().innerText()).toContain('80.0%');
    expect(await black.locator('tbody tr').first().innerText()).toContain('33.3%');
    expect(await red.getByText('青岛银行').count()).toBe(0);
    // The scores on screen are the API's.
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const from = `${Number(month.slice(0, 4)) - (month.slice(5) === '12' ? 0 : 1)}-${String(((Number(month.slice(5)) + 0) % 12) + 1).padStart(2, '0')}`;
    const admin = await world.signIn('qd.admin');
    const api = (await world.http.get(`/api/v1/statistics/rankings?from=${from}&to=${month}&min=3`).set(admin.auth).expect(200)).body;
    expect(await red.locator('tbody tr').first().innerText()).toContain(api.red[0].score.toFixed(1));
    expect(await black.locator('tbody tr').first().innerText()).toContain(api.black[0].score.toFixed(1));
    // The breach rate is in the composite and beside each unit.
    await page.getByTestId('rankings-definitions').getByText('超时限率 = 期间内办结的案件（含撤回）中错过时限的件数').waitFor();
    expect(await red.locator('thead').innerText()).toContain('超时限率');
    expect(await red.locator('tbody tr').first().innerText()).toContain(`${(api.red[0].breachRate * 100).toFixed(1)}%`);
    await stage.screenshot(page, 'center');

    // No sideways scrolling at 1366 wide.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);

    await page.getByTestId('lang-en').click();
    await red.getByText('Red list (top 5)').waitFor();
    await page.getByTestId('rankings-formula').filter({ hasText: 'Score = 100 × (0.5 × success rate + 0.3 × speed + 0.2 × (1 − breach rate))' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await stage.screenshot(page, 'center-en');
    await page.getByTestId('lang-zh-CN').click();
  });

  it('lets a bank rank its outlets within its subtree', async () => {
    const page: Page = await stage.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await stage.signIn(page, 'icbc.admin', '孙丽');
    await page.goto('/rankings?min=1&level=outlet');
    // 香港中路网点: 2 settled, 1 not; 中山路网点: 2 settled.
    await page.getByTestId('rankings-red').getByText('中山路网点').waitFor();
    await page.getByTestId('rankings-black').getByText('香港中路网点').waitFor();
    await stage.screenshot(page, 'bank-outlets');
  });

  it('gives a regulator its jurisdiction, the small counts of the units apart withheld', async () => {
    const page: Page = await stage.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await stage.signIn(page, 'qd.regulator', '何军');
    await page.getByTestId('nav-rankings').click();
    await page.waitForURL((url) => url.pathname === '/rankings');
    await page.getByTestId('rankings-min').fill('5');
    await page.getByTestId('rankings-min').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('min') === '5');
    // 中国工商银行 has 5 rated conclusions; 青岛银行 3, shown to a regulator as “<5”.
    await page.getByTestId('rankings-red').getByText('中国工商银行').waitFor();
    await page.getByTestId('rankings-unranked').getByText('青岛银行（<5 件）').waitFor();
    await page.getByTestId('rankings-definitions').getByText('少于 5 件的计数不予显示', { exact: false }).waitFor();
    await stage.screenshot(page, 'regulator');
  });
});
