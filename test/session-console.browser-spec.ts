import { BrowserStage } from './support/browser-stage';
import { assignedCase } from './support/stories';
import { eventually, SignedIn, TestWorld } from './support/test-world';

/**
 * Running a phone session in two browsers: the mediator 张伟 opens the console from the case,
 * opens check-in, checks the consumer in and begins; the bank's handler 吴婷, with the same
 * console open, watches the status turn 进行中 and the private talk start and end without
 * reloading; the mediator's notes survive a dropped network; a bridged call is logged; the
 * mediator concludes and the bank sees 已结束. Build the portal first (test:browser does it).
 */
describe('the session console in a browser', () => {
  let world: TestWorld;
  let stage: BrowserStage;
  let intake: SignedIn;
  let handler: SignedIn;
  let mediator: SignedIn;

  beforeAll(async () => {
    stage = await BrowserStage.open('console');
    world = stage.world;
    await world.startWorker();
    [intake, handler, mediator] = await Promise.all([world.signIn('qd.intake'), world.signIn('icbc.qd.handler'), world.signIn('qd.mediator')]);
  });
  afterAll(async () => {
    await stage?.close();
  });
  afterEach(() => stage.afterEach());

  it('the mediator runs a phone session; the bank watches it live; notes survive a dropped network', async () => {
    const caseId = await assignedCase(world, { handler, intake }, 'qd.mediator');
    const startsAt = new Date(Math.ceil((Date.now() + 5 * 60_000) / 60_000) * 60_000).toISOString();
    const booked = await world.http
      .post(`/api/v1/cases/${caseId}/sessions`)
      .set(intake.auth)
      .send({ channel: 'phone', startsAt, minutes: 60, outsideHoursReason: '消费者午休时间', participants: [{ role: 'consumer', name: '张小三' }, { role: 'bank_representative', name: '吴婷' }] });
    expect(booked.status).toBe(201);
    const sessionId = booked.body.id as string;

    const m = await stage.newPage();
    await stage.signIn(m, 'qd.mediator', '张伟');
    const caseNumber = (await world.http.get(`/api/v1/cases/${caseId}`).set(mediator.auth)).body.caseNumber as string;
    const beijingDay = (d: number) => new Date(d + 8 * 3600_000).toISOString().slice(0, 10);
    if (beijingDay(Date.parse(startsAt)) === beijingDay(Date.now())) {
      // The mediator's day starts on the home page: today's sessions, each a click from its console.
      await m.getByTestId('today-session').filter({ hasText: caseNumber }).waitFor();
    }
    await m.goto(`/cases/${caseId}`);
    await m.getByTestId('session-console-link').click();
    await m.waitForURL(`**/sessions/${sessionId}`);
    await m.getByTestId('console-status').filter({ hasText: '已预约' }).waitFor();

    const b = await stage.newPage();
    await stage.signIn(b, 'icbc.qd.handler', '吴婷');
    await b.goto(`/sessions/${sessionId}`);
    await b.getByTestId('console-status').filter({ hasText: '已预约' }).waitFor();
    // The bank watches: no buttons to run the session, no notes.
    expect(await b.getByTestId('console-begin').count()).toBe(0);
    expect(await b.getByTestId('notes').count()).toBe(0);

    await m.getByTestId('console-open').click();
    await b.getByTestId('console-status').filter({ hasText: '等候中' }).waitFor();
    await m.getByTestId('checkin-consumer').getByRole('button', { name: '签到' }).click();
    await b.getByTestId('checkin-consumer').getByTestId('checked-in').waitFor();
    await m.getByTestId('console-begin').click();
    await b.getByTestId('console-status').filter({ hasText: '进行中' }).waitFor();
    await m.getByTestId('step-1').click();
    await eventually(async () => (await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(mediator.auth)).body.steps[0].tickedAt);

    // Private caucus with the consumer: the bank sees that it waits.
    await m.getByTestId('console-caucus-consumer').click();
    await b.getByTestId('console-caucus').filter({ hasText: '调解员正在与消费者单独沟通' }).waitFor();
    await stage.screenshot(b, 'bank-waits-during-caucus');
    await m.getByTestId('console-caucus-end').click();
    await b.getByTestId('console-caucus').waitFor({ state: 'detached' });

    // Notes are saved as typed, kept in the browser while offline, and sent when back online.
    const notes = m.getByTestId('notes');
    await notes.fill('消费者同意分 12 期还款');
    await m.getByTestId('notes-state').filter({ hasText: '已保存' }).waitFor();
    await m.context().setOffline(true);
    await notes.fill('消费者同意分 12 期还款；银行同意减免违约金');
    await m.getByTestId('notes-state').filter({ hasText: '网络中断' }).waitFor();
    await stage.screenshot(m, 'notes-offline');
    await m.context().setOffline(false);
    await m.getByTestId('notes-state').filter({ hasText: '已保存' }).waitFor({ timeout: 15_000 });
    const saved = (await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(mediator.auth)).body.note;
    expect(saved.body).toBe('消费者同意分 12 期还款；银行同意减免违约金');

    // A bridged call to the consumer (the development provider connects at once), then hung up.
    await m.getByTestId('call-bridge').click();
    await m.getByTestId('call-status').filter({ hasText: '通话中' }).waitFor();
    await m.getByTestId('call-hang-up').click();
    await m.getByTestId('call-status').filter({ hasText: '已结束' }).waitFor();
    await stage.screenshot(m, 'mediator-console');

    await m.getByTestId('console-conclude').click();
    await m.locator('#console-conclude-ok').click();
    await b.getByTestId('console-status').filter({ hasText: '已结束' }).waitFor();
    await m.getByTestId('console-status').filter({ hasText: '已结束' }).waitFor();
    await stage.screenshot(b, 'bank-sees-concluded');
    // The case's page shows the session concluded and the case still in mediation (the outcome comes next).
    await b.goto(`/cases/${caseId}`);
    await b.getByText('调解中').first().waitFor();
    // The timeline tells the session's story in words, not codes.
    const timeline = b.getByTestId('timeline-card');
    for (const words of ['调解开始', '与消费者单独沟通（背靠背）', '结束背靠背', '会议结束']) await timeline.getByText(words).first().waitFor();
    expect(await timeline.getByText(/\b(began|caucus_consumer|concluded)\b/).count()).toBe(0);
  });

  it('the center admin edits the mediation method the consoles tick', async () => {
    const page = await stage.newPage();
    await stage.signIn(page, 'qd.admin', '刘洋');
    await page.getByRole('menuitem', { name: '调解方法' }).click();
    await page.getByTestId('method-step').first().waitFor();
    const before = await page.getByTestId('method-step').count();
    await page.getByTestId('method-add').click();
    await page.getByTestId('method-step').last().getByLabel('步骤名称').fill('风险提示');
    await page.getByTestId('method-step').last().getByLabel('说明（选填）').fill('提示诉讼的时间与费用成本');
    // moved up one, before the last of the demo steps
    await page.getByTestId('method-step').last().getByRole('button', { name: '上移' }).click();
    await page.getByTestId('method-save').click();
    await page.getByText('调解方法已保存').waitFor();
    const admin = await world.signIn('qd.admin');
    const steps = (await world.http.get('/api/v1/mediation-method').set(admin.auth)).body.steps as { position: number; title: string }[];
    expect(steps).toHaveLength(before + 1);
    expect(steps[before - 1]).toMatchObject({ position: before, title: '风险提示' });
    expect(steps[before].title).toBe('确认调解结果');
    // an empty step is refused on the field
    await page.getByTestId('method-add').click();
    await page.getByTestId('method-save').click();
    await page.getByText('请填写步骤名称').waitFor();
    await stage.screenshot(page, 'method-editor');
  });
});
