import type { Page } from 'playwright-core';
import { BrowserStage } from './support/browser-stage';
import { assignedCase as assignedCaseFor, ensureCalendarYear, FULL_WEEK_HOURS } from './support/stories';
import { SignedIn, TestWorld } from './support/test-world';

/**
 * Booking a session in two browsers: the mediator 张伟 opens an assigned case and books a video
 * session from the free slots (someone else takes the first one under their nose: the dialog
 * says so and refreshes the slots); the bank's handler, who has the case open, sees the session
 * appear and the case turn 已排期 without reloading; the mediator's week calendar shows the block.
 * Build the portal first (`npm run build:portal`; test:browser does it).
 */


/** Beijing wall-clock parts of an instant. */
function beijing(iso: string): { date: string; time: string } {
  const s = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return { date: s.slice(0, 10), time: s.slice(11, 16) };
}

/** The Monday (YYYY-MM-DD) of the week holding a date. */
function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86400_000).toISOString().slice(0, 10);
}

describe('scheduling in a browser', () => {
  let world: TestWorld;
  let stage: BrowserStage;
  let admin: SignedIn;
  let intake: SignedIn;
  let handler: SignedIn;

  beforeAll(async () => {
    stage = await BrowserStage.open('scheduling');
    world = stage.world;
    // socket events are relayed from the outbox by the worker
    await world.startWorker();
    [admin, intake, handler] = await Promise.all([world.signIn('qd.admin'), world.signIn('qd.intake'), world.signIn('icbc.qd.handler')]);
    // the demo calendar may stop at this year: slots near the year's end reach into the next one
    const nextYear = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() + 1;
    await ensureCalendarYear(world, admin, nextYear);
    await world.http.put(`/api/v1/mediators/${world.ids.users['qd.mediator']}/working-hours`).set(admin.auth).send({ hours: FULL_WEEK_HOURS }).expect(200);
  });

  afterAll(async () => {
    await stage?.close();
  });

  afterEach(() => stage.afterEach());

  /** A case filed by the bank, accepted and assigned to 张伟 (qd.mediator). */
  const assignedCase = (consumer = '张小三') => assignedCaseFor(world, { handler, intake }, 'qd.mediator', consumer);

  const newPage = (opts: { phone?: boolean } = {}): Promise<Page> => stage.newPage(opts);

  const signIn = (page: Page, username: string, displayName: string) => stage.signIn(page, username, displayName);

  const screenshot = (page: Page, name: string) => stage.screenshot(page, name);

  it('the mediator books a video session from a free slot; the bank sees it and 已排期 live; the calendar shows it', async () => {
    const caseId = await assignedCase();
    const other = await assignedCase('李四');

    // the bank's handler has the case open
    const bank = await newPage();
    await signIn(bank, 'icbc.qd.handler', '吴婷');
    await bank.goto(`/cases/${caseId}`);
    await bank.getByTestId('case-status').filter({ hasText: '已分派' }).waitFor();
    await bank.getByTestId('sessions-card').getByText('尚未预约调解会议').waitFor();
    // banks read sessions; they don't book them
    expect(await bank.getByTestId('book-session').count()).toBe(0);

    // the mediator opens the case and the booking dialog
    const mediator = await newPage();
    await signIn(mediator, 'qd.mediator', '张伟');
    await mediator.getByTestId('nav-schedule').waitFor();
    await mediator.goto(`/cases/${caseId}`);
    await mediator.getByTestId('case-status').filter({ hasText: '已分派' }).waitFor();
    const caseNumber = (await mediator.getByTestId('case-number').innerText()).trim();
    await mediator.getByTestId('book-session').click();
    const dialog = mediator.getByRole('dialog').filter({ hasText: '预约调解会议' });
    await dialog.waitFor();
    await dialog.getByText('视频', { exact: true }).click();
    await dialog.getByTestId('participant-name').first().fill('张小三');
    // by its text's end: antd may keep a fading "loading" icon (and its label) in the button after a failed try
    const submit = dialog.getByRole('button', { name: /预约会议$/ });
    const slots = dialog.getByTestId('slot');
    await slots.first().waitFor();
    // the day groups carry Chinese weekday labels
    expect(await dialog.locator('[data-testid^="slot-day-"]').first().innerText()).toMatch(/周[一二三四五六日]/);
    const taken = (await slots.first().getAttribute('data-starts-at'))!;
    // the slots are in Beijing time, in the mediator's hours
    expect(await slots.first().innerText()).toBe(beijing(taken).time);
    await slots.first().click();
    await screenshot(mediator, '1-booking-dialog');

    // meanwhile intake books 张伟 for another case at that very time
    await world.http.post(`/api/v1/cases/${other}/sessions`).set(intake.auth).send({ channel: 'phone', startsAt: taken, minutes: 60 }).expect(201);
    await submit.click();
    await dialog.getByTestId('booking-problem').filter({ hasText: '刚刚被他人预约' }).waitFor();
    // the slots are refreshed: the taken time is gone
    await dialog.locator(`[data-testid="slot"][data-starts-at="${taken}"]`).waitFor({ state: 'detached' });
    await screenshot(mediator, '2-slot-taken');

    const chosen = (await slots.first().getAttribute('data-starts-at'))!;
    await slots.first().click();
    await submit.click();
    await dialog.waitFor({ state: 'hidden' });
    const when = beijing(chosen);
    const row = mediator.getByTestId('sessions-table').locator('tr').filter({ hasText: when.time });
    await row.getByTestId('session-status').filter({ hasText: '已预约' }).waitFor();
    expect(await row.innerText()).toContain('视频');
    expect(await row.innerText()).toContain('张小三（消费者）');
    expect(await row.getByTestId('session-time').innerText()).toContain(`${when.date} ${when.time}`);
    await mediator.getByTestId('case-status').filter({ hasText: '已排期' }).waitFor();
    await screenshot(mediator, '3-mediator-booked');
    // On a 1280-px screen every action of the row stays inside the card: the buttons wrap, none is cut off.
    await mediator.setViewportSize({ width: 1280, height: 800 });
    const card = (await mediator.getByTestId('sessions-card').boundingBox())!;
    const buttons = row.locator('td').last().locator('button');
    expect(await buttons.count()).toBeGreaterThanOrEqual(5);
    for (const b of await buttons.all()) {
      const box = (await b.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(card.x + card.width);
    }
    await screenshot(mediator, '3b-mediator-booked-1280');

    // the bank's page, left open, follows without a reload
    const bankRow = bank.getByTestId('sessions-table').locator('tr').filter({ hasText: when.time });
    await bankRow.getByTestId('session-status').filter({ hasText: '已预约' }).waitFor({ timeout: 20_000 });
    await bank.getByTestId('case-status').filter({ hasText: '已排期' }).waitFor({ timeout: 20_000 });
    expect(await bankRow.innerText()).toContain('视频');
    await screenshot(bank, '4-bank-sees-session');

    // the mediator's calendar shows the block in its week
    await mediator.getByTestId('nav-schedule').click();
    await mediator.waitForURL((url) => url.pathname === '/schedule');
    await mediator.getByTestId('schedule-grid').waitFor();
    const today = beijing(new Date().toISOString()).date;
    const weeks = Math.round((Date.parse(mondayOf(when.date)) - Date.parse(mondayOf(today))) / (7 * 86400_000));
    for (let i = 0; i < weeks; i++) await mediator.getByTestId('schedule-next').click();
    const column = mediator.getByTestId(`schedule-column-${when.date}`);
    const block = column.getByTestId('calendar-session').filter({ hasText: caseNumber });
    await block.waitFor();
    expect(await block.innerText()).toContain('视频');
    expect(await block.innerText()).toContain(when.time);
    expect(await block.getAttribute('data-status')).toBe('booked');
    // the other case's session (booked by intake) is there too, at the taken time
    const taker = column.getByTestId('calendar-session').filter({ hasText: beijing(taken).time });
    if (beijing(taken).date === when.date) await taker.first().waitFor();
    await screenshot(mediator, '5-mediator-calendar');

    // the day view, then back to the case by clicking the block
    await mediator.getByTestId('schedule-view').getByText('日', { exact: true }).click();
    await mediator.getByTestId('schedule-today').click();
    for (let i = 0; i < Math.round((Date.parse(when.date) - Date.parse(today)) / 86400_000); i++) await mediator.getByTestId('schedule-next').click();
    await mediator.getByTestId(`schedule-column-${when.date}`).getByTestId('calendar-session').filter({ hasText: caseNumber }).waitFor();
    await screenshot(mediator, '6-mediator-day');
    await mediator.getByTestId(`schedule-column-${when.date}`).getByTestId('calendar-session').filter({ hasText: caseNumber }).click();
    await mediator.waitForURL((url) => url.pathname === `/cases/${caseId}`);
    await mediator.getByTestId('case-status').filter({ hasText: '已排期' }).waitFor();

    // the consumer works days: the mediator moves it to 19:00 the next day, outside the hours, saying why
    const nextDay = new Date(Date.parse(`${when.date}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
    await mediator.getByTestId('sessions-table').locator('tr').filter({ hasText: when.time }).getByTestId('session-reschedule').click();
    const move = mediator.getByRole('dialog').filter({ hasText: '会议改期' });
    await move.getByLabel('改期原因', { exact: true }).fill('消费者白天上班');
    await move.getByTestId('outside-hours').click();
    const picker = move.getByTestId('outside-at');
    await picker.click();
    await picker.fill(`${nextDay} 19:00`);
    await picker.press('Enter');
    await move.getByLabel('工作时间外预约原因', { exact: true }).fill('消费者只能晚上参加');
    await screenshot(mediator, '6b-reschedule-outside-hours');
    await move.getByRole('button', { name: /改期$/ }).click();
    await move.waitFor({ state: 'hidden' });
    await mediator.getByTestId('sessions-table').getByTestId('session-time').filter({ hasText: `${nextDay} 19:00–20:00` }).waitFor();
    // the bank's page moves along
    await bank.getByTestId('sessions-table').getByTestId('session-time').filter({ hasText: `${nextDay} 19:00–20:00` }).waitFor({ timeout: 20_000 });
    when.date = nextDay;
    when.time = '19:00';

    // the bank's calendar (调解会议) shows it too
    await bank.getByTestId('nav-sessions').click();
    await bank.waitForURL((url) => url.pathname === '/schedule');
    const bankWeeks = Math.round((Date.parse(mondayOf(when.date)) - Date.parse(mondayOf(today))) / (7 * 86400_000));
    for (let i = 0; i < bankWeeks; i++) await bank.getByTestId('schedule-next').click();
    const bankBlock = bank.getByTestId(`schedule-column-${when.date}`).getByTestId('calendar-session').filter({ hasText: caseNumber });
    await bankBlock.waitFor();
    expect(await bankBlock.innerText()).toContain('19:00–20:00');
    await screenshot(bank, '7-bank-calendar');
  }, 150_000);

  it('the mediator keeps their working hours; the admin keeps the rooms, at a member bank\'s outlet, and retires one', async () => {
    const mediator = await newPage();
    await signIn(mediator, 'qd.mediator', '张伟');
    await mediator.getByTestId('nav-working-hours').click();
    await mediator.waitForURL((url) => url.pathname === '/working-hours');
    const monday = mediator.getByTestId('hours-day-1');
    await monday.locator('.ant-picker').nth(1).waitFor();
    expect(await monday.locator('.ant-picker input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['09:00', '12:00', '13:30', '17:30']);
    expect(await mediator.getByTestId('rooms-card').count()).toBe(0);
    await screenshot(mediator, '8-working-hours');

    const adminPage = await newPage();
    await signIn(adminPage, 'qd.admin', '刘洋');
    await adminPage.getByTestId('nav-working-hours').click();
    const card = adminPage.getByTestId('rooms-card');
    await card.waitFor();
    // The demo's station shows the outlet it sits at.
    await card.locator('tr').filter({ hasText: '香港中路网点调解工作联络站' }).filter({ hasText: '中国工商银行 · 香港中路网点' }).waitFor();
    const add = adminPage.getByTestId('room-add-form');
    await add.getByLabel('名称', { exact: true }).fill('中山路网点联络站');
    await add.getByLabel('地址', { exact: true }).fill('青岛市市南区中山路 68 号');
    // The outlet: a member institution first, then one of its branches.
    // The outlets load once the institution is chosen: pick one only after they arrived.
    const outlets = adminPage.waitForResponse((res) => res.url().includes('/api/v1/branches') && res.ok(), { timeout: 15_000 });
    await add.getByLabel('会员机构', { exact: true }).click();
    await adminPage.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '中国工商银行' }).first().click();
    await outlets;
    await add.getByLabel('所在网点', { exact: true }).click();
    await adminPage.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title').filter({ hasText: '中山路网点' }).first().click();
    await card.getByRole('button', { name: /添加调解室/ }).click();
    const row = card.locator('tr').filter({ hasText: '中山路网点联络站' });
    await row.filter({ hasText: '中国工商银行 · 中山路网点' }).waitFor();
    await screenshot(adminPage, '9-admin-rooms');

    // Editing starts from the room as it is, its outlet's institution chosen.
    await row.getByRole('button', { name: /编辑/ }).click();
    const dialog = adminPage.getByRole('dialog').filter({ hasText: '编辑调解室：中山路网点联络站' });
    await dialog.getByText('中国工商银行').first().waitFor();
    await dialog.getByLabel('地址', { exact: true }).fill('青岛市市南区中山路 70 号');
    await screenshot(adminPage, '9b-admin-room-edit');
    await dialog.getByRole('button', { name: /保\s?存/ }).click();
    await card.locator('tr').filter({ hasText: '青岛市市南区中山路 70 号' }).filter({ hasText: '中国工商银行 · 中山路网点' }).waitFor();

    // Retiring asks first, then the room reads 停用 (the booking dialog offers only rooms in use).
    await row.getByRole('switch').click();
    await adminPage.getByRole('button', { name: '停 用' }).or(adminPage.getByRole('button', { name: '停用', exact: true })).first().click();
    await row.locator('.ant-tag').filter({ hasText: '停用' }).waitFor();
    const rooms = (await world.http.get('/api/v1/rooms').set(admin.auth)).body.items as { name: string; isActive: boolean }[];
    expect(rooms.find((r) => r.name === '中山路网点联络站')?.isActive).toBe(false);
    await screenshot(adminPage, '10-admin-room-retired');
  }, 90_000);
});
