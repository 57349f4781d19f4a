import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { BrowserStage } from './support/browser-stage';
import { eventually, SignedIn, TestWorld } from './support/test-world';

/**
 * The consumer's own consent, end to end in a browser (issue 17): the branch's handler files a
 * referral choosing "the consumer is not here", sees the QR code once and the draft waiting; the
 * consumer opens the link on a phone, enters the SMS code, reads what the center will receive and
 * agrees; the handler's page turns to 已提交 live and the referral is in the center's queue.
 * Build the portal first (`npm run build:portal`; test:browser does it).
 */
describe('consent: from the branch\'s "awaiting consent" to the center\'s queue', () => {
  let world: TestWorld;
  let stage: BrowserStage;
  let intake: SignedIn;
  let pg: Client;

  beforeAll(async () => {
    stage = await BrowserStage.open('consent');
    world = stage.world;
    await world.startWorker();
    intake = await world.signIn('qd.intake');
    pg = new Client({ connectionString: world.env.DATABASE_URL });
    await pg.connect();
  });
  afterAll(async () => {
    await pg?.end();
    await stage?.close();
  });
  afterEach(() => stage.afterEach());

  /** The newest SMS of the case matching `pattern`, read from the bank's message log as the database owner. */
  const sms = (caseId: string, pattern: RegExp) =>
    eventually(async () => {
      const { rows } = await pg.query<{ body: string }>(`SELECT body FROM outbound_messages WHERE case_id = $1 ORDER BY created_at DESC`, [caseId]);
      const m = rows.find((r) => pattern.test(r.body));
      return m ? pattern.exec(m.body)! : null;
    }, 20_000);

  /** Picks `option` in the Select labelled `label`. */
  async function choose(page: Page, label: string, option: string) {
    await page.getByLabel(label, { exact: true }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: option }).first().click();
  }

  async function fillReferral(page: Page) {
    await page.getByTestId('nav-case-new').click();
    await page.waitForURL((url) => url.pathname === '/cases/new');
    await page.getByTestId('case-form').waitFor();
    await choose(page, '调解中心', '青岛市银行保险业纠纷调解中心');
    await page.getByLabel('姓名', { exact: true }).fill('刘小燕');
    await page.getByLabel('证件号码', { exact: true }).fill('11010519491231002X');
    await page.getByLabel('手机号码', { exact: true }).fill('13912345678');
    await choose(page, '业务类别', '信用卡');
    await choose(page, '争议类型', '息费减免');
    await page.getByLabel('涉及金额（元）', { exact: true }).fill('12800');
    await page.getByLabel('事实与经过', { exact: true }).fill('分期手续费争议，消费者在外地，无法到网点。');
    await page.getByLabel('消费者诉求', { exact: true }).fill('减免分期手续费');
  }

  it('the handler sends the link, the consumer agrees on a phone, the referral reaches the center', async () => {
    const desk = await stage.newPage();
    await stage.signIn(desk, 'icbc.qd.handler', '吴婷');
    await fillReferral(desk);
    await desk.getByTestId('field-consent-link').click();
    await desk.getByTestId('case-submit').filter({ hasText: '发送同意链接' }).click();

    // The QR code, once, on the case page; the draft waits.
    const modal = desk.getByRole('dialog').filter({ hasText: '请消费者扫码或打开短信链接确认' });
    await modal.getByTestId('consent-qr').waitFor();
    const url = (await modal.getByTestId('consent-url').innerText()).trim();
    expect(url).toMatch(/\/c\/[A-Za-z0-9_-]{20,64}$/);
    await stage.screenshot(desk, '1-branch-qr-code');
    await modal.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await desk.getByTestId('consent-state').filter({ hasText: '等待消费者确认' }).waitFor();
    const caseId = /\/cases\/([0-9a-f-]{36})/.exec(desk.url())![1];
    expect(await desk.getByTestId('consent-resend').count()).toBe(1);
    expect(await desk.getByTestId('consent-cancel').count()).toBe(1);
    // The center sees nothing yet.
    expect((await world.http.get(`/api/v1/cases/${caseId}`).set(intake.auth)).status).toBe(404);
    // The SMS carries the same link.
    expect((await sms(caseId, /请点击 (\S+) 查看/))[1]).toBe(url);

    // The center lets consumers choose their mediator (its admin's switch on 调解方法).
    const centerAdmin = await world.signIn('qd.admin');
    await world.http.put('/api/v1/case-settings/consumer-choice').set(centerAdmin.auth).send({ enabled: true }).expect(200);

    // The consumer, on a phone, not signed in anywhere.
    const phone = await stage.newPage({ phone: true });
    await phone.goto(new URL(url).pathname);
    await phone.getByTestId('consumer-get-code').click();
    const code = (await sms(caseId, /验证码 (\d{6})/))[1];
    await phone.getByTestId('consumer-code').fill(code);
    await phone.getByTestId('consumer-verify').click();
    const text = phone.getByTestId('consent-text');
    await text.waitFor();
    const read = await text.innerText();
    expect(read).toContain('中国工商银行');
    expect(read).toContain('青岛市银行保险业纠纷调解中心');
    expect(read).toContain('12,800.00 元');
    expect(read).toContain('个人信息保护法');
    expect(read).toContain('您可以不同意');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await stage.screenshot(phone, '2-phone-consent-text');
    // Up to three mediators offered, 赵敏 (affiliated with the bank) never among them.
    const offered = phone.getByTestId('consent-mediator');
    expect(await offered.count()).toBeGreaterThan(0);
    expect(await offered.count()).toBeLessThanOrEqual(3);
    expect(await phone.getByTestId('consent-mediators').innerText()).not.toContain('赵敏');
    const pickedName = (await offered.first().innerText()).split('·')[0].trim();
    await offered.first().click();
    await phone.getByTestId('consent-agree').click();
    await phone.getByTestId('consent-outcome').filter({ hasText: '您已同意调解' }).waitFor();
    await stage.screenshot(phone, '3-phone-agreed');

    // The handler's page follows live: submitted, numbered, consent by link.
    await desk.getByTestId('case-status').filter({ hasText: '已提交' }).waitFor({ timeout: 20_000 });
    await desk.getByTestId('consent-state').filter({ hasText: '消费者已通过链接同意' }).waitFor();
    await stage.screenshot(desk, '4-branch-submitted');

    // The center's queue has it.
    const center = await stage.newPage();
    await stage.signIn(center, 'qd.intake', '王芳');
    await center.getByTestId('nav-intake').click();
    const caseNumber = (await desk.getByTestId('case-number').innerText()).trim();
    await center.getByTestId(`intake-row-${caseNumber}`).waitFor({ timeout: 20_000 });
    await stage.screenshot(center, '5-center-queue');

    // Accepted, the assign dialog shows the consumer's pick, preselected.
    await world.http.post(`/api/v1/cases/${caseId}/accept`).set(intake.auth).send({}).expect(200);
    await center.goto(`/cases/${caseId}`);
    await center.getByTestId('action-assign').click();
    const dialog = center.getByRole('dialog').filter({ hasText: '分派调解员' });
    const choice = dialog.locator('[data-testid^="assign-option-"]').filter({ has: center.getByTestId('assign-consumer-choice') });
    await choice.waitFor();
    expect(await choice.innerText()).toContain(pickedName);
    expect(await choice.locator('input[type="radio"]').isChecked()).toBe(true);
    await stage.screenshot(center, '6-assign-consumer-choice');
  });
});
