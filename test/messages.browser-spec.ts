import { BrowserStage } from './support/browser-stage';
import { startAliyunSms } from './support/mail-servers';
import { eventually, SignedIn, TestWorld } from './support/test-world';

/**
 * The center's message log as intake reads it: e-mails (development transport) with their
 * subject and .ics attachment, an SMS the provider refused shown as failed with its reason and
 * attempts, the whole body in a drawer, and a channel filter. Build the portal first.
 */
describe('the message log in the portal', () => {
  let stage: BrowserStage;
  let world: TestWorld;
  let aliyun: Awaited<ReturnType<typeof startAliyunSms>>;
  let intake: SignedIn;
  let handler: SignedIn;
  const year = new Date().getUTCFullYear() + 1;

  beforeAll(async () => {
    aliyun = await startAliyunSms('LTAI5tBrowser', 'browser-secret');
    stage = await BrowserStage.open('messages', {
      SMS_PROVIDER: 'aliyun',
      SMS_ACCESS_KEY_ID: 'LTAI5tBrowser',
      SMS_ACCESS_KEY_SECRET: 'browser-secret',
      SMS_SIGN_NAME: '青岛调解中心',
      SMS_TEMPLATE_CODE: 'SMS_1000',
      SMS_ENDPOINT: `http://127.0.0.1:${aliyun.port}`,
    });
    world = stage.world;
    await world.startWorker();
    [intake, handler] = await Promise.all([world.signIn('qd.intake'), world.signIn('icbc.qd.handler')]);
  });
  afterAll(async () => {
    await stage?.close();
    await aliyun?.close();
  });
  afterEach(() => stage.afterEach());

  it('shows channel, subject, attachment, a refused SMS with its reason and attempts, and the whole body on demand', async () => {
    const filed = await world.http.post('/api/v1/cases').set(handler.auth).send({
      centerId: world.org('qd-center'),
      businessLine: 'credit_card',
      disputeType: 'fee_reduction',
      amountFen: 100000,
      facts: '年费争议',
      claims: '退还年费',
      consumer: { name: '李四', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13800000000', email: 'lisi@example.cn' },
      consentGiven: true,
    });
    const caseId = filed.body.id as string;
    await world.http.post(`/api/v1/cases/${caseId}/accept`).set(intake.auth).send({}).expect(200);
    await world.http.post(`/api/v1/cases/${caseId}/assign`).set(intake.auth).send({ mediatorId: world.ids.users['qd.mediator'], overrideReason: '测试指定' }).expect(200);
    const session = await world.http
      .post(`/api/v1/cases/${caseId}/sessions`)
      .set(intake.auth)
      .send({ channel: 'video', startsAt: new Date(`${year}-04-06T10:00:00+08:00`).toISOString(), minutes: 60, outsideHoursReason: '测试' })
      .expect(201);
    await world.http.post(`/api/v1/sessions/${session.body.id}/consumer-link`).set(intake.auth).expect(201);
    await eventually(async () => {
      const items = (await world.http.get('/api/v1/messages').set(intake.auth)).body.items as { caseId: string; status: string }[];
      const mine = items.filter((m) => m.caseId === caseId);
      return mine.length === 3 && mine.every((m) => m.status !== 'queued');
    });

    const page = await stage.newPage();
    await stage.signIn(page, 'qd.intake', '王芳');
    await page.getByTestId('nav-messages').click();
    await page.waitForURL((url) => url.pathname === '/messages');
    const table = page.getByTestId('messages-table');
    const mailRows = table.locator('tr').filter({ hasText: '调解会议邀请' });
    await mailRows.first().getByTestId('message-status').filter({ hasText: '已发送' }).waitFor();
    expect(await mailRows.count()).toBe(2);
    const mailText = await mailRows.first().innerText();
    expect(mailText).toContain('邮件');
    expect(mailText).toContain(`${filed.body.caseNumber}.ics`);

    const smsRow = table.locator('tr').filter({ hasText: '/c/' });
    await smsRow.getByTestId('message-status').filter({ hasText: '发送失败' }).waitFor();
    expect(await smsRow.innerText()).toContain('短信');
    expect(await smsRow.getByTestId('message-error').innerText()).toBe('isv.MOBILE_NUMBER_ILLEGAL: 非法手机号');
    expect(await smsRow.getByTestId('message-attempts').innerText()).toBe('已尝试 1 次');
    await stage.screenshot(page, '1-log');

    // The whole e-mail, for a developer reading what the development transport kept.
    await mailRows.filter({ hasText: 'l***@example.cn' }).getByTestId('message-read').click();
    const drawer = page.getByTestId('message-drawer');
    const body = drawer.getByTestId('message-body');
    await body.waitFor();
    expect(await body.innerText()).toContain(`案件 ${filed.body.caseNumber} 的视频调解已预约。`);
    expect(await body.innerText()).toContain('（北京时间）');
    expect(await drawer.innerText()).toContain(`${filed.body.caseNumber}.ics`);
    expect(await drawer.innerText()).toContain('l***@example.cn');
    await stage.screenshot(page, '2-drawer');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // Only e-mails.
    await page.getByTestId('messages-channel').getByText('邮件').click();
    await page.waitForURL((url) => url.searchParams.get('channel') === 'email');
    await eventually(async () => (await table.locator('tr').filter({ hasText: '/c/' }).count()) === 0);
    expect(await table.locator('tr').filter({ hasText: '调解会议邀请' }).count()).toBe(2);
  });
});
