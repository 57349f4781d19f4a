import type { Locator, Page } from 'playwright-core';
import { BrowserStage } from './support/browser-stage';
import { assignedCase } from './support/stories';
import { SignedIn, TestWorld } from './support/test-world';

/**
 * Issue 16 in a browser: a button that cannot work yet is disabled with the time it will and
 * enables itself then; the booking dialog follows the consumer's channel; an empty filing form
 * shows and focuses its first missing field; a case page asks for nothing it knows will fail;
 * in English at 1366×768 case numbers, phones and amounts stay on one line and the timeline's
 * system-written text is English. Screenshots in both languages. Build the portal first.
 */
describe('actions that say when they work; English that fits', () => {
  let world: TestWorld;
  let stage: BrowserStage;
  let intake: SignedIn;
  let handler: SignedIn;
  let mediator: SignedIn;

  const beijing = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  const inDays = (n: number) => beijing(new Date(Date.now() + n * 86400_000).toISOString()).slice(0, 10);

  beforeAll(async () => {
    stage = await BrowserStage.open('actions');
    world = stage.world;
    await world.startWorker();
    [intake, handler, mediator] = await Promise.all([world.signIn('qd.intake'), world.signIn('icbc.qd.handler'), world.signIn('qd.mediator')]);
  });
  afterAll(async () => {
    await stage?.close();
  });
  afterEach(() => stage.afterEach());

  async function english(page: Page): Promise<void> {
    await page.evaluate(() => localStorage.setItem('accord.locale', 'en'));
    await page.reload();
  }

  /** Every API answer of 400 or more the page receives, from now on. */
  function failedRequests(page: Page): string[] {
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/') && r.status() >= 400) failed.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
    });
    return failed;
  }

  /** The element is laid out as one line: one box, no taller than one and a half lines. */
  async function oneLine(el: Locator): Promise<void> {
    const box = await el.evaluate((e) => {
      const style = getComputedStyle(e);
      const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.6;
      return { rects: e.getClientRects().length, height: e.getBoundingClientRect().height, line, text: e.textContent };
    });
    expect({ text: box.text, rects: box.rects }).toEqual({ text: box.text, rects: 1 });
    expect(box.height).toBeLessThanOrEqual(box.line * 1.5);
  }

  it('the console’s open and begin wait for the opening time, say it, and enable themselves then', async () => {
    const caseId = await assignedCase(world, { handler, intake }, 'qd.mediator');
    const startsAt = new Date(Math.ceil((Date.now() + 3 * 3600_000) / 60_000) * 60_000).toISOString();
    const booked = await world.http
      .post(`/api/v1/cases/${caseId}/sessions`)
      .set(intake.auth)
      .send({ channel: 'phone', startsAt, minutes: 30, outsideHoursReason: '测试：三小时后', participants: [{ role: 'consumer', name: '张小三' }] });
    expect(booked.status).toBe(201);
    const opensAt = new Date(Date.parse(startsAt) - 3600_000).toISOString();
    const at = beijing(opensAt);
    const time = at.slice(0, 10) === inDays(0) ? at.slice(11, 16) : `${at.slice(0, 10)} ${at.slice(11, 16)}`;

    const m = await stage.newPage();
    // the page's clock runs as usual until the test jumps it to the opening time
    await m.clock.install();
    await stage.signIn(m, 'qd.mediator', '张伟');
    await m.goto(`/sessions/${booked.body.id}`);
    await m.getByTestId('console-status').filter({ hasText: '已预约' }).waitFor();
    expect(await m.getByTestId('console-open').isDisabled()).toBe(true);
    expect(await m.getByTestId('console-begin').isDisabled()).toBe(true);
    expect(await m.getByTestId('console-opens-at').innerText()).toBe(`可于 ${time} 开放`);
    await stage.screenshot(m, 'console-not-yet-zh');

    await english(m);
    await m.getByTestId('console-opens-at').filter({ hasText: `Opens at ${time}` }).waitFor();
    expect(await m.getByTestId('console-open').isDisabled()).toBe(true);
    await stage.screenshot(m, 'console-not-yet-en');

    // No reload: at the opening time both buttons enable and the note goes.
    await m.clock.fastForward(Date.parse(opensAt) - Date.now() + 1000);
    await m.getByTestId('console-opens-at').waitFor({ state: 'detached' });
    expect(await m.getByTestId('console-open').isEnabled()).toBe(true);
    expect(await m.getByTestId('console-begin').isEnabled()).toBe(true);
  });

  it('the booking dialog takes the consumer’s channel; the case page after assignment makes no failing request', async () => {
    const filed = await world.http
      .post('/api/v1/cases')
      .set(handler.auth)
      .send({
        centerId: world.org('qd-center'),
        businessLine: 'credit_card',
        disputeType: 'fee_reduction',
        amountFen: 1280000,
        facts: '分期手续费争议',
        claims: '减免手续费',
        preferredChannel: 'phone',
        consumer: { name: '李电话', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345679' },
        consentGiven: true,
      })
      .expect(201);
    const caseId = filed.body.id as string;
    await world.http.post(`/api/v1/cases/${caseId}/accept`).set(intake.auth).send({}).expect(200);
    await world.http.post(`/api/v1/cases/${caseId}/assign`).set(intake.auth).send({ mediatorId: world.ids.users['qd.mediator'], overrideReason: '测试指定' }).expect(200);

    for (const [username, name] of [
      ['qd.mediator', '张伟'],
      ['qd.intake', '王芳'],
      ['icbc.qd.handler', '吴婷'],
    ] as const) {
      const page = await stage.newPage();
      await stage.signIn(page, username, name);
      const failed = failedRequests(page);
      await page.goto(`/cases/${caseId}`);
      await page.getByTestId('timeline').waitFor();
      await page.getByTestId('sessions-card').waitFor();
      await page.waitForLoadState('networkidle');
      expect(failed).toEqual([]);
      if (username === 'qd.intake') {
        await page.getByTestId('book-session').click();
        const dialog = page.getByRole('dialog');
        // antd hides the radio inputs behind their buttons: read their state, not their visibility
        await dialog.getByRole('radio', { name: '电话' }).waitFor({ state: 'attached' });
        expect(await dialog.getByRole('radio', { name: '电话' }).isChecked()).toBe(true);
        expect(await dialog.getByRole('radio', { name: '视频' }).isChecked()).toBe(false);
        await dialog.getByTestId('slot-picker').waitFor();
        await stage.screenshot(page, 'booking-defaults-to-phone');
        await page.waitForLoadState('networkidle');
        expect(failed).toEqual([]);
      }
      await page.context().close();
    }
  });

  it('an empty filing form shows and focuses its first missing field', async () => {
    const page = await stage.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await stage.signIn(page, 'icbc.qd.handler', '吴婷');
    await page.goto('/cases/new');
    await page.getByTestId('case-form').waitFor();
    await page.getByTestId('case-submit').scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    await page.getByTestId('case-submit').click();
    await page.locator('.ant-form-item-has-error').first().waitFor();
    await page.waitForFunction(() => {
      const first = document.querySelector('.ant-form-item-has-error');
      const active = document.activeElement;
      if (!first || !active || !first.contains(active)) return false;
      const r = first.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    const label = await page.evaluate(() => document.activeElement?.closest('.ant-form-item')?.querySelector('label')?.textContent);
    expect(label).toContain('调解中心');
    await stage.screenshot(page, 'filing-first-error-zh');

    await english(page);
    await page.getByTestId('case-form').waitFor();
    await page.getByTestId('case-submit').scrollIntoViewIfNeeded();
    await page.getByTestId('case-submit').click();
    await page.waitForFunction(() => {
      const first = document.querySelector('.ant-form-item-has-error');
      return Boolean(first && document.activeElement && first.contains(document.activeElement));
    });
    await stage.screenshot(page, 'filing-first-error-en');
  });

  it('in English at 1366×768 identifiers, phones and amounts keep to one line; system text on the timeline is English', async () => {
    const caseId = await assignedCase(world, { handler, intake }, 'qd.mediator');
    const startsAt = new Date(Math.ceil((Date.now() + 3 * 60_000) / 60_000) * 60_000).toISOString();
    const booked = await world.http
      .post(`/api/v1/cases/${caseId}/sessions`)
      .set(intake.auth)
      .send({ channel: 'video', startsAt, minutes: 15, outsideHoursReason: '测试：马上开始', participants: [{ role: 'consumer', name: '张小三' }] })
      .expect(201);
    for (const step of ['open', 'begin']) await world.http.post(`/api/v1/sessions/${booked.body.id}/${step}`).set(mediator.auth).send({}).expect(200);
    await world.http
      .post(`/api/v1/cases/${caseId}/outcome`)
      .set(mediator.auth)
      .send({
        outcome: 'settled',
        terms: { refundFen: 1280000, feeWaiverFen: 0, freeText: '银行退还手续费', obligations: [{ owedBy: 'institution', description: '退还手续费', amountFen: 1280000, dueOn: inDays(5) }] },
      })
      .expect(201);

    const page = await stage.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await stage.signIn(page, 'icbc.qd.handler', '吴婷');
    await english(page);
    await page.goto('/cases');
    const rows = page.locator('[data-testid^="case-row-"]');
    await rows.first().waitFor();
    for (const testId of ['case-link', 'case-row-phone', 'case-row-amount']) {
      const els = await page.getByTestId(testId).all();
      expect(els.length).toBeGreaterThan(0);
      for (const el of els) await oneLine(testId === 'case-link' ? el.locator('.accord-nowrap') : el);
    }
    await stage.screenshot(page, 'case-list-en-1366');

    // A settled case before anyone signed: no judicial window asked for, no 404.
    for (const who of ['icbc.qd.handler', 'qd.mediator'] as const) {
      const p = who === 'icbc.qd.handler' ? page : await stage.newPage();
      if (p !== page) {
        await p.setViewportSize({ width: 1366, height: 768 });
        await stage.signIn(p, 'qd.mediator', '张伟');
        await english(p);
      }
      const failed = failedRequests(p);
      await p.goto(`/cases/${caseId}`);
      await p.getByTestId('case-outcome').waitFor();
      const settled = p.getByTestId('timeline-transition').filter({ hasText: /→ Settled|Settled/ });
      await settled.first().waitFor();
      await p.getByTestId('timeline-body').filter({ hasText: 'Settled; refund/compensation ¥12,800.00; 1 obligation(s) to perform' }).waitFor();
      await p.getByTestId('timeline-body').filter({ hasText: 'Outcome: Settled' }).waitFor();
      // the session ended by the outcome says so in English in the session list too
      await p.getByTestId('session-reason').filter({ hasText: 'Outcome: Settled' }).waitFor();
      expect(await p.getByTestId('timeline-body').filter({ hasText: '调解成功' }).count()).toBe(0);
      for (const testId of ['case-number', 'case-amount']) await oneLine(p.getByTestId(testId).locator('.accord-nowrap').or(p.getByTestId(testId).and(p.locator('.accord-nowrap'))).first());
      await p.waitForLoadState('networkidle');
      expect(failed).toEqual([]);
      await stage.screenshot(p, `case-page-en-1366-${who}`);
    }
    // and the same timeline in Chinese
    await page.evaluate(() => localStorage.setItem('accord.locale', 'zh-CN'));
    await page.reload();
    await page.getByTestId('timeline-body').filter({ hasText: '调解成功；退款/赔偿 ¥12,800.00；履行事项 1 项' }).waitFor();
    await stage.screenshot(page, 'case-page-zh');
  });
});
