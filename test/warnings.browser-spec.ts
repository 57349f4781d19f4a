import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { BrowserStage } from './support/browser-stage';
import type { TestWorld } from './support/test-world';
import { detectWarnings, seedWarningHistory } from './support/warnings';

/**
 * 风险预警 in the browser, on the history of test/support/warnings.ts (January 2030 spikes of
 * 工商银行, its credit-card line, and 青岛银行): the 青岛 regulator has the page open when the
 * detection runs and sees the warnings arrive without a reload, opens 工商银行's credit-card
 * warning, reads its figures and the six cases behind it, and acknowledges it with a comment; the
 * bank's admin sees its own warnings only, acknowledged, without the button. 1366×768, Chinese
 * and English.
 */
describe('warnings page in the browser', () => {
  let stage: BrowserStage;
  let world: TestWorld;
  let owner: Client;
  let spikeCases: string[] = [];

  beforeAll(async () => {
    stage = await BrowserStage.open('warnings');
    world = stage.world;
    await world.startWorker();
    owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    spikeCases = await seedWarningHistory(world, owner, await world.signIn('icbc.qd.handler'));
  }, 120000);

  afterAll(async () => {
    await owner?.end();
    await stage?.close();
  });

  afterEach(() => stage.afterEach());

  const rowOf = (page: Page, ...texts: string[]) => {
    let row = page.getByTestId('warnings-table').locator('tbody tr');
    for (const text of texts) row = row.filter({ hasText: text });
    return row;
  };

  it('the regulator sees warnings arrive live, opens one, reads its cases and acknowledges it', async () => {
    const page = await stage.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await stage.signIn(page, 'qd.regulator', '何军');
    await page.getByTestId('nav-warnings').click();
    await page.waitForURL((url) => url.pathname === '/warnings');
    await page.getByTestId('warnings-method').filter({ hasText: '与其此前 12 个周期的均值比较；超过泊松分布 99.9% 上界且不少于 5 件时预警' }).waitFor();
    await page.getByText('暂无预警').waitFor();

    // The detection runs while the page is open: the warnings come in over the socket.
    expect(await detectWarnings(world, 'detect-warnings-browser')).toBe(true);
    const card = rowOf(page, '中国工商银行', '信用卡');
    await card.waitFor();
    await rowOf(page, '青岛银行', '全部业务').waitFor();
    expect(await card.textContent()).toContain('2030-01');
    expect(await card.textContent()).toContain('待确认');
    await stage.screenshot(page, 'regulator-list');

    await card.getByRole('button', { name: '查看' }).click();
    const drawer = page.getByTestId('warning-detail');
    await drawer.getByTestId('warning-observed').filter({ hasText: '6' }).waitFor();
    await drawer.getByText('预警期间的调解申请（6 件）').waitFor();
    const cases = drawer.getByTestId('warning-cases').locator('tbody tr');
    await cases.first().waitFor();
    expect(await cases.count()).toBe(6);
    // The consumer's name masked, never whole.
    expect(await cases.first().textContent()).toContain('张');
    expect(await drawer.getByTestId('warning-cases').textContent()).not.toContain('张小三');
    // Each case number links to the case page.
    const hrefs = await drawer.getByTestId('warning-cases').locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.sort()).toEqual(spikeCases.map((id) => `/cases/${id}`).sort());
    await drawer.getByTestId('warning-timeline').getByText('系统预警').waitFor();
    await page.waitForTimeout(400); // the drawer's opening animation, for the picture only
    await stage.screenshot(page, 'regulator-detail');

    // An empty comment is refused on the spot; a real one acknowledges.
    await drawer.getByTestId('warning-acknowledge').click();
    await drawer.getByText('请填写确认意见').waitFor();
    await drawer.getByTestId('warning-comment').fill('已约谈工商银行青岛分行，要求说明信用卡分期手续费投诉增多的原因');
    await drawer.getByTestId('warning-acknowledge').click();
    await drawer.getByTestId('warning-status').filter({ hasText: '已确认' }).waitFor();
    await drawer.getByTestId('warning-timeline').getByText('何军 确认').waitFor();
    await drawer.getByTestId('warning-timeline').getByText('已约谈工商银行青岛分行', { exact: false }).waitFor();
    expect(await drawer.getByTestId('warning-acknowledge').count()).toBe(0);
    await page.waitForTimeout(400); // the drawer's opening animation, for the picture only
    await stage.screenshot(page, 'regulator-acknowledged');

    // The list follows; the filter keeps the open ones.
    await page.keyboard.press('Escape');
    await rowOf(page, '中国工商银行', '信用卡').filter({ hasText: '已确认' }).waitFor();
    await page.goto('/warnings?status=open');
    await rowOf(page, '青岛银行').waitFor();
    expect(await rowOf(page, '中国工商银行', '信用卡').count()).toBe(0);

    await page.getByTestId('lang-en').click();
    await page.getByTestId('warnings-method').filter({ hasText: 'mean of its 12 previous periods' }).waitFor();
    await rowOf(page, 'All lines').first().waitFor();
    await stage.screenshot(page, 'regulator-en');
    await page.goto('/warnings');
    await rowOf(page, 'Credit card').getByRole('button', { name: 'View' }).click();
    await page.getByTestId('warning-detail').getByText('Acknowledged by 何军').waitFor();
    await page.waitForTimeout(400); // the drawer's opening animation, for the picture only
    await stage.screenshot(page, 'regulator-detail-en');
    await page.keyboard.press('Escape');
    await page.getByTestId('lang-zh-CN').click();
    await page.getByTestId('nav-warnings').filter({ hasText: '风险预警' }).waitFor();
  });

  it('the bank admin sees its own warnings, without the acknowledge button', async () => {
    const page = await stage.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await stage.signIn(page, 'icbc.admin', '孙丽');
    await page.getByTestId('nav-warnings').click();
    await page.waitForURL((url) => url.pathname === '/warnings');
    await rowOf(page, '中国工商银行', '信用卡').waitFor();
    await rowOf(page, '中国工商银行', '全部业务').waitFor();
    expect(await rowOf(page, '青岛银行').count()).toBe(0);
    await rowOf(page, '中国工商银行', '全部业务').getByRole('button', { name: '查看' }).click();
    const drawer = page.getByTestId('warning-detail');
    await drawer.getByText('预警期间的调解申请（6 件）').waitFor();
    await drawer.getByTestId('warning-timeline').getByText('系统预警').waitFor();
    expect(await drawer.getByTestId('warning-acknowledge').count()).toBe(0);
    await page.waitForTimeout(400); // the drawer's opening animation, for the picture only
    await stage.screenshot(page, 'bank-detail');
  });

  it('a warning arrives live on the regulator console; the regulator sends a notice; the bank admin answers it; the regulator sees the answer', async () => {
    // 青岛银行 in February 2030: 25 referrals against a mean of 4.4 → judged with today = 2030-03-10 while the console is open.
    await owner.query(`INSERT INTO statistics_institution_months (center_id, month, institution_id, referrals) VALUES ($1, '2030-02-01', $2, 25)`, [world.org('qd-center'), world.org('qdbank')]);
    const page = await stage.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await stage.signIn(page, 'qd.regulator', '何军');
    await page.goto('/regulator-console');
    const panel = page.getByTestId('console-warnings');
    await panel.getByText('最新预警').waitFor();
    // January's open warnings (工商银行's credit-card one was acknowledged above).
    await panel.locator('.ant-list-item').filter({ hasText: '青岛银行' }).filter({ hasText: '2030-01' }).waitFor();
    expect(await panel.locator('.ant-list-item').filter({ hasText: '信用卡' }).count()).toBe(0);
    expect(await detectWarnings(world, 'detect-warnings-browser-feb', '2030-03-10')).toBe(true);
    const feb = panel.locator('.ant-list-item').filter({ hasText: '青岛银行' }).filter({ hasText: '2030-02' });
    await feb.waitFor();
    expect(await feb.textContent()).toContain('25 件');
    await stage.screenshot(page, 'console-live');

    // Opening it lands on the warning's drawer; the regulator sends a notice with an answer-by day.
    await feb.getByRole('link').click();
    await page.waitForURL((url) => url.pathname === '/warnings' && url.searchParams.has('id'));
    const drawer = page.getByTestId('warning-detail');
    await drawer.getByTestId('warning-observed').filter({ hasText: '25' }).waitFor();
    await drawer.getByTestId('notice-send').click();
    await drawer.getByText('请填写提示内容').waitFor();
    await drawer.getByTestId('notice-text').fill('请说明二月份投诉激增的原因，并报送整改措施。');
    const answerBy = new Date(Date.now() + 8 * 3600_000 + 14 * 86400_000).toISOString().slice(0, 10);
    const input = drawer.getByTestId('notice-answer-by');
    await input.click();
    await page.locator('.ant-picker-dropdown:visible td.ant-picker-cell-disabled').first().waitFor(); // the past is refused
    await input.fill(answerBy);
    await drawer.locator('.ant-card-head-title').filter({ hasText: '发送监管提示' }).click(); // closes the picker (Enter would submit the form)
    await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
    expect(await input.inputValue()).toBe(answerBy);
    await drawer.getByTestId('notice-send').click();
    await drawer.getByTestId('warning-timeline').getByText('何军 发出监管提示').waitFor();
    await drawer.getByText(`请于 ${answerBy} 前答复`).waitFor();
    await drawer.getByText('待答复').waitFor();
    await drawer.getByText('已有待机构答复的监管提示；答复后可再次提示。').waitFor();
    expect(await drawer.getByTestId('notice-send').count()).toBe(0);
    await page.waitForTimeout(400); // the drawer's opening animation, for the picture only
    await stage.screenshot(page, 'regulator-notice-sent');
    await page.keyboard.press('Escape');
    await rowOf(page, '青岛银行', '2030-02').filter({ hasText: '待机构答复' }).waitFor();

    // The bank admin finds it among the notices awaiting an answer and answers it.
    const bank = await stage.newPage();
    await bank.setViewportSize({ width: 1366, height: 768 });
    await stage.signIn(bank, 'qdbank.admin', '韩雪');
    await bank.goto('/warnings?notice=awaiting_answer');
    const awaiting = rowOf(bank, '青岛银行', '2030-02');
    await awaiting.waitFor();
    expect(await bank.getByTestId('warnings-table').locator('tbody tr').count()).toBe(1);
    await awaiting.getByRole('button', { name: '查看' }).click();
    const bankDrawer = bank.getByTestId('warning-detail');
    await bankDrawer.getByText('请说明二月份投诉激增的原因，并报送整改措施。').first().waitFor();
    await bankDrawer.getByTestId('warning-timeline').getByText('何军 发出监管提示').waitFor();
    expect(await bankDrawer.getByTestId('notice-send').count()).toBe(0);
    expect(await bankDrawer.getByTestId('warning-acknowledge').count()).toBe(0);
    await bankDrawer.getByTestId('notice-answer-submit').click();
    await bankDrawer.getByText('请填写答复内容').waitFor();
    await bankDrawer.getByTestId('notice-answer-text').fill('系统切换导致重复扣款，已全部退还；已加强上线前测试。');
    await bankDrawer.getByTestId('notice-answer-submit').click();
    await bankDrawer.getByTestId('warning-timeline').getByText('韩雪 答复监管提示').waitFor();
    await bankDrawer.getByText('韩雪 答复', { exact: false }).first().waitFor();
    expect(await bankDrawer.getByTestId('notice-answer-submit').count()).toBe(0);
    await bank.waitForTimeout(400); // the drawer's opening animation, for the picture only
    await stage.screenshot(bank, 'bank-answered');

    // The regulator's page follows live: the list row, then the drawer shows the answer.
    await rowOf(page, '青岛银行', '2030-02').filter({ hasText: '机构已答复' }).waitFor();
    await rowOf(page, '青岛银行', '2030-02').getByRole('button', { name: '查看' }).click();
    await drawer.getByTestId('warning-timeline').getByText('韩雪 答复监管提示').waitFor();
    await drawer.getByText('系统切换导致重复扣款，已全部退还；已加强上线前测试。').first().waitFor();
    // A follow-up notice is possible again once answered.
    await drawer.getByTestId('notice-send').waitFor();
    await page.waitForTimeout(400); // the drawer's opening animation, for the picture only
    await stage.screenshot(page, 'regulator-answer-seen');

    await page.keyboard.press('Escape');
    await page.getByTestId('lang-en').click();
    await rowOf(page, '青岛银行', '2030-02').filter({ hasText: 'Answered' }).getByRole('button', { name: 'View' }).click();
    await drawer.getByText('韩雪 answered the supervisory notice').waitFor();
    await page.waitForTimeout(400); // the drawer's opening animation, for the picture only
    await stage.screenshot(page, 'regulator-answer-seen-en');
    await page.keyboard.press('Escape');
    await page.goto('/regulator-console');
    await page.getByTestId('console-warnings').getByText('Latest warnings').waitFor();
    await page.getByTestId('console-warnings').getByText('Answered').first().waitFor();
    await stage.screenshot(page, 'console-en');
    await page.getByTestId('lang-zh-CN').click();
    await page.getByTestId('console-warnings').getByText('最新预警').waitFor();
  });

  it('a rising breach rate arrives live on the console and reads as breached of concluded, with its rate and its rule', async () => {
    // 青岛银行: 1 of 10 concluded cases breached each month from March 2029 to February 2030, then 8 of 12 in March → judged with today = 2030-04-10.
    await owner.query(`UPDATE statistics_institution_months SET breached = 1, concluded = 10 WHERE center_id = $1 AND institution_id = $2 AND month BETWEEN '2029-03-01' AND '2030-02-01'`, [
      world.org('qd-center'),
      world.org('qdbank'),
    ]);
    await owner.query(`INSERT INTO statistics_institution_months (center_id, month, institution_id, breached, concluded) VALUES ($1, '2030-03-01', $2, 8, 12)`, [world.org('qd-center'), world.org('qdbank')]);
    const page = await stage.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await stage.signIn(page, 'qd.regulator', '何军');
    await page.goto('/regulator-console');
    const panel = page.getByTestId('console-warnings');
    await panel.getByText('最新预警').waitFor();
    await panel.locator('.ant-list-item').filter({ hasText: '2030-02' }).waitFor();
    expect(await detectWarnings(world, 'detect-warnings-browser-breaches', '2030-04-10')).toBe(true);
    const march = panel.locator('.ant-list-item').filter({ hasText: '青岛银行' }).filter({ hasText: '2030-03' });
    await march.waitFor();
    expect(await march.textContent()).toContain('超时限率');
    expect(await march.textContent()).toContain('超时限 8/12（上界 5） 66.7%');
    expect(await panel.locator('.ant-list-item').filter({ hasText: '2030-02' }).textContent()).toContain('调解申请');
    await stage.screenshot(page, 'console-breaches');

    await page.goto('/warnings?metric=breaches');
    await page.getByTestId('warnings-method').filter({ hasText: '与按其此前 12 个月超时限率（超时限件数 ÷ 办结件数）推算的二项分布 99.9% 上界比较' }).waitFor();
    const row = rowOf(page, '青岛银行', '2030-03');
    await row.waitFor();
    expect(await page.getByTestId('warnings-table').locator('tbody tr').count()).toBe(1);
    expect(await row.textContent()).toContain('超时限率');
    expect(await row.textContent()).toContain('8 / 12（66.7%）');
    await stage.screenshot(page, 'regulator-breaches');
    await row.getByRole('button', { name: '查看' }).click();
    const drawer = page.getByTestId('warning-detail');
    await drawer.getByTestId('warning-observed').filter({ hasText: '8 / 12（66.7%）' }).waitFor();
    await drawer.getByTestId('warning-concluded').filter({ hasText: '12' }).waitFor();
    await drawer.getByText('预期（按此前超时限率）').waitFor();
    await drawer.getByText('该月办结的案件（', { exact: false }).waitFor();
    await page.waitForTimeout(400); // the drawer's opening animation, for the picture only
    await stage.screenshot(page, 'regulator-breach-detail');
    await page.keyboard.press('Escape');

    await page.getByTestId('lang-en').click();
    await page.getByTestId('warnings-method').filter({ hasText: 'binomial distribution at its breach rate over the 12 previous months' }).waitFor();
    await rowOf(page, 'Time-limit breach rate', '8 / 12 (66.7%)').waitFor();
    await stage.screenshot(page, 'regulator-breaches-en');
    await page.getByTestId('lang-zh-CN').click();
    await page.getByTestId('nav-warnings').filter({ hasText: '风险预警' }).waitFor();
  });
});
