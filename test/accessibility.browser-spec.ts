import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { BrowserStage, SHOTS } from './support/browser-stage';
import { sentMessage } from './support/messages';
import { assignedCase, inSessionCase } from './support/stories';
import type { SignedIn, TestWorld } from './support/test-world';

// axe-core's browser bundle, evaluated in each page (it audits the page from inside).
const AXE_SOURCE: string = require('axe-core').source;

/** One demo user of each distinct role (libs/demo/demo-data.ts), with the name the header shows. */
const USERS: [username: string, displayName: string][] = [
  ['platform.admin', '平台管理员'],
  ['qd.admin', '刘洋'],
  ['qd.intake', '王芳'],
  ['qd.mediator', '张伟'],
  ['qd.liaison', '赵敏'],
  ['icbc.admin', '孙丽'],
  ['icbc.qd.manager', '周杰'],
  ['icbc.qd.handler', '吴婷'],
  ['icbc.viewer', '郑浩'],
  ['qd.regulator', '何军'],
  ['qd.supervisor', '马超'],
];

/** The totals as they come (jest prints console output only at the end of the file). */
const PROGRESS = path.join(SHOTS, 'a11y-totals.tsv');
const progress = (line: string) => appendFileSync(PROGRESS, `${line}\n`);

interface AxeNode {
  target: string[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: AxeNode[];
}

/**
 * axe-core over every page of the portal for every role: each user's menu (read from the menu
 * itself, so a new page is audited without touching this test), a case page, the session console
 * and the video room, the sign-in page and the consumer's link pages, in Chinese and English.
 * Totals per page are printed; a serious or critical violation fails the test, and so does a page
 * without exactly one h1 (page-has-heading-one).
 */
describe('accessibility: axe-core over every page for every role', () => {
  let stage: BrowserStage;
  let world: TestWorld;
  let caseId: string;
  let sessionId: string;
  let consumerToken: string;
  const totals: { page: string; minor: number; moderate: number; serious: number; critical: number }[] = [];
  const blocking: string[] = [];

  beforeAll(async () => {
    stage = await BrowserStage.open('a11y', {}, { fakeMedia: true });
    writeFileSync(PROGRESS, 'page\tcritical\tserious\tmoderate\tminor\n');
    world = stage.world;
    await world.startWorker();
    const [handler, intake, mediator] = (await Promise.all([world.signIn('icbc.qd.handler'), world.signIn('qd.intake'), world.signIn('qd.mediator')])) as SignedIn[];
    ({ caseId, sessionId } = await inSessionCase(world, { handler, intake, mediator }, 'qd.mediator'));
    // The consumer's link belongs to a session still to come: another case, booked two days ahead.
    const later = await assignedCase(world, { handler, intake }, 'qd.mediator2');
    const startsAt = new Date(Math.ceil((Date.now() + 2 * 86_400_000) / 3_600_000) * 3_600_000).toISOString();
    const booked = await world.http
      .post(`/api/v1/cases/${later}/sessions`)
      .set(intake.auth)
      .send({ channel: 'video', startsAt, minutes: 60, outsideHoursReason: '测试', participants: [{ role: 'consumer', name: '张小三' }] })
      .expect(201);
    await world.http.post(`/api/v1/sessions/${booked.body.id}/consumer-link`).set(intake.auth).expect(201);
    consumerToken = (await sentMessage(world, intake, later, /\/c\/([A-Za-z0-9_-]{20,64})/))[1];
  }, 120_000);
  afterAll(async () => {
    // The lead's note quotes these totals (before and after the fixes).
    console.log(
      ['page\tcritical\tserious\tmoderate\tminor', ...totals.map((t) => `${t.page}\t${t.critical}\t${t.serious}\t${t.moderate}\t${t.minor}`)].join('\n') +
        `\nALL\tcritical ${sum('critical')}\tserious ${sum('serious')}\tmoderate ${sum('moderate')}\tminor ${sum('minor')}\tpages ${totals.length}`,
    );
    await stage?.close();
  });
  afterEach(() => stage.afterEach());
  const sum = (k: 'minor' | 'moderate' | 'serious' | 'critical') => totals.reduce((n, t) => n + t[k], 0);

  /** Waits until the page has drawn its data (no spinner), then audits it. */
  async function audit(page: Page, name: string): Promise<void> {
    await page.waitForLoadState('load');
    await page
      .locator('.ant-spin-spinning, .ant-skeleton-active')
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    await page.waitForTimeout(300);
    // Through the DevTools protocol: the portal's CSP (script-src 'self') refuses an inline script tag.
    await page.evaluate(AXE_SOURCE);
    const violations = (await page.evaluate(
      () => (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: unknown[] }> } }).axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations),
    )) as AxeViolation[];
    const count = (impact: AxeViolation['impact']) => violations.filter((v) => v.impact === impact).reduce((n, v) => n + v.nodes.length, 0);
    totals.push({ page: name, minor: count('minor'), moderate: count('moderate'), serious: count('serious'), critical: count('critical') });
    progress(`${name}\t${count('critical')}\t${count('serious')}\t${count('moderate')}\t${count('minor')}\t${violations.map((v) => `${v.impact}:${v.id}(${v.nodes.length})`).join(' ')}`);
    // Every page has exactly one h1 (the layout's, or the standalone page's own): page-has-heading-one is moderate, but it blocks too.
    const h1s = await page.locator('h1').count();
    if (h1s !== 1) blocking.push(`${name}: ${h1s} <h1> elements (one expected)`);
    for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'page-has-heading-one')) {
      blocking.push(`${name}: [${v.impact}] ${v.id} — ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}  ${n.html.slice(0, 160)}  ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`).join('\n    ')}`);
    }
  }

  it('the sign-in page and the consumer’s link pages, in Chinese and English', async () => {
    for (const locale of ['zh-CN', 'en']) {
      const page = await stage.newPage();
      await page.goto('/sign-in');
      if (locale === 'en') await page.getByTestId('lang-en').click();
      await page.getByLabel(locale === 'en' ? 'Username' : '用户名', { exact: true }).waitFor();
      await audit(page, `${locale} /sign-in`);
      const phone = await stage.newPage({ phone: true });
      await phone.goto(`/c/${consumerToken}`);
      await phone.getByTestId('consumer-code-step').waitFor();
      if (locale === 'en') await phone.getByTestId('lang-en').click();
      await audit(phone, `${locale} /c/:token (code step)`);
      await phone.goto('/c/NotARealLinkTokenAtAll12345');
      await audit(phone, `${locale} /c/:token (unknown link)`);
      await stage.closePages();
    }
    expect(blocking).toEqual([]);
  }, 120_000);

  it.each(USERS)('every page of %s', async (username, displayName) => {
    const page = await stage.newPage();
    await stage.signIn(page, username, displayName);
    const paths = new Set<string>(
      await page.locator('[data-testid^="nav-"][href]').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname)),
    );
    const own = await world.signIn(username);
    if ((await world.http.get(`/api/v1/cases/${caseId}`).set(own.auth)).status === 200) paths.add(`/cases/${caseId}`);
    if ((await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(own.auth)).status === 200) paths.add(`/sessions/${sessionId}`);
    if (username === 'qd.mediator') paths.add(`/sessions/${sessionId}/video`);
    const before = blocking.length;
    for (const locale of ['zh-CN', 'en']) {
      for (const path of paths) {
        await page.goto(path);
        await audit(page, `${locale} ${username} ${path.replace(caseId, ':caseId').replace(sessionId, ':sessionId')}`);
      }
      // The choice is kept in the browser: every page after this one opens in English.
      if (locale === 'zh-CN') await page.getByTestId('lang-en').click();
    }
    await stage.closePages();
    expect(blocking.slice(before)).toEqual([]);
  }, 300_000);
});
