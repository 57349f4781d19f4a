import type { Page } from 'playwright-core';
import { BrowserStage } from './support/browser-stage';
import type { SignedIn, TestWorld } from './support/test-world';

/**
 * The bell and the inbox in the browser: a complaint handler reading the case list learns, without
 * reloading, that the center returned a case asking for a refund receipt; the count survives a
 * reload; opening the notification opens the case and reads it; the inbox lists it, in Chinese
 * and in English (the text comes from message keys, not the stored Chinese); the security
 * settings choose the language of the e-mail copies.
 */
describe('notifications in the browser', () => {
  let stage: BrowserStage;
  let world: TestWorld;
  let handler: SignedIn;
  let intake: SignedIn;

  beforeAll(async () => {
    stage = await BrowserStage.open('notifications');
    world = stage.world;
    await world.startWorker();
    [handler, intake] = await Promise.all([world.signIn('icbc.qd.handler'), world.signIn('qd.intake')]);
  }, 120000);

  afterAll(async () => {
    await stage?.close();
  });

  afterEach(() => stage.afterEach());

  const referral = () => ({
    centerId: world.org('qd-center'),
    businessLine: 'credit_card',
    disputeType: 'fee_reduction',
    amountFen: 1280000,
    facts: '信用卡违约金争议',
    claims: '退还违约金',
    consumer: { name: '李红', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345678' },
    consentGiven: true,
  });
  const count = (page: Page) => page.getByTestId('notification-count').getAttribute('data-count').then(Number);
  const countIs = (page: Page, n: number) => page.locator(`[data-testid="notification-count"][data-count="${n}"]`).waitFor();

  it('a return reaches the handler on another page live, survives a reload, opens the case and becomes read', async () => {
    const page = await stage.newPage();
    await stage.signIn(page, 'icbc.qd.handler', '吴婷');
    await page.getByTestId('nav-my-cases').click();
    await page.waitForURL((url) => url.pathname === '/cases');
    // The bell's first count is in before anything happens.
    await page.waitForFunction(() => document.querySelector('[data-testid="notification-count"]')?.getAttribute('data-count') !== null);
    await page.waitForTimeout(500);
    const before = await count(page);

    const created = (await world.http.post('/api/v1/cases').set(handler.auth).send(referral()).expect(201)).body;
    await world.http.post(`/api/v1/cases/${created.id}/return`).set(intake.auth).send({ note: '请于 12-15 前补充退款凭证' }).expect(200);

    // Live: the count rises while the handler stays on the case list.
    await countIs(page, before + 1);
    expect(new URL(page.url()).pathname).toBe('/cases');

    // A reload keeps it (the count is the server's).
    await page.reload();
    await page.getByTestId('user-name').filter({ hasText: '吴婷' }).waitFor();
    await countIs(page, before + 1);

    await page.getByTestId('notification-bell').click();
    const item = page.getByTestId('notification-panel').getByTestId('notification-item').filter({ hasText: created.caseNumber }).first();
    await item.waitFor();
    expect(await item.getAttribute('data-unread')).toBe('true');
    const text = await item.textContent();
    expect(text).toContain(`案件 ${created.caseNumber} 被退回补正`);
    expect(text).toContain(`王芳（青岛市银行保险业纠纷调解中心）退回了案件 ${created.caseNumber}`);
    expect(text).toContain('说明：请于 12-15 前补充退款凭证');
    await stage.screenshot(page, 'bell-zh');

    // Opening it opens the case, and it is read.
    await item.click();
    await page.waitForURL((url) => url.pathname === `/cases/${created.id}`);
    await countIs(page, before);
    const mine = (await world.http.get('/api/v1/notifications?pageSize=50').set(handler.auth).expect(200)).body.items as { kind: string; data: { caseId?: string }; readAt: string | null }[];
    expect(mine.find((n) => n.kind === 'case.returned' && n.data.caseId === created.id)?.readAt).not.toBeNull();
  });

  it('the inbox: unread filter, mark all read, and the same notification in English', async () => {
    const created = (await world.http.post('/api/v1/cases').set(handler.auth).send(referral()).expect(201)).body;
    await world.http.post(`/api/v1/cases/${created.id}/accept`).set(intake.auth).send({}).expect(200);

    const page = await stage.newPage();
    await stage.signIn(page, 'icbc.qd.handler', '吴婷');
    await page.getByTestId('nav-notifications').click();
    await page.waitForURL((url) => url.pathname === '/notifications');
    const accepted = page.getByTestId('notification-item').filter({ hasText: `案件 ${created.caseNumber} 已受理` });
    await accepted.waitFor();
    expect(await accepted.getAttribute('data-unread')).toBe('true');

    await page.getByTestId('inbox-filter').getByText('未读').click();
    await page.waitForURL((url) => url.searchParams.get('filter') === 'unread');
    await accepted.waitFor();
    // The unread list replaces the whole one (which held the return read in the first story): only unread lines stay.
    await page.waitForFunction(() => {
      const items = [...document.querySelectorAll('[data-testid="notification-item"]')];
      return items.length > 0 && items.every((e) => e.getAttribute('data-unread') === 'true');
    });
    await page.getByTestId('notification-settings').getByText('案件被退回补正').waitFor();
    await stage.screenshot(page, 'inbox-zh');

    await page.getByTestId('inbox-mark-all').click();
    await page.getByText('没有未读通知').waitFor();
    await countIs(page, 0);

    // English: the text from the English message keys, the case number and the names from the data.
    await page.getByTestId('lang-en').click();
    await page.getByTestId('inbox-filter').getByText('All', { exact: true }).click();
    const english = page.getByTestId('notification-item').filter({ hasText: `Case ${created.caseNumber} accepted` });
    await english.waitFor();
    expect(await english.textContent()).toContain(`王芳 (青岛市银行保险业纠纷调解中心) accepted case ${created.caseNumber}.`);
    const returned = page.getByTestId('notification-item').filter({ hasText: 'returned for information' }).first();
    expect(await returned.textContent()).toContain('Note: 请于 12-15 前补充退款凭证');
    await page.getByTestId('notification-settings').getByText('Case returned for information').waitFor();
    await stage.screenshot(page, 'inbox-en');

    // The e-mail setting is saved and read back.
    await page.getByTestId('pref-case.returned').check();
    await page.getByTestId('pref-save').click();
    await page.getByText('E-mail settings saved').waitFor();
    const prefs = (await world.http.get('/api/v1/notifications/preferences').set(handler.auth).expect(200)).body.items as { kind: string; email: boolean }[];
    expect(prefs.find((p) => p.kind === 'case.returned')?.email).toBe(true);

    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-panel').getByText('Latest notifications').waitFor();
    await page.getByTestId('notification-panel').getByTestId('notification-item').filter({ hasText: `Case ${created.caseNumber} accepted` }).waitFor();
    await stage.screenshot(page, 'bell-en');

    // At 1366×768 the header still holds the bell, the name, the languages and sign-out in English, on one line.
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1366, height: 768 });
    for (const id of ['notification-bell', 'user-name', 'lang-switch', 'sign-out']) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(1366);
      expect(box.y + box.height).toBeLessThanOrEqual(64);
    }
    await stage.screenshot(page, 'inbox-en-1366');
  });

  it('the security settings choose the language of the notification e-mails', async () => {
    const page = await stage.newPage();
    await stage.signIn(page, 'icbc.qd.manager', '周杰');
    await page.goto('/account/security');
    const card = page.getByTestId('email-language-card');
    await card.getByText('通知邮件语言').waitFor();
    const manager = await world.signIn('icbc.qd.manager');
    const language = async () => (await world.http.get('/api/v1/me').set(manager.auth).expect(200)).body.language as string;
    expect(await language()).toBe('zh-CN');
    // A click, then the saved message: the group is disabled while it saves, and a check() that
    // reads the state in between finds it unchanged on a busy machine.
    await card.getByLabel('English').click();
    await page.getByText('通知邮件语言已保存').waitFor();
    expect(await language()).toBe('en');
    // Kept after a reload; the portal itself stays in Chinese (its language is the header switch).
    await page.reload();
    expect(await page.getByTestId('email-language-card').getByLabel('English').isChecked()).toBe(true);
    await page.getByText('通知邮件语言').waitFor();
    await stage.screenshot(page, 'email-language');
    await page.getByTestId('email-language-card').getByLabel('中文').click();
    await page.getByText('通知邮件语言已保存').waitFor();
    expect(await language()).toBe('zh-CN');
    expect(await page.getByTestId('email-language-card').getByLabel('中文').isChecked()).toBe(true);
  }, 60_000);
});
