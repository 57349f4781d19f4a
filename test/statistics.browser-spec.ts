import type { Page } from 'playwright-core';
import { BrowserStage } from './support/browser-stage';
import type { SignedIn, TestWorld } from './support/test-world';

/** 统计分析: the center admin reads the success rate per institution, drawn and tabled, and exports it. */
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
});
