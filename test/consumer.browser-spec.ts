import type { Page } from 'playwright-core';
import { BrowserStage } from './support/browser-stage';
import { assignedCase as assignedCaseFor, ensureCalendarYear, FULL_WEEK_HOURS } from './support/stories';
import { SignedIn, TestWorld } from './support/test-world';
import { sentMessage as sentMessageOf } from './support/messages';

/**
 * The consumer confirms a session from an SMS link, on a phone, without an account: intake
 * sends the link from the case page; the (development) SMS is read in the center's message
 * log; the consumer asks for a one-time code, types a wrong one, then the right one, and
 * confirms. The mediator, who has the case open, sees 消费者已确认 without reloading; the
 * bank's handler confirms from its own case page and downloads the invitation.
 * Build the portal first (`npm run build:portal`; test:browser does it).
 */



describe('the consumer confirms a session from the SMS link', () => {
  let world: TestWorld;
  let stage: BrowserStage;
  let admin: SignedIn;
  let intake: SignedIn;
  let handler: SignedIn;
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() + 1;
  // the first Wednesday of March next year, 14:00–15:00 Beijing time (no holiday near it)
  const wednesday = (() => {
    let d = new Date(Date.UTC(year, 2, 1));
    while (d.getUTCDay() !== 3) d = new Date(d.getTime() + 86400_000);
    return d.toISOString().slice(0, 10);
  })();
  const startsAt = new Date(Date.parse(`${wednesday}T14:00:00+08:00`)).toISOString();

  beforeAll(async () => {
    stage = await BrowserStage.open('consumer');
    world = stage.world;
    // the worker delivers the SMS (development transport) and relays the socket events
    await world.startWorker();
    [admin, intake, handler] = await Promise.all([world.signIn('qd.admin'), world.signIn('qd.intake'), world.signIn('icbc.qd.handler')]);
    await ensureCalendarYear(world, admin, year);
    await world.http.put(`/api/v1/mediators/${world.ids.users['qd.mediator2']}/working-hours`).set(admin.auth).send({ hours: FULL_WEEK_HOURS }).expect(200);
  });

  afterAll(async () => {
    await stage?.close();
  });

  afterEach(() => stage.afterEach());

  /** A case filed by the bank, accepted and assigned to 陈静 (qd.mediator2). */
  const assignedCase = () => assignedCaseFor(world, { handler, intake }, 'qd.mediator2');

  const sentMessage = (caseId: string, pattern: RegExp, except?: ReadonlySet<string>) => sentMessageOf(world, intake, caseId, pattern, except);

  const newPage = (opts: { phone?: boolean } = {}): Promise<Page> => stage.newPage(opts);

  const signIn = (page: Page, username: string, displayName: string) => stage.signIn(page, username, displayName);

  const screenshot = (page: Page, name: string) => stage.screenshot(page, name);

  /** Nothing wider than the phone: no sideways scrolling. */
  async function expectFitsPhone(page: Page): Promise<void> {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  }

  it('intake sends the link; the consumer verifies on a phone and confirms; the mediator sees it live; the bank confirms', async () => {
    const caseId = await assignedCase();
    const booked = await world.http
      .post(`/api/v1/cases/${caseId}/sessions`)
      .set(intake.auth)
      .send({ channel: 'video', startsAt, minutes: 60, participants: [{ role: 'consumer', name: '张小三' }] });
    expect(booked.status).toBe(201);

    // the mediator has the case open: both parties still to confirm
    const mediator = await newPage();
    await signIn(mediator, 'qd.mediator2', '陈静');
    await mediator.goto(`/cases/${caseId}`);
    const caseNumber = (await mediator.getByTestId('case-number').innerText()).trim();
    const mediatorRow = mediator.getByTestId('sessions-table').locator('tr').filter({ hasText: '14:00' });
    await mediatorRow.getByTestId('confirmation-consumer').filter({ hasText: '消费者待确认' }).waitFor();
    await mediatorRow.getByTestId('confirmation-bank').filter({ hasText: '银行待确认' }).waitFor();
    // a mediator of the center doesn't answer for the bank
    expect(await mediatorRow.getByTestId('session-confirm').count()).toBe(0);

    // intake sends the consumer the link from the case page
    const desk = await newPage();
    await signIn(desk, 'qd.intake', '王芳');
    await desk.goto(`/cases/${caseId}`);
    const deskRow = desk.getByTestId('sessions-table').locator('tr').filter({ hasText: '14:00' });
    await deskRow.getByTestId('session-send-link').click();
    await desk.getByText('确认链接已发送给消费者').waitFor();
    await screenshot(desk, '1-intake-sent-link');

    // the development SMS is in the center's message log
    const link = await sentMessage(caseId, /\/c\/([A-Za-z0-9_-]{20,64})/);
    const token = link[1];
    expect(link.input).toContain('确认时间或申请改期');

    // … which intake reads on the 提醒消息 page too
    await desk.getByTestId('nav-messages').click();
    await desk.waitForURL((url) => url.pathname === '/messages');
    const logRow = desk.getByTestId('messages-table').locator('tr').filter({ hasText: `/c/${token}` });
    await logRow.getByTestId('message-status').filter({ hasText: '已发送' }).waitFor();
    expect(await logRow.innerText()).toContain('138****5678');
    await screenshot(desk, '2-messages');

    // the consumer opens the link on a phone, not signed in anywhere
    const phone = await newPage({ phone: true });
    await phone.goto(`/c/${token}`);
    await phone.getByTestId('consumer-code-step').waitFor();
    expect(new URL(phone.url()).pathname).toBe(`/c/${token}`);
    expect(await phone.getByTestId('user-name').count()).toBe(0);
    expect(await phone.locator('nav[aria-label="main"]').count()).toBe(0);
    await expectFitsPhone(phone);
    await screenshot(phone, '3-phone-start');

    await phone.getByTestId('consumer-get-code').click();
    await phone.getByTestId('consumer-sent-to').filter({ hasText: '验证码已发送至 138****5678' }).waitFor();
    // a new code only after the countdown
    await phone.getByTestId('consumer-get-code').filter({ hasText: /^\d+ 秒后重发$/ }).waitFor();
    expect(await phone.getByTestId('consumer-get-code').isDisabled()).toBe(true);
    // … counting down
    await phone.getByTestId('consumer-get-code').filter({ hasText: /^5\d 秒后重发$/ }).waitFor();
    const code = (await sentMessage(caseId, /验证码 (\d{6})/))[1];

    // a wrong code first: refused, with the tries left
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await phone.getByTestId('consumer-code').fill(wrong);
    await phone.getByTestId('consumer-verify').click();
    await phone.getByTestId('consumer-error').filter({ hasText: '验证码错误，还可以再试 4 次' }).waitFor();
    await screenshot(phone, '4-phone-wrong-code');

    // then the right one: the session
    await phone.getByTestId('consumer-code').fill(code);
    await phone.getByTestId('consumer-verify').click();
    await phone.getByTestId('consumer-session').waitFor();
    const [, mm, dd] = wednesday.split('-').map(Number);
    expect(await phone.getByTestId('consumer-time').innerText()).toBe(`${year}年${mm}月${dd}日 周三 14:00–15:00`);
    expect(await phone.getByTestId('consumer-center').innerText()).toBe('青岛市银行保险业纠纷调解中心');
    expect(await phone.getByTestId('consumer-channel').innerText()).toContain('视频调解');
    expect(await phone.getByTestId('consumer-mediator').innerText()).toContain('陈静');
    expect((await phone.getByTestId('consumer-case-number').innerText()).trim()).toBe(caseNumber);
    expect(await phone.getByTestId('consumer-answer').innerText()).toBe('尚未答复');
    await expectFitsPhone(phone);
    // the access token lives in this tab's sessionStorage, nowhere else
    const stored = await phone.evaluate(() => ({ session: Object.keys(sessionStorage), local: Object.keys(localStorage), cookie: document.cookie }));
    expect(stored.session).toContain(`accord.consumer.${token}`);
    expect(stored.local.filter((k) => k.startsWith('accord.consumer'))).toEqual([]);
    expect(stored.cookie).toBe('');
    await screenshot(phone, '5-phone-session');

    // the consumer confirms
    await phone.getByTestId('consumer-confirm').click();
    await phone.getByTestId('consumer-answer').filter({ hasText: '您已确认参加' }).waitFor();
    await screenshot(phone, '6-phone-confirmed');

    // the mediator's page, left open, follows without a reload
    await mediatorRow.getByTestId('confirmation-consumer').filter({ hasText: '消费者已确认' }).waitFor({ timeout: 20_000 });

    // the bank's handler confirms from its case page
    const bank = await newPage();
    await signIn(bank, 'icbc.qd.handler', '吴婷');
    await bank.goto(`/cases/${caseId}`);
    const bankRow = bank.getByTestId('sessions-table').locator('tr').filter({ hasText: '14:00' });
    await bankRow.getByTestId('confirmation-consumer').filter({ hasText: '消费者已确认' }).waitFor();
    expect(await bankRow.getByTestId('session-send-link').count()).toBe(0);
    await bankRow.getByTestId('session-confirm').click();
    await bankRow.getByTestId('confirmation-bank').filter({ hasText: '银行已确认' }).waitFor();
    await mediatorRow.getByTestId('confirmation-bank').filter({ hasText: '银行已确认' }).waitFor({ timeout: 20_000 });
    await screenshot(bank, '7-bank-confirmed');
    await screenshot(mediator, '8-mediator-both-confirmed');

    // everyone may download the invitation
    const [download] = await Promise.all([bank.waitForEvent('download'), bankRow.getByTestId('session-ics').click()]);
    expect(download.suggestedFilename()).toMatch(/\.ics$/);

    // the phone page survives a reload (same tab) and switches to English
    await phone.reload();
    await phone.getByTestId('consumer-answer').filter({ hasText: '您已确认参加' }).waitFor();
    await phone.getByTestId('lang-en').click();
    await phone.getByTestId('consumer-answer').filter({ hasText: 'You confirmed you will attend' }).waitFor();
    expect(await phone.getByTestId('consumer-time').innerText()).toMatch(new RegExp(`^Wed ${dd} Mar ${year}, 14:00–15:00$`));
    await expectFitsPhone(phone);
    await screenshot(phone, '9-phone-english');
    await phone.getByTestId('lang-zh-CN').click();

    // asking for another time instead, with a note
    await phone.getByTestId('consumer-ask').click();
    await phone.getByTestId('consumer-note').fill('工作日白天不方便，周末可以');
    await phone.getByTestId('consumer-send-request').click();
    await phone.getByTestId('consumer-answer').filter({ hasText: '您已申请改期' }).waitFor();
    await mediatorRow.getByTestId('confirmation-consumer').filter({ hasText: '消费者申请改期' }).waitFor({ timeout: 20_000 });
  }, 180_000);

  it('a link that is not (or no longer) valid says so', async () => {
    const phone = await newPage({ phone: true });
    await phone.goto('/c/NotARealLinkTokenAtAll12345');
    await phone.getByTestId('consumer-get-code').click();
    await phone.getByTestId('consumer-fatal').filter({ hasText: '该链接无效' }).waitFor();
    expect(await phone.getByTestId('consumer-code-step').count()).toBe(0);
    await expectFitsPhone(phone);
    await screenshot(phone, '10-phone-bad-link');
  }, 60_000);
});
