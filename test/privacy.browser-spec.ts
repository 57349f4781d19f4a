import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { BrowserStage } from './support/browser-stage';
import { eventually, type TestWorld } from './support/test-world';

/**
 * The audit trail and personal data as people meet them: a center admin filters the center's
 * audit log and exports it (1366×768, Chinese and English), sets how long closed cases' personal
 * data is kept, and a consumer downloads their copy of their data under their link's page (phone).
 */
describe('audit log and personal data in the browser', () => {
  let stage: BrowserStage;
  let world: TestWorld;
  let owner: Client;

  beforeAll(async () => {
    stage = await BrowserStage.open('privacy');
    world = stage.world;
    owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
  }, 120000);
  afterAll(async () => {
    await owner?.end();
    await stage?.close();
  });
  afterEach(() => stage.afterEach());

  it('a center admin filters the audit log, sees who did what from where, and exports it', async () => {
    // Something in the center's trail besides sign-ins: the intake officer reads a consumer's identity.
    const intake = await world.signIn('qd.intake');
    const { rows } = await owner.query<{ id: string }>(`SELECT id FROM cases WHERE center_id = $1 AND status <> 'draft' LIMIT 1`, [world.org('qd-center')]);
    await world.http.get(`/api/v1/cases/${rows[0].id}/consumer`).set(intake.auth).set('User-Agent', 'Intake-Desk/1.0').expect(200);

    const page = await stage.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await stage.signIn(page, 'qd.admin', '刘洋');
    await page.getByTestId('nav-audit').click();
    await page.waitForURL((url) => url.pathname === '/audit');
    await page.getByTestId('audit-action').locator('input').fill('case.');
    await page.getByTestId('audit-action').locator('input').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('action') === 'case.');
    const row = page.locator('tbody tr').filter({ hasText: 'case.consumer-viewed' });
    await row.waitFor();
    expect(await row.textContent()).toContain('王芳');
    expect(await row.textContent()).toContain('127.0.0.1');
    // The filtered page replaces the unfiltered one once its request answers (the table keeps the old rows meanwhile).
    await eventually(async () => (await page.locator('tbody tr').filter({ hasText: 'auth.sign-in' }).count()) === 0);
    // The whole table fits the width: no horizontal page scroll at 1366.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await stage.screenshot(page, 'audit-zh');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^审计日志_\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(readFileSync((await download.path())!).subarray(0, 2).toString()).toBe('PK');

    await page.getByTestId('lang-en').click();
    await page.getByText('Export XLSX').waitFor();
    await stage.screenshot(page, 'audit-en');
  });

  it('a center admin sets the retention period of closed cases’ personal data', async () => {
    const page = await stage.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await stage.signIn(page, 'qd.admin', '刘洋');
    await page.goto('/mediation-method');
    const card = page.getByTestId('retention-card');
    await card.getByText('个人信息保存期限').waitFor();
    expect(await page.getByTestId('retention-months').inputValue()).toBe('36');
    await page.getByTestId('retention-months').fill('24');
    await card.getByText('约 2 年').waitFor();
    await page.getByTestId('retention-save').click();
    await page.getByText('保存期限已更新').waitFor();
    await stage.screenshot(page, 'retention');
    expect((await world.http.get('/api/v1/case-settings').set((await world.signIn('qd.admin')).auth)).body.closedRetentionMonths).toBe(24);
  });

  it('a consumer downloads their copy of their data from their link’s page', async () => {
    const { rows } = await owner.query<{ id: string }>(`SELECT id FROM cases WHERE center_id = $1 AND status <> 'draft' ORDER BY case_number LIMIT 1`, [world.org('qd-center')]);
    const token = randomBytes(24).toString('base64url');
    const access = randomBytes(24).toString('base64url');
    const sha = (s: string) => createHash('sha256').update(s).digest();
    await owner.query(
      `INSERT INTO consumer_links (case_id, purpose, center_id, token_hash, access_hash, access_expires_at, expires_at)
       SELECT id, 'survey', center_id, $2, $3, now() + interval '30 minutes', now() + interval '7 days' FROM cases WHERE id = $1`,
      [rows[0].id, sha(token), sha(access)],
    );
    const phone = await stage.newPage({ phone: true });
    // As after entering the one-time code (that step is the consumer page's own test).
    await phone.goto(`/c/${token}`);
    await phone.evaluate(
      ([t, a]) => sessionStorage.setItem(`accord.consumer.${t}`, JSON.stringify({ accessToken: a, expiresAt: new Date(Date.now() + 1_800_000).toISOString(), purpose: 'survey' })),
      [token, access],
    );
    await phone.reload();
    const card = phone.getByTestId('consumer-my-data');
    await card.getByText('我的个人信息').waitFor();
    const [download] = await Promise.all([phone.waitForEvent('download'), phone.getByTestId('consumer-my-data-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^个人信息副本_QD-.*\.pdf$/);
    expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    await stage.screenshot(phone, 'consumer-my-data');
  });
});
