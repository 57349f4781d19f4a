import { Webhook } from 'standardwebhooks';
import { BrowserStage } from './support/browser-stage';
import type { SignedIn, TestWorld } from './support/test-world';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

/**
 * An institution admin in the browser: adds an endpoint pointing at the bank's receiver (the
 * secret shown once, in a modal that must be acknowledged), files nothing themselves but watches the
 * delivery log fill as the branch files a case and the center accepts it, each request verified at
 * the receiver with that secret; then sends one again.
 */
describe('webhooks in the browser', () => {
  let stage: BrowserStage;
  let world: TestWorld;
  let handler: SignedIn;
  let intake: SignedIn;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    stage = await BrowserStage.open('webhooks', { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' });
    world = stage.world;
    await world.startWorker();
    [handler, intake] = await Promise.all([world.signIn('icbc.qd.handler'), world.signIn('qd.intake')]);
    receiver = await startWebhookReceiver();
  }, 120000);

  afterAll(async () => {
    await stage?.close();
    await receiver?.close();
  });

  afterEach(() => stage.afterEach());

  it('adds an endpoint, shows its secret once, and lists the signed deliveries', async () => {
    const page = await stage.newPage();
    await stage.signIn(page, 'icbc.admin', '孙丽');
    await page.getByTestId('nav-webhooks').click();
    await page.waitForURL((url) => url.pathname === '/webhooks');
    await page.getByTestId('webhook-create').click();
    await page.getByTestId('webhook-url').fill(receiver.url);
    await page.getByLabel('说明').fill('投诉系统（测试）');
    await stage.screenshot(page, 'webhooks-create');
    await page.getByRole('button', { name: /^提\s?交$/ }).click();

    const secretBox = page.getByTestId('webhook-secret');
    await secretBox.waitFor();
    const secret = await secretBox.inputValue();
    expect(secret).toMatch(/^whsec_/);
    await stage.screenshot(page, 'webhooks-secret');
    await page.getByTestId('webhook-secret-saved').click();
    await secretBox.waitFor({ state: 'detached' });
    // Shown once: nowhere on the page any more.
    expect(await page.content()).not.toContain(secret);

    const filed = (
      await world.http
        .post('/api/v1/cases')
        .set(handler.auth)
        .send({
          centerId: world.org('qd-center'),
          businessLine: 'credit_card',
          disputeType: 'fee_reduction',
          amountFen: 1280000,
          facts: '信用卡违约金争议',
          claims: '退还违约金',
          priorComplaintRef: 'TS-2026-1207-01',
          consumer: { name: '李红', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345678' },
          consentGiven: true,
        })
        .expect(201)
    ).body;
    await world.http.post(`/api/v1/cases/${filed.id}/accept`).set(intake.auth).send({}).expect(200);

    // The log shows both, delivered, with the receiver's answer (it refreshes on its own).
    const log = page.getByTestId('webhook-deliveries');
    await log.getByText('案件已受理').waitFor({ timeout: 20000 });
    await log.getByText('案件已提交').waitFor();
    expect(await log.getByText('已送达').count()).toBe(2);
    await log.getByText(filed.caseNumber).first().waitFor();
    for (const w of receiver.received) {
      expect(() => new Webhook(secret).verify(w.body, { 'webhook-id': w.id, 'webhook-timestamp': w.timestamp, 'webhook-signature': w.signature })).not.toThrow();
    }
    await stage.screenshot(page, 'webhooks-deliveries');

    // Send one again: the receiver gets the same webhook-id a second time.
    await log.getByTestId('webhook-replay').first().click();
    await page.getByText('已加入投递队列').waitFor();
    for (let i = 0; i < 100 && receiver.received.length < 3; i++) await page.waitForTimeout(100);
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((w) => w.id)).size).toBe(2);

    // In English at 1366×768 the page still fits.
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByTestId('lang-en').click();
    await log.getByText('Case accepted').first().waitFor();
    await page.getByText('Deliveries: ').waitFor();
    const table = (await log.boundingBox())!;
    expect(table.x + table.width).toBeLessThanOrEqual(1366);
    await stage.screenshot(page, 'webhooks-deliveries-en-1366');
  });
});
