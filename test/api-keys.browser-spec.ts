import type { Page } from 'playwright-core';
import { BrowserStage } from './support/browser-stage';

/** An institution admin gives a bank system's API key its quota per minute, and changes it later. */
describe('API keys in a browser', () => {
  let stage: BrowserStage;
  beforeAll(async () => {
    stage = await BrowserStage.open('api-keys');
  });
  afterEach(() => stage.afterEach());
  afterAll(() => stage.close());

  const rateOf = (page: Page, name: string) => page.getByRole('row').filter({ hasText: name }).getByTestId('api-key-rate');

  it('creates a key with a quota, then raises it; the table shows it (1366 wide)', async () => {
    const page = await stage.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await stage.signIn(page, 'icbc.admin', '孙丽');
    await page.goto('/api-keys');
    await page.getByTestId('api-key-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('核心系统对接');
    await dialog.getByRole('spinbutton').fill('120');
    await dialog.getByRole('button', { name: /提\s?交/ }).click();
    await page.getByTestId('api-key-saved').click();
    await rateOf(page, '核心系统对接').filter({ hasText: '120 次/分钟' }).waitFor();

    await page.getByRole('row').filter({ hasText: '核心系统对接' }).getByRole('button', { name: '修改限额' }).click();
    const edit = page.getByRole('dialog').filter({ hasText: '修改限额' });
    await edit.getByRole('spinbutton').fill('300');
    await edit.getByRole('button', { name: /提\s?交/ }).click();
    await rateOf(page, '核心系统对接').filter({ hasText: '300 次/分钟' }).waitFor();
    await stage.screenshot(page, 'quota-1366');
    const keys = (await stage.world.http.get('/api/v1/api-keys').set((await stage.world.signIn('icbc.admin')).auth)).body.items;
    expect(keys.find((k: { name: string }) => k.name === '核心系统对接').ratePerMinute).toBe(300);
  });
});
