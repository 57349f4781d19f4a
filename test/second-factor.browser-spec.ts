import { generate } from 'otplib';
import { BrowserStage } from './support/browser-stage';

const PERIOD = 30;
/** Waits until at least 8 s remain in the current 30 s step, so a code typed now is still current when it arrives. */
async function steadyStep(): Promise<number> {
  const left = PERIOD - ((Date.now() / 1000) % PERIOD);
  if (left < 8) await new Promise((r) => setTimeout(r, left * 1000 + 200));
  return Math.floor(Date.now() / 1000);
}

/**
 * A center admin turns on two-step verification on 安全设置 (QR code, first code, recovery codes),
 * signs out, signs in again with password then code, and a wrong code is refused on the way.
 * Screenshots test-results/second-factor-*.png.
 */
describe('second factor in the browser', () => {
  let stage: BrowserStage;
  beforeAll(async () => {
    stage = await BrowserStage.open('second-factor');
  });
  afterEach(() => stage.afterEach());
  afterAll(() => stage.close());

  it('a center admin enrols TOTP, signs out, signs in with the code, and is refused with a wrong one', async () => {
    const page = await stage.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await stage.signIn(page, 'qd.admin', '刘洋');
    await page.getByTestId('nav-security').click();
    await page.getByRole('heading', { name: '安全设置' }).waitFor();
    expect(await page.getByTestId('second-factor-state').innerText()).toBe('未启用');
    await page.getByTestId('second-factor-enrol').click();
    await page.getByTestId('second-factor-qr').waitFor();
    const secret = (await page.getByTestId('second-factor-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await stage.screenshot(page, 'enrol');

    let now = await steadyStep();
    await page.getByTestId('second-factor-code').fill(await generate({ secret, epoch: now - PERIOD }));
    await page.getByTestId('second-factor-submit').click();
    await page.getByTestId('recovery-code').first().waitFor();
    expect(await page.getByTestId('recovery-code').count()).toBe(10);
    await stage.screenshot(page, 'recovery-codes');
    await page.getByTestId('recovery-codes-saved').click();
    await page.getByTestId('second-factor-state').filter({ hasText: '已启用' }).waitFor();

    await page.getByTestId('sign-out').click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByLabel('用户名', { exact: true }).fill('qd.admin');
    await page.getByLabel('密码', { exact: true }).fill('Accord-demo-2026');
    await page.getByRole('button', { name: /^登\s?录$/ }).click();
    await page.getByTestId('second-factor-code').waitFor();

    now = await steadyStep();
    const right = await generate({ secret, epoch: now });
    const wrong = String((Number(right) + 500000) % 1000000).padStart(6, '0');
    await page.getByTestId('second-factor-code').fill(wrong);
    await page.getByTestId('second-factor-submit').click();
    await page.getByRole('alert').filter({ hasText: /动态码|code/ }).first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await stage.screenshot(page, 'wrong-code');

    await page.getByTestId('second-factor-code').fill(right);
    await page.getByTestId('second-factor-submit').click();
    // Back where the sign-out happened (the sign-in page remembers it), signed in.
    await page.waitForURL((url) => url.pathname === '/account/security');
    await page.getByTestId('user-name').filter({ hasText: '刘洋' }).waitFor();
    await page.getByTestId('second-factor-state').filter({ hasText: '已启用' }).waitFor();
    await stage.screenshot(page, 'security-page');
  });
});
