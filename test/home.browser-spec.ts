import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { BrowserStage } from './support/browser-stage';
import type { SignedIn, TestWorld } from './support/test-world';
import { assignedCase, inSessionCase } from './support/stories';

/**
 * Each role's home page starts the day (README "Home pages"), at 1366×768, in Chinese and English:
 * the handler's cases waiting on the bank (one returned, one with the mediator's question) and the
 * refund due tomorrow, live; the intake officer's queue with one clock due today and one breached;
 * the mediator's fresh assignment and today's session; the center admin's breaches and caseload;
 * the bank admin's view of the whole institution; the regulator's jurisdiction. Screenshots
 * test-results/home-<role>-zh.png / -en.png.
 */
describe('home pages in the browser', () => {
  let stage: BrowserStage;
  let world: TestWorld;
  let owner: Client;
  let handler: SignedIn;
  let intake: SignedIn;
  let mediator: SignedIn;
  const seeded = { returned: '', asked: '', dueToday: '', breached: '', settled: '', lateAssignment: '' };
  const numbers: Record<string, string> = {};

  const day = (n: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86400_000));
  // A run may cross midnight in Beijing between seeding and looking (a session booked at 23:58 is
  // tomorrow's): the pages name each day relative to the moment they are read, and so do the checks.
  const days = { session: '', refundDue: '' };
  const isToday = (d: string) => d === day(0);
  const sessionDay = (lang: 'zh' | 'en') => (isToday(days.session) ? { zh: '今天', en: 'Today' } : { zh: '明天', en: 'Tomorrow' })[lang];
  const refundDue = (lang: 'zh' | 'en') => (isToday(days.refundDue) ? { zh: '今天到期', en: 'Due today' } : { zh: '明天到期', en: 'Due tomorrow' })[lang];
  const late = (d: string) => Math.round((Date.parse(day(0)) - Date.parse(d)) / 86400_000);
  /** A clock as the home pages show it: due today, or overdue by the days since its due day. */
  const clock = (kind: string, d: string) => (isToday(d) ? `${kind} · 今天到期` : `${kind} · 已超时 ${late(d)} 天`);
  const clockEn = (kind: string, d: string) => `${kind} · ${late(d)} day${late(d) === 1 ? '' : 's'} overdue`;
  const clocks = { intakeToday: day(0), intakeBreached: day(-1), firstSession: day(-2) };
  const file = async (name: string) => {
    const res = await world.http.post('/api/v1/cases').set(handler.auth).send({
      centerId: world.org('qd-center'),
      businessLine: 'credit_card',
      disputeType: 'fee_reduction',
      amountFen: 660000,
      facts: '信用卡年费争议',
      claims: '退还年费',
      consumer: { name, idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345678' },
      consentGiven: true,
    });
    if (res.status !== 201) throw new Error(`filing failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };

  beforeAll(async () => {
    stage = await BrowserStage.open('home');
    world = stage.world;
    await world.startWorker();
    owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    [handler, intake, mediator] = await Promise.all(['icbc.qd.handler', 'qd.intake', 'qd.mediator'].map((u) => world.signIn(u)));

    // The bank: one case returned for more information, one with the mediator's question unanswered.
    seeded.returned = await file('周小燕');
    await world.http.post(`/api/v1/cases/${seeded.returned}/return`).set(intake.auth).send({ note: '请补充年费收取通知' }).expect(200);
    seeded.asked = await assignedCase(world, { handler, intake }, 'qd.mediator', '陈小军');
    await world.http.post(`/api/v1/cases/${seeded.asked}/comments`).set(mediator.auth).send({ body: '请银行在12-15前提供退款凭证', internal: false }).expect(201);
    // A settlement whose refund the bank owes tomorrow (its session today, for the mediator's home).
    const { caseId, sessionId } = await inSessionCase(world, { handler, intake, mediator }, 'qd.mediator', '林小华');
    seeded.settled = caseId;
    const { rows: session } = await owner.query(`SELECT to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day FROM mediation_sessions WHERE id = $1`, [sessionId]);
    days.session = session[0].day as string;
    days.refundDue = day(1);
    await world.http
      .post(`/api/v1/cases/${caseId}/outcome`)
      .set(mediator.auth)
      .send({
        outcome: 'settled',
        terms: { refundFen: 66000, feeWaiverFen: 0, freeText: '银行退还年费。', obligations: [{ owedBy: 'institution', description: '退还信用卡年费', amountFen: 66000, dueOn: days.refundDue }] },
      })
      .expect(201);
    // The intake queue: one clock due today, one breached yesterday (as if filed days ago).
    seeded.dueToday = await file('黄小梅');
    seeded.breached = await file('郑小东');
    await owner.query(`UPDATE cases SET intake_due_on = $2 WHERE id = $1`, [seeded.dueToday, clocks.intakeToday]);
    await owner.query(`UPDATE cases SET intake_due_on = $2 WHERE id = $1`, [seeded.breached, clocks.intakeBreached]);
    // A fresh assignment of the mediator whose first-session clock already ran out: the admin's breach.
    seeded.lateAssignment = await assignedCase(world, { handler, intake }, 'qd.mediator', '何小平');
    await owner.query(`UPDATE cases SET first_session_due_on = $2 WHERE id = $1`, [seeded.lateAssignment, clocks.firstSession]);
    const { rows } = await owner.query(`SELECT id, case_number FROM cases WHERE id = ANY($1::uuid[])`, [Object.values(seeded)]);
    for (const r of rows as { id: string; case_number: string }[]) numbers[r.id] = r.case_number;
  }, 180000);

  afterAll(async () => {
    await owner?.end();
    await stage?.close();
  });

  afterEach(() => stage.afterEach());

  async function open(username: string, displayName: string): Promise<Page> {
    const page = await stage.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await stage.signIn(page, username, displayName);
    await page.getByTestId('socket-state').filter({ hasText: '已连接' }).waitFor();
    return page;
  }

  /** The card's rows that name the case (its number), as text. */
  async function row(page: Page, card: string, caseId: string): Promise<string> {
    const item = page.getByTestId(card === 'home-sessions' ? 'today-session' : `${card}-item`).filter({ hasText: numbers[caseId] });
    await item.waitFor();
    return (await item.innerText()).replace(/\s+/g, ' ');
  }

  async function toEnglish(page: Page): Promise<void> {
    await page.getByTestId('lang-en').click();
    await page.getByTestId('socket-state').filter({ hasText: 'Connected' }).waitFor();
  }

  /** No card is wider than the window: nothing clipped at 1366. */
  async function fits(page: Page): Promise<void> {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }

  it('the complaint handler sees what waits on the bank and the refund due tomorrow, live', async () => {
    const page = await open('icbc.qd.handler', '吴婷');
    expect(await page.getByTestId('live-events').count()).toBe(0);
    expect(await row(page, 'home-waiting-bank', seeded.returned)).toContain('调解中心退回，需补充材料');
    expect(await row(page, 'home-waiting-bank', seeded.returned)).toContain('周*燕');
    expect(await row(page, 'home-waiting-bank', seeded.asked)).toContain('调解中心的留言待回复');
    expect(await row(page, 'home-obligations', seeded.settled)).toContain(`退还信用卡年费 · ¥660.00 ${refundDue('zh')}`);
    await page.getByTestId('today-session').filter({ hasText: numbers[seeded.settled] }).waitFor();
    // Each item is a link to its case.
    expect(await page.getByTestId('home-waiting-bank-item').filter({ hasText: numbers[seeded.asked] }).getByTestId('home-case-link').getAttribute('href')).toBe(`/cases/${seeded.asked}`);
    await fits(page);
    await stage.screenshot(page, 'handler-zh');

    // Live: the handler answers the question elsewhere (here over the API) and the item leaves without a reload.
    await world.http.post(`/api/v1/cases/${seeded.asked}/comments`).set(handler.auth).send({ body: '已上传退款凭证', internal: false }).expect(201);
    await page.getByTestId('home-waiting-bank-item').filter({ hasText: numbers[seeded.asked] }).waitFor({ state: 'detached' });

    await toEnglish(page);
    expect(await row(page, 'home-waiting-bank', seeded.returned)).toContain('Returned for more info');
    expect(await row(page, 'home-obligations', seeded.settled)).toContain(refundDue('en'));
    await page.getByText('Cases waiting on the bank').waitFor();
    await fits(page);
    await stage.screenshot(page, 'handler-en');

    // "See all" opens the filtered list.
    await page.getByTestId('home-waiting-bank-all').click();
    await page.waitForURL((url) => url.pathname === '/cases' && url.searchParams.get('awaiting') === 'institution');
    await page.getByTestId('filter-awaiting').waitFor();
    await page.getByTestId(`case-row-${numbers[seeded.returned]}`).waitFor();
    expect(await page.getByTestId(`case-row-${numbers[seeded.asked]}`).count()).toBe(0);
  });

  it('the intake officer sees the queue clocks due today and breached, and the queue by state', async () => {
    const page = await open('qd.intake', '王芳');
    expect(await row(page, 'home-intake-clocks', seeded.dueToday)).toContain(clock('受理', clocks.intakeToday));
    expect(await row(page, 'home-intake-clocks', seeded.breached)).toContain(clock('受理', clocks.intakeBreached));
    expect(await row(page, 'home-intake-clocks', seeded.breached)).toContain('郑*东');
    // Filed today with five working days to go: not yet about to breach.
    expect(await page.getByTestId('home-intake-clocks-item').filter({ hasText: numbers[seeded.returned] }).count()).toBe(0);
    const submitted = page.getByTestId('home-intake-count-submitted');
    await submitted.filter({ hasText: /\d/ }).waitFor();
    expect(Number(await submitted.getAttribute('data-count'))).toBeGreaterThanOrEqual(2);
    await fits(page);
    await stage.screenshot(page, 'intake-zh');
    await toEnglish(page);
    expect(await row(page, 'home-intake-clocks', seeded.breached)).toContain(clockEn('Intake', clocks.intakeBreached));
    await page.getByText('Intake clocks due soon or breached').waitFor();
    await fits(page);
    await stage.screenshot(page, 'intake-en');

    await page.getByTestId('home-intake-clocks-all').click();
    await page.waitForURL((url) => url.pathname === '/intake' && url.searchParams.get('dueBy') === day(1));
    await page.getByTestId('filter-due-by').waitFor();
    await page.getByTestId(`intake-row-${numbers[seeded.breached]}`).waitFor();
    // a clock due in five working days is not on the list
    expect(await page.getByTestId(`intake-row-${numbers[seeded.returned]}`).count()).toBe(0);
  });

  it('the mediator sees the new assignments and today’s session', async () => {
    const page = await open('qd.mediator', '张伟');
    expect(await row(page, 'home-new-assignments', seeded.lateAssignment)).toContain(clock('首次调解', clocks.firstSession));
    expect(await row(page, 'home-new-assignments', seeded.asked)).toContain('陈*军');
    expect(await row(page, 'home-sessions', seeded.settled)).toContain(sessionDay('zh'));
    // A settled case is no longer "new".
    expect(await page.getByTestId('home-new-assignments-item').filter({ hasText: numbers[seeded.settled] }).count()).toBe(0);
    await fits(page);
    await stage.screenshot(page, 'mediator-zh');
    await toEnglish(page);
    expect(await row(page, 'home-sessions', seeded.settled)).toContain(sessionDay('en'));
    await page.getByText('Newly assigned to me (no session yet)').waitFor();
    await fits(page);
    await stage.screenshot(page, 'mediator-en');
  });

  it('the center admin sees the breaches and the caseload', async () => {
    const page = await open('qd.admin', '刘洋');
    expect(await row(page, 'home-breaches', seeded.breached)).toContain(clock('受理', clocks.intakeBreached));
    expect(await row(page, 'home-breaches', seeded.lateAssignment)).toContain(clock('首次调解', clocks.firstSession));
    const mediatorRow = page.getByTestId('home-caseload').locator('tbody tr').filter({ hasText: '张伟' });
    await mediatorRow.waitFor();
    const cells = await mediatorRow.locator('td').allInnerTexts();
    expect(Number(cells[2])).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('home-caseload').getByRole('link', { name: '案件量看板' }).getAttribute('href')).toBe('/caseload');
    await fits(page);
    await stage.screenshot(page, 'admin-zh');
    await toEnglish(page);
    await page.getByText('Caseload by mediator').waitFor();
    await page.getByText('Breached clocks').waitFor();
    await fits(page);
    await stage.screenshot(page, 'admin-en');
  });

  it('the bank admin sees the whole institution’s waiting cases and obligations', async () => {
    const page = await open('icbc.admin', '孙丽');
    expect(await row(page, 'home-waiting-bank', seeded.returned)).toContain('调解中心退回，需补充材料');
    expect(await row(page, 'home-obligations', seeded.settled)).toContain(refundDue('zh'));
    await fits(page);
    await stage.screenshot(page, 'bank-admin-zh');
    await toEnglish(page);
    await page.getByText('Obligations due (owed by the bank)').waitFor();
    await stage.screenshot(page, 'bank-admin-en');
  });

  it('the regulator keeps the jurisdiction at a glance, with no case cards', async () => {
    const page = await open('qd.regulator', '何军');
    await page.getByTestId('home-org-name').waitFor();
    expect(await page.getByTestId('home-cards').count()).toBe(0);
    await fits(page);
    await stage.screenshot(page, 'regulator-zh');
    await toEnglish(page);
    await stage.screenshot(page, 'regulator-en');
  });
});
