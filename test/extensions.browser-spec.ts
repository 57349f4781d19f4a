import { Client } from 'pg';
import { BrowserStage } from './support/browser-stage';
import { ensureCalendarYear, inSessionCase } from './support/stories';
import { eventually, SignedIn, TestWorld } from './support/test-world';

/**
 * Extending the mediation in a browser (issue 20 item 3): the mediator proposes 22 more days on
 * the case page, the bank's handler agrees on the same card, the consumer agrees on a phone after
 * the SMS code, and the case header's 调解期限 shows the new day across National Day with the
 * extension. Build the portal first (`npm run build:portal`).
 */
describe('extensions: both parties agree, the clock moves', () => {
  let world: TestWorld;
  let stage: BrowserStage;
  let handler: SignedIn;
  let intake: SignedIn;
  let mediator: SignedIn;
  let pg: Client;

  beforeAll(async () => {
    stage = await BrowserStage.open('extensions');
    world = stage.world;
    await world.startWorker();
    [handler, intake, mediator] = await Promise.all(['icbc.qd.handler', 'qd.intake', 'qd.mediator'].map((u) => world.signIn(u)));
    await ensureCalendarYear(world, await world.signIn('qd.admin'), new Date().getUTCFullYear() + 1);
    pg = new Client({ connectionString: world.env.DATABASE_URL });
    await pg.connect();
  });
  afterAll(async () => {
    await pg?.end();
    await stage?.close();
  });
  afterEach(() => stage.afterEach());

  const sms = (caseId: string, pattern: RegExp) =>
    eventually(async () => {
      const { rows } = await pg.query<{ body: string }>(`SELECT body FROM outbound_messages WHERE case_id = $1 ORDER BY created_at DESC`, [caseId]);
      const m = rows.find((r) => pattern.test(r.body));
      return m ? pattern.exec(m.body)! : null;
    }, 20_000);

  it('the mediator proposes, the bank and the consumer agree, the header shows the new due day', async () => {
    const { caseId } = await inSessionCase(world, { handler, intake, mediator }, 'qd.mediator', '刘小燕');
    // The first session, moved back to 2026-08-10 (as the owner): due 2026-09-09.
    await pg.query(`UPDATE cases SET mediation_started_on = '2026-08-10', mediation_due_on = '2026-09-09' WHERE id = $1`, [caseId]);

    const desk = await stage.newPage();
    await stage.signIn(desk, 'qd.mediator', '张伟');
    await desk.goto(`/cases/${caseId}`);
    await desk.getByTestId('clock-mediation').filter({ hasText: '2026-09-09' }).first().waitFor();
    await desk.getByTestId('extension-propose').click();
    await desk.getByLabel('延长天数', { exact: true }).fill('22');
    await desk.getByTestId('extension-reason').fill('双方正在核对还款流水，需要更多时间');
    await desk.getByRole('button', { name: '提交并通知双方' }).click();
    await desk.getByTestId('extension-status').filter({ hasText: '待双方同意' }).waitFor();
    expect(await desk.getByTestId('extension-card').innerText()).toContain('2026-10-08');
    await stage.screenshot(desk, '1-center-proposed');

    // The bank's handler agrees on the same card.
    const bank = await stage.newPage();
    await stage.signIn(bank, 'icbc.qd.handler', '吴婷');
    await bank.goto(`/cases/${caseId}`);
    await bank.getByTestId('extension-agree').click();
    await bank.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await bank.getByTestId('extension-card').filter({ hasText: '吴婷' }).waitFor({ timeout: 30_000 });
    expect(await bank.getByTestId('extension-status').innerText()).toContain('待双方同意');

    // The consumer, on a phone: the SMS link, the code, the proposal, agreed.
    const url = (await sms(caseId, /请点击 (\S+) 查看并答复/))[1];
    const phone = await stage.newPage({ phone: true });
    await phone.goto(new URL(url).pathname);
    await phone.getByTestId('consumer-get-code').click();
    const code = (await sms(caseId, /验证码 (\d{6})/))[1];
    await phone.getByTestId('consumer-code').fill(code);
    await phone.getByTestId('consumer-verify').click();
    const line = phone.getByTestId('extension-days-line');
    await line.waitFor();
    expect(await line.innerText()).toContain('延长 22 日');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await stage.screenshot(phone, '2-phone-proposal');
    await phone.getByTestId('extension-consumer-agree').click();
    await phone.getByTestId('extension-outcome').filter({ hasText: '调解期限已延至 2026-10-08' }).waitFor();
    await stage.screenshot(phone, '3-phone-agreed');

    // The mediator's page follows live: the header's clock shows the new day and the extension.
    const clock = desk.getByTestId('clock-mediation').filter({ hasText: '2026-10-08' }).first();
    await clock.waitFor({ timeout: 20_000 });
    expect(await clock.getAttribute('data-extended')).toBe('22');
    expect(await clock.innerText()).toContain('延长 22 日');
    await desk.getByTestId('extension-status').filter({ hasText: '已延长' }).waitFor();
    await stage.screenshot(desk, '4-center-extended');
  });
});
