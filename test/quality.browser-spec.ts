import { BrowserStage } from './support/browser-stage';
import type { TestWorld } from './support/test-world';

/**
 * Quality review in the browser (issue 20): the demo reviewer opens 质量评查, scores a case of the
 * queue on the center's checklist; the center admin sees the scores per mediator beside the
 * success rate with the 口径, and the rule editor; the mediator reads their own reviews.
 */
describe('quality review in the browser', () => {
  let stage: BrowserStage;
  let world: TestWorld;

  beforeAll(async () => {
    stage = await BrowserStage.open('quality');
    world = stage.world;
  }, 120000);
  afterAll(async () => stage?.close());
  afterEach(() => stage.afterEach());

  it('a reviewer scores one case; the admin sees the scores and the rule; the mediator their reviews', async () => {
    const admin = await world.signIn('qd.admin');
    const pending = (await world.http.get('/api/v1/quality/reviews?status=pending').set(admin.auth)).body.items as any[];
    // The demo's queue is drawn by its seed over case ids made at seeding, so whose cases it holds
    // varies: take one of 张伟's or 陈静's, and sign in as that mediator below.
    const mediators: Record<string, [string, string]> = { 张伟: ['qd.mediator', '张伟'], 陈静: ['qd.mediator2', '陈静'] };
    const target = pending.find((r) => r.mediatorName === '张伟') ?? pending.find((r) => r.mediatorName === '陈静');
    expect(target).toBeTruthy();
    const [mediatorUser, mediatorName] = mediators[target.mediatorName];

    const page = await stage.newPage();
    await stage.signIn(page, 'qd.reviewer', '马骏');
    await page.getByTestId('nav-quality').click();
    await page.waitForURL((url) => url.pathname === '/quality');
    await page.getByTestId(`review-${target.caseNumber}`).click();
    for (const [key, score] of [['method', 22], ['time_limits', 25], ['agreement', 20], ['fairness', 24]] as const) {
      await page.getByTestId(`score-${key}`).fill(String(score));
    }
    await page.getByLabel('评查意见').fill('程序规范，告知充分。');
    await stage.screenshot(page, 'quality-score');
    await page.getByTestId('submit-review').click();
    await page.getByText('评查已提交').waitFor();
    const after = (await world.http.get(`/api/v1/quality/reviews/${target.id}`).set(admin.auth)).body;
    expect(after).toMatchObject({ status: 'reviewed', totalScore: 91, maxScore: 100, reviewerName: '马骏' });

    const adminPage = await stage.newPage();
    await stage.signIn(adminPage, 'qd.admin', '刘洋');
    await adminPage.goto("/quality");
    await adminPage.getByRole('tab', { name: '评查得分' }).click();
    await adminPage.getByTestId('quality-scores').getByText(mediatorName).first().waitFor();
    await adminPage.getByText(/评查平均得分 = /).waitFor();
    await stage.screenshot(adminPage, 'quality-scores');
    await adminPage.getByRole('tab', { name: '抽样规则与评查表' }).click();
    await adminPage.getByTestId('checklist-item').nth(3).waitFor();
    expect(await adminPage.getByTestId('checklist-item').count()).toBe(4);
    await stage.screenshot(adminPage, 'quality-rule');

    const mediatorPage = await stage.newPage();
    await stage.signIn(mediatorPage, mediatorUser, mediatorName);
    await mediatorPage.goto("/quality");
    await mediatorPage.getByRole('tab', { name: '我的评查结果' }).waitFor();
    // The review just made is theirs to read.
    await mediatorPage.getByText(target.caseNumber).first().waitFor();
    await stage.screenshot(mediatorPage, 'quality-mine');
  });
});
