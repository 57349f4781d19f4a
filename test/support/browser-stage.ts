import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@accord/demo';
import { TestWorld } from './test-world';

export const PORTAL_DIST = path.resolve(__dirname, '../../dist/portal');
export const SHOTS = path.resolve(__dirname, '../../test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The built portal served by a TestWorld, and Debian's Chromium to look at it: pages in fresh
 * contexts (a desktop or a phone), signed in as a demo user, with screenshots under a prefix and
 * every uncaught page error collected — a crash fails the test even when the assertions pass.
 */
export class BrowserStage {
  readonly contexts: BrowserContext[] = [];
  readonly pageErrors: string[] = [];

  private constructor(
    readonly world: TestWorld,
    readonly browser: Browser,
    private readonly prefix: string,
  ) {}

  /**
   * `fakeMedia`: Chromium's fake camera and microphone (a test pattern and a beep), allowed
   * without a prompt, and media that plays without a user gesture — for the video room.
   */
  static async open(prefix: string, env: Record<string, string> = {}, options: { fakeMedia?: boolean } = {}): Promise<BrowserStage> {
    if (!existsSync(path.join(PORTAL_DIST, 'index.html'))) {
      throw new Error(`no built portal in ${PORTAL_DIST}: run npx vite build --config apps/portal/vite.config.ts first`);
    }
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
    mkdirSync(SHOTS, { recursive: true });
    const [world, browser] = await Promise.all([
      TestWorld.start({ PORTAL_DIST, ...env }),
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
          ...(options.fakeMedia ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'] : []),
        ],
      }),
    ]);
    return new BrowserStage(world, browser, prefix);
  }

  async newPage(opts: { phone?: boolean; locale?: string } = {}): Promise<Page> {
    const locale = opts.locale ?? 'zh-CN';
    const context = await this.browser.newContext(
      opts.phone
        ? { baseURL: this.world.url, viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale }
        : { baseURL: this.world.url, viewport: { width: 1440, height: 900 }, locale, acceptDownloads: true },
    );
    context.setDefaultTimeout(15_000);
    this.contexts.push(context);
    await reportCspViolations(context);
    const page = await context.newPage();
    page.on('pageerror', (err) => this.pageErrors.push(`${page.url()}: ${err.message}`));
    watchCspViolations(page, this.pageErrors);
    return page;
  }

  /** Signs in through the form, in Chinese, and waits for the user's name in the header. */
  async signIn(page: Page, username: string, displayName: string): Promise<void> {
    await page.goto('/sign-in');
    await page.getByLabel('用户名', { exact: true }).fill(username);
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /^登\s?录$/ }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('user-name').filter({ hasText: displayName }).waitFor();
  }

  async screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(SHOTS, `${this.prefix}-${name}.png`), fullPage: true });
  }

  /** After each test: what every open page looked like last, and no page crashed. */
  async afterEach(): Promise<void> {
    for (const [i, c] of this.contexts.entries()) {
      for (const [j, p] of c.pages().entries()) {
        await p.screenshot({ path: path.join(SHOTS, `${this.prefix}-last-${i}-${j}.png`), fullPage: true }).catch(() => undefined);
      }
    }
    expect(this.pageErrors).toEqual([]);
  }

  /** Closes every page opened so far (a finished video call keeps a CPU busy otherwise). */
  async closePages(): Promise<void> {
    for (const c of this.contexts.splice(0)) await c.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
    await this.browser.close().catch(() => undefined);
    await this.world.stop();
  }
}

/**
 * The portal runs under the API's Content-Security-Policy: a violation (an inline script, a style
 * or a request the policy blocks) must fail the test like a crash does. Every page of the context
 * reports `securitypolicyviolation` events to its console (Playwright's init scripts are not
 * subject to the page's CSP)…
 */
export async function reportCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
  });
}

/** …and the test collects them (and Chromium's own "Content Security Policy" console errors). */
export function watchCspViolations(page: Page, errors: string[]): void {
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /CSP violation|Content Security Policy/i.test(msg.text())) errors.push(`${page.url()}: ${msg.text()}`);
  });
}
