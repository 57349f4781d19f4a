import { BrowserStage } from './support/browser-stage';
import type { SignedIn, TestWorld } from './support/test-world';

/**
 * Similar cases as a batch in the browser (issue 20): intake finds three similar complaints among
 * the candidates, builds a batch under a lead mediator, books one session for all three; the
 * mediator records three outcomes (by the API, as the session console would) and the batch
 * shows its progress in cases; each member case's page names its batch.
 */
describe('case batches in the browser', () => {
  let stage: BrowserStage;
  let world: TestWorld;

  beforeAll(async () => {
    stage = await BrowserStage.open('batches');
    world = stage.world;
  }, 120000);
  afterAll(async () => stage?.close());
  afterEach(() => stage.afterEach());

  const inDays = (n: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86400_000));

  it('a center builds a batch of three cases, books one session for all, and three outcomes are recorded', async () => {
    const [handler, intake] = await Promise.all([world.signIn('icbc.qd.handler'), world.signIn('qd.intake')]);
    const ids: string[] = [];
    for (const name of ['赵一', '钱二', '孙三']) {
      const filed = await world.http.post('/api/v1/cases').set(handler.auth).send({
        centerId: world.org('qd-center'),
        businessLine: 'wealth_fund',
        disputeType: 'mis_selling',
        amountFen: 3000000,
        facts: `购买安心理财3号产品，销售人员承诺保本，到期亏损（${name}）`,
        claims: '赔偿本金损失',
        consumer: { name, idType: 'resident_id', idNumber: '11010519491231002X', phone: '13812345678' },
        consentGiven: true,
      });
      expect(filed.status).toBe(201);
      await world.http.post(`/api/v1/cases/${filed.body.id}/accept`).set(intake.auth).send({}).expect(200);
      ids.push(filed.body.id);
    }

    const page = await stage.newPage();
    await stage.signIn(page, 'qd.intake', '王芳');
    await page.getByTestId('nav-batches').click();
    await page.waitForURL((url) => url.pathname === '/batches');
    await page.getByRole('tab', { name: '候选类案' }).click();
    await page.getByTestId('suggest-keyword').fill('安心理财');
    await page.getByTestId('suggest-search').click();
    const card = page.getByTestId('suggestion');
    await card.getByText('共 3 件').waitFor();
    expect(await card.count()).toBe(1);
    await stage.screenshot(page, 'batches-suggestions');
    await card.getByTestId('suggestion-create').click();
    await page.getByLabel('批次名称（产品或事件）').fill('安心理财3号产品');
    await page.getByTestId('lead-mediator').click();
    await page.locator('.ant-select-item-option', { hasText: '陈静' }).click();
    await page.getByTestId('create-batch').click();
    await page.waitForURL((url) => /^\/batches\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByRole('heading', { name: '类案批次：安心理财3号产品' }).waitFor();
    await page.getByText('已办结 0 / 共 3 件，成功 0 件').waitFor();

    // One session for all, starting in two minutes (Beijing time), outside the hours with a reason.
    const start = new Date(Math.ceil((Date.now() + 2 * 60_000) / 60_000) * 60_000);
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(start).replace(' ', 'T');
    await page.getByTestId('batch-book').click();
    await page.getByTestId('book-at').fill(local);
    await page.getByTestId('book-reason').fill('类案集中调解');
    await page.getByTestId('book-submit').click();
    await page.getByTestId('apply-result').getByText('成功 3 件，失败 0 件').waitFor();
    for (const id of ids) {
      const sessions = (await world.http.get(`/api/v1/cases/${id}/sessions`).set(intake.auth).expect(200)).body.items;
      expect(sessions).toHaveLength(1);
      expect(sessions[0].startsAt).toBe(start.toISOString());
    }
    await stage.screenshot(page, 'batches-booked');

    // The lead mediator opens each case's session and records each case's own outcome.
    const mediator: SignedIn = await world.signIn('qd.mediator2');
    for (const id of ids) {
      const [session] = (await world.http.get(`/api/v1/cases/${id}/sessions`).set(mediator.auth).expect(200)).body.items;
      for (const step of ['open', 'begin']) await world.http.post(`/api/v1/sessions/${session.id}/${step}`).set(mediator.auth).send({}).expect(200);
    }
    await world.http
      .post(`/api/v1/cases/${ids[0]}/outcome`)
      .set(mediator.auth)
      .send({
        outcome: 'settled',
        terms: {
          refundFen: 120050,
          feeWaiverFen: 30000,
          instalment: { totalFen: 500000, count: 12, firstDueOn: inDays(30) },
          freeText: '银行按本金的一半予以补偿。',
          obligations: [
            { owedBy: 'institution', description: '支付补偿款', amountFen: 120050, dueOn: inDays(2) },
            { owedBy: 'consumer', description: '按新的分期计划归还首期款', amountFen: 41667, dueOn: inDays(30) },
          ],
        },
      })
      .expect(201);
    for (const id of ids.slice(1)) {
      await world.http.post(`/api/v1/cases/${id}/outcome`).set(mediator.auth).send({ outcome: 'not_settled', notSettledReason: '消费者要求全额赔偿', otherRoutes: ['litigation'] }).expect(201);
    }

    await page.reload();
    await page.getByText('已办结 3 / 共 3 件，成功 1 件').waitFor();
    await page.getByText('调解成功').first().waitFor();
    expect(await page.getByText('调解不成').count()).toBe(2);
    await stage.screenshot(page, 'batches-detail');

    // The list shows the batch's progress, the totals count the cases.
    await page.getByText('返回类案批量').click();
    await page.getByTestId('batch-安心理财3号产品').waitFor();
    await page.getByTestId('batch-totals').getByText('批次内案件').waitFor();
    await stage.screenshot(page, 'batches-list');

    // Each member case names its batch.
    await page.goto(`/cases/${ids[1]}`);
    await page.getByTestId('case-batch').getByText('安心理财3号产品（牵头调解员 陈静，共 3 件）').waitFor();
    await stage.screenshot(page, 'batches-case');
  });
});
