import type { Page } from 'playwright-core';
import { BrowserStage } from './support/browser-stage';
import { inSessionCase } from './support/stories';
import { eventually, SignedIn, TestWorld } from './support/test-world';
import { sentMessage as sentMessageOf } from './support/messages';


/**
 * The loop the product exists for, in the browser: the mediator records a settlement on the case
 * page, the bank's handler signs the agreement in the portal, the consumer signs it on a phone
 * from the SMS link, the mediator signs last — and the center's 统计分析 shows the success rate
 * moved by this one case, agreeing with the API. Build the portal first (test:browser does it).
 */
describe('from a settlement to the success rate', () => {
  let world: TestWorld;
  let stage: BrowserStage;
  let intake: SignedIn;
  let handler: SignedIn;
  let mediator: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    stage = await BrowserStage.open('settlement-to-dashboard');
    world = stage.world;
    await world.startWorker();
    [intake, handler, mediator, admin] = await Promise.all(['qd.intake', 'icbc.qd.handler', 'qd.mediator', 'qd.admin'].map((u) => world.signIn(u)));
  });
  afterAll(async () => {
    await stage?.close();
  });
  afterEach(() => stage.afterEach());

  const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const thisYear = async () =>
    (await world.http.get(`/api/v1/statistics/dashboard?from=${today().slice(0, 4)}-01-01&to=${today()}`).set(admin.auth).expect(200)).body.total as { settled: number; successRate: number | null };
  const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(2)}%`);

  const sentMessage = (caseId: string, pattern: RegExp, except?: ReadonlySet<string>) => sentMessageOf(world, intake, caseId, pattern, except);
  const confirm = (page: Page) => page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
  const dashboardTotal = async (page: Page, key: string) => (await page.getByTestId(`statistics-total-${key}`).innerText()).trim();

  it('records, signs three times, and the dashboard’s rate moves', async () => {
    const { caseId } = await inSessionCase(world, { handler, intake, mediator }, 'qd.mediator', '张小三');

    // The center admin's dashboard before: this year's rate.
    const board = await stage.newPage();
    await stage.signIn(board, 'qd.admin', '刘洋');
    await board.getByTestId('nav-statistics').click();
    await board.getByTestId('statistics-definition').filter({ hasText: '调解成功率 = 调解成功 ÷（调解成功 + 未成功 + 终止）' }).waitFor();
    const before = await thisYear();
    await board.getByTestId('statistics-total-successRate').filter({ hasText: percent(before.successRate) }).waitFor();
    expect(await dashboardTotal(board, 'settled')).toBe(String(before.settled));
    await stage.screenshot(board, '1-dashboard-before');

    // The mediator records the settlement on the case page.
    const desk = await stage.newPage();
    await stage.signIn(desk, 'qd.mediator', '张伟');
    await desk.goto(`/cases/${caseId}`);
    await desk.getByTestId('outcome-record').click();
    const dialog = desk.locator('.ant-modal:visible');
    await dialog.getByTestId('outcome-refund').fill('880');
    await dialog.getByTestId('outcome-fee-waiver').fill('120');
    await dialog.getByTestId('outcome-free-text').fill('银行退还分期手续费 880 元并减免违约金 120 元。');
    await dialog.getByRole('button', { name: '确认记录' }).click();
    await desk.getByTestId('outcome-card').getByTestId('outcome-settled-amount').filter({ hasText: '¥1,000.00' }).waitFor();
    await desk.getByTestId('case-status').filter({ hasText: '调解成功' }).waitFor();

    // The agreement: drafted by the mediator, signed by the bank in the portal …
    const panel = desk.getByTestId('case-documents');
    await panel.getByTestId('document-generate').click();
    const doc = panel.getByTestId('document-agreement');
    await doc.getByTestId('document-status').filter({ hasText: '草稿' }).waitFor();
    const bank = await stage.newPage();
    await stage.signIn(bank, 'icbc.qd.handler', '吴婷');
    await bank.goto(`/cases/${caseId}`);
    await bank.getByTestId('document-agreement').getByTestId('document-sign').click();
    await confirm(bank);
    await doc.getByTestId('signature-institution').filter({ hasText: '吴婷' }).waitFor({ timeout: 20_000 });

    // … by the consumer on a phone from the SMS link …
    await doc.getByTestId('document-send-link').click();
    const token = (await sentMessage(caseId, /调解协议书已生成.*\/c\/([A-Za-z0-9_-]{20,64})/))[1];
    const phone = await stage.newPage({ phone: true });
    await phone.goto(`/c/${token}`);
    await phone.getByTestId('consumer-get-code').click();
    await phone.getByTestId('consumer-code').fill((await sentMessage(caseId, /验证码 (\d{6})/))[1]);
    await phone.getByTestId('consumer-verify').click();
    await phone.getByTestId('consumer-sign-confirm').click();
    await phone.getByTestId('consumer-sign').click();
    await phone.getByTestId('consumer-signed-at').waitFor();
    await stage.screenshot(phone, '2-consumer-signed');

    // … and by the mediator last: frozen, with its SHA-256.
    await doc.getByTestId('document-sign').click({ timeout: 20_000 });
    await confirm(desk);
    await doc.getByTestId('document-status').filter({ hasText: '已签署' }).waitFor();
    expect((await doc.getByTestId('document-sha256').innerText()).trim()).toMatch(/^[0-9a-f]{64}$/);
    await stage.screenshot(desk, '3-agreement-signed');

    // The dashboard, read again, counts the settlement: the rate moved, as the API says.
    const after = await eventually(async () => {
      const now = await thisYear();
      return now.settled === before.settled + 1 ? now : null;
    }, 20_000);
    expect(after.successRate).not.toBe(before.successRate);
    await board.reload();
    await board.getByTestId('statistics-total-successRate').filter({ hasText: percent(after.successRate) }).waitFor();
    expect(await dashboardTotal(board, 'settled')).toBe(String(before.settled + 1));
    expect(await dashboardTotal(board, 'successRate')).not.toBe(percent(before.successRate));
    await stage.screenshot(board, '4-dashboard-after');
  });
});
