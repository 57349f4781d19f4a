import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@accord/demo';
import { reportCspViolations, watchCspViolations } from './support/browser-stage';
import { TestWorld } from './support/test-world';

/**
 * The built portal in a real Chromium against the real API: sign in as each kind of user
 * and check what they see — their menu, in Chinese and in English, the sign-in error, the
 * live connection. Build the portal first (`npm run build:portal`; test:browser does it).
 */

const PORTAL_DIST = path.resolve(__dirname, '../dist/portal');
const SHOTS = path.resolve(__dirname, '../test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

type Lang = 'zh-CN' | 'en';

/** Every menu item the portal can show, in menu order, with the label a user reads. */
const LABELS: Record<string, Record<Lang, string>> = {
  home: { 'zh-CN': '工作台', en: 'Home' },
  'case-new': { 'zh-CN': '提交调解申请', en: 'File a referral' },
  'case-refer': { 'zh-CN': '转办调解申请', en: 'Refer a complaint' },
  'my-cases': { 'zh-CN': '我的案件', en: 'My cases' },
  'case-import': { 'zh-CN': '批量导入', en: 'Batch import' },
  intake: { 'zh-CN': '受理队列', en: 'Intake queue' },
  cases: { 'zh-CN': '案件', en: 'Cases' },
  caseload: { 'zh-CN': '调解员工作量', en: 'Caseload' },
  batches: { 'zh-CN': '类案批量', en: 'Similar-case batches' },
  schedule: { 'zh-CN': '我的日程', en: 'My calendar' },
  sessions: { 'zh-CN': '调解会议', en: 'Sessions' },
  messages: { 'zh-CN': '提醒消息', en: 'Messages' },
  'follow-ups': { 'zh-CN': '回访评价', en: 'Follow-ups' },
  'working-hours': { 'zh-CN': '工作时间', en: 'Working hours' },
  organisations: { 'zh-CN': '组织机构', en: 'Organisations' },
  staff: { 'zh-CN': '人员管理', en: 'Staff' },
  members: { 'zh-CN': '会员单位', en: 'Member institutions' },
  calendar: { 'zh-CN': '工作日历', en: 'Calendar' },
  'mediation-method': { 'zh-CN': '调解方法', en: 'Mediation method' },
  quality: { 'zh-CN': '质量评查', en: 'Quality review' },
  branches: { 'zh-CN': '机构网点', en: 'Branches' },
  users: { 'zh-CN': '用户管理', en: 'Users' },
  'api-keys': { 'zh-CN': 'API 密钥', en: 'API keys' },
  webhooks: { 'zh-CN': 'Webhook 推送', en: 'Webhooks' },
  jurisdiction: { 'zh-CN': '辖区调解中心', en: 'Centers in jurisdiction' },
  'regulator-console': { 'zh-CN': '监管驾驶舱', en: 'Regulator console' },
  statistics: { 'zh-CN': '统计分析', en: 'Statistics' },
  rankings: { 'zh-CN': '红黑榜', en: 'Red / black list' },
  warnings: { 'zh-CN': '风险预警', en: 'Warnings' },
  audit: { 'zh-CN': '审计日志', en: 'Audit log' },
  notifications: { 'zh-CN': '通知中心', en: 'Notifications' },
  security: { 'zh-CN': '安全设置', en: 'Security' },
  'queue-board': { 'zh-CN': '任务队列', en: 'Job queues' },
};
const ALL_KEYS = Object.keys(LABELS);
const QD_ADMIN_NAV = ['home', 'intake', 'cases', 'caseload', 'batches', 'schedule', 'messages', 'follow-ups', 'working-hours', 'staff', 'members', 'calendar', 'mediation-method', 'quality', 'statistics', 'rankings', 'audit', 'notifications', 'security'];

const TEXT = {
  'zh-CN': { username: '用户名', password: '密码', submit: /^登\s?录$/, connected: '已连接', signOut: '退出登录' },
  en: { username: 'Username', password: 'Password', submit: /^Sign in$/, connected: 'Connected', signOut: 'Sign out' },
} as const;

/** Who sees what: written out here on purpose, not read from nav.tsx. */
const ROLES: { username: string; displayName: string; role: string; nav: string[] }[] = [
  { username: 'platform.admin', displayName: '平台管理员', role: '平台管理员', nav: ['home', 'organisations', 'audit', 'queue-board', 'notifications', 'security'] },
  {
    username: 'qd.admin',
    displayName: '刘洋',
    role: '中心管理员',
    nav: ['home', 'intake', 'cases', 'caseload', 'batches', 'schedule', 'messages', 'follow-ups', 'working-hours', 'staff', 'members', 'calendar', 'mediation-method', 'quality', 'statistics', 'rankings', 'audit', 'notifications', 'security'],
  },
  { username: 'qd.intake', displayName: '王芳', role: '受理员', nav: ['home', 'intake', 'cases', 'caseload', 'batches', 'schedule', 'messages', 'follow-ups', 'statistics', 'notifications', 'security'] },
  { username: 'qd.mediator', displayName: '张伟', role: '调解员', nav: ['home', 'my-cases', 'schedule', 'follow-ups', 'working-hours', 'quality', 'notifications', 'security'] },
  {
    username: 'icbc.admin',
    displayName: '孙丽',
    role: '机构管理员',
    nav: ['home', 'my-cases', 'sessions', 'branches', 'users', 'api-keys', 'webhooks', 'statistics', 'rankings', 'warnings', 'audit', 'notifications', 'security'],
  },
  { username: 'icbc.qd.handler', displayName: '吴婷', role: '投诉处理员', nav: ['home', 'case-new', 'my-cases', 'case-import', 'sessions', 'statistics', 'notifications', 'security'] },
  { username: 'qd.regulator', displayName: '何军', role: '监管分析员', nav: ['home', 'cases', 'jurisdiction', 'regulator-console', 'statistics', 'rankings', 'warnings', 'notifications', 'security'] },
  { username: 'qd.supervisor', displayName: '马超', role: '监管督导员', nav: ['home', 'case-refer', 'cases', 'jurisdiction', 'regulator-console', 'statistics', 'rankings', 'warnings', 'notifications', 'security'] },
];

describe('portal in a browser', () => {
  let world: TestWorld;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** uncaught exceptions in any page: a crash is a failure even when the assertions pass */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(PORTAL_DIST, 'index.html'))) {
      throw new Error(`no built portal in ${PORTAL_DIST}: run npx vite build --config apps/portal/vite.config.ts first`);
    }
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
    mkdirSync(SHOTS, { recursive: true });
    [world, browser] = await Promise.all([
      TestWorld.start({ PORTAL_DIST }),
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          '--disable-quic',
          '--disable-sync',
        ],
      }),
    ]);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await world?.stop();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: world.url, viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    await reportCspViolations(context);
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));
    watchCspViolations(page, pageErrors);
    return page;
  }

  async function fillSignIn(page: Page, username: string, password: string, lang: Lang): Promise<void> {
    const text = TEXT[lang];
    await page.getByLabel(text.username, { exact: true }).fill(username);
    await page.getByLabel(text.password, { exact: true }).fill(password);
    await page.getByRole('button', { name: text.submit }).click();
  }

  /** Signs in through the form and waits for the home page with this user's name on it. */
  async function signIn(page: Page, username: string, displayName: string, lang: Lang): Promise<void> {
    await fillSignIn(page, username, DEMO_PASSWORD, lang);
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('user-name').filter({ hasText: displayName }).waitFor();
    await page.getByTestId('nav-home').waitFor();
  }

  /** The menu as the user sees it: [testid, visible label] for every item, in order. */
  async function menu(page: Page): Promise<[string, string][]> {
    const items = page.locator('nav[aria-label="main"] [data-testid^="nav-"]');
    const rows = await items.evaluateAll((els) =>
      els.map((el) => {
        const box = (el as HTMLElement).getBoundingClientRect();
        const visible = box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
        return [el.getAttribute('data-testid') ?? '', (el as HTMLElement).innerText.trim(), visible] as const;
      }),
    );
    for (const [id, , visible] of rows) expect(`${id} visible=${visible}`).toBe(`${id} visible=true`);
    return rows.map(([id, label]) => [id, label]);
  }

  async function expectMenu(page: Page, keys: string[], lang: Lang): Promise<void> {
    // labels render with the language; wait until the first one is in the expected language
    await page.getByTestId('nav-home').filter({ hasText: LABELS.home[lang] }).waitFor();
    const shown = await menu(page);
    expect(shown).toEqual(keys.map((k) => [`nav-${k}`, LABELS[k][lang]]));
    // exact labels: one label may be part of another (案件 in 我的案件)
    const shownLabels = shown.map(([, label]) => label);
    for (const other of ALL_KEYS.filter((k) => !keys.includes(k))) {
      expect(await page.getByTestId(`nav-${other}`).count()).toBe(0);
      if (!keys.some((k) => LABELS[k][lang] === LABELS[other][lang])) expect(shownLabels).not.toContain(LABELS[other][lang]);
    }
  }

  async function expectConnected(page: Page, lang: Lang): Promise<void> {
    const state = page.getByTestId('socket-state');
    await state.filter({ hasText: new RegExp(`^${TEXT[lang].connected}$`) }).waitFor();
    expect(await state.innerText()).toBe(TEXT[lang].connected);
  }

  /** The header's sign-out button as read on screen (its accessible name also carries the icon's aria-label). */
  async function signOutText(page: Page): Promise<string> {
    return (await page.getByTestId('sign-out').innerText()).trim();
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(SHOTS, `portal-${name}.png`), fullPage: true });
  }

  it.each(ROLES)('$username signs in (中文) and sees exactly their menu', async ({ username, displayName, role, nav }) => {
    const page = await newPage();
    await page.goto('/');
    // not signed in: the portal sends us to the sign-in page, in Chinese by default
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    await signIn(page, username, displayName, 'zh-CN');
    await page.getByRole('heading', { name: `${displayName}，您好` }).waitFor();
    expect(await page.getByTestId('home-roles').innerText()).toBe(role);
    await expectMenu(page, nav, 'zh-CN');
    await expectConnected(page, 'zh-CN');
    expect(await signOutText(page)).toBe(TEXT['zh-CN'].signOut);
    await screenshot(page, username);
    await page.context().close();
  });

  it('switches to English on the sign-in page, signs in, and keeps English after a reload', async () => {
    const page = await newPage();
    await page.goto('/sign-in');
    await page.getByTestId('lang-en').click();
    await page.getByLabel('Username', { exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await signIn(page, 'qd.admin', '刘洋', 'en');
    await page.getByRole('heading', { name: 'Welcome, 刘洋' }).waitFor();
    expect(await page.getByTestId('home-roles').innerText()).toBe('Center admin');
    await expectMenu(page, QD_ADMIN_NAV, 'en');
    await expectConnected(page, 'en');

    await page.reload();
    await page.getByTestId('user-name').filter({ hasText: '刘洋' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('accord.locale'))).toBe('en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectMenu(page, QD_ADMIN_NAV, 'en');
    await expectConnected(page, 'en');
    await screenshot(page, 'qd.admin-en');
    await page.context().close();
  });

  it('switches to English from the header once signed in, and keeps it after a reload', async () => {
    const page = await newPage();
    await page.goto('/sign-in');
    await signIn(page, 'platform.admin', '平台管理员', 'zh-CN');
    await expectMenu(page, ['home', 'organisations', 'audit', 'queue-board', 'notifications', 'security'], 'zh-CN');

    await page.getByTestId('lang-en').click();
    await expectMenu(page, ['home', 'organisations', 'audit', 'queue-board', 'notifications', 'security'], 'en');
    expect(await signOutText(page)).toBe(TEXT.en.signOut);
    await expectConnected(page, 'en');

    await page.reload();
    await page.getByTestId('user-name').filter({ hasText: '平台管理员' }).waitFor();
    await expectMenu(page, ['home', 'organisations', 'audit', 'queue-board', 'notifications', 'security'], 'en');
    expect(await page.evaluate(() => localStorage.getItem('accord.locale'))).toBe('en');

    // and back: Chinese again, also after a reload
    await page.getByTestId('lang-zh-CN').click();
    await expectMenu(page, ['home', 'organisations', 'audit', 'queue-board', 'notifications', 'security'], 'zh-CN');
    await page.reload();
    await page.getByTestId('user-name').filter({ hasText: '平台管理员' }).waitFor();
    await expectMenu(page, ['home', 'organisations', 'audit', 'queue-board', 'notifications', 'security'], 'zh-CN');
    await screenshot(page, 'platform.admin-back-to-zh');
    await page.context().close();
  });

  it('runs under the CSP, and a violation is caught: an injected inline script is blocked and reported', async () => {
    const page = await newPage();
    const response = await page.goto('/sign-in');
    expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await page.getByLabel('用户名', { exact: true }).waitFor();
    expect(pageErrors).toEqual([]);
    // What an XSS would try: an inline script. The browser refuses it and the watcher sees it.
    const reported = page.waitForEvent('console', { predicate: (m) => /CSP violation: script-src/.test(m.text()) });
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.appendChild(s);
    });
    await reported;
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    expect(pageErrors.join('\n')).toMatch(/CSP violation: script-src/);
    // Seen on purpose here: cleared so afterEach holds every other test to none.
    pageErrors.length = 0;
  });

  it('shows a wrong password in Chinese and stays on the sign-in page', async () => {
    // the server answers INVALID_CREDENTIALS; a Chinese page says so in Chinese
    const direct = await world.http.post('/api/v1/auth/sign-in').send({ username: 'qd.liaison', password: 'not-the-password' });
    expect(direct.status).toBe(401);
    expect(direct.body.code).toBe('INVALID_CREDENTIALS');
    const detail = '用户名或密码错误';

    const page = await newPage();
    await page.goto('/sign-in');
    await fillSignIn(page, 'qd.liaison', 'not-the-password', 'zh-CN');
    const alert = page.getByRole('alert').filter({ hasText: detail });
    await alert.waitFor();
    expect((await alert.innerText()).trim()).toBe(detail);

    // still the sign-in form, ready for another try, nobody signed in
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.getByLabel('用户名', { exact: true }).inputValue()).toBe('qd.liaison');
    // The submit button by its role in the form: its accessible name carries a spinner while
    // the failed request settles, and a busy machine can be slow to drop it.
    const submit = page.locator('form button[type="submit"]');
    await page.waitForFunction(
      () => {
        const button = document.querySelector<HTMLButtonElement>('form button[type="submit"]');
        return Boolean(button && !button.disabled && !button.classList.contains('ant-btn-loading'));
      },
      null,
      { timeout: 15000 },
    );
    expect(await submit.isEnabled()).toBe(true);
    expect((await submit.innerText()).trim()).toMatch(/^登\s?录$/);
    expect(await page.getByTestId('user-name').count()).toBe(0);
    await screenshot(page, 'wrong-password');

    // the right password after the wrong one works
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await submit.click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('user-name').filter({ hasText: '赵敏' }).waitFor();
    await page.context().close();
  });
});
