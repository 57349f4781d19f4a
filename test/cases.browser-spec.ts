import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { BrowserStage } from './support/browser-stage';
import { TestWorld } from './support/test-world';

/**
 * The referral story in two browsers: a bank's complaint handler files a case with a PDF,
 * the center's intake officer watches the queue, sees it arrive, accepts it and assigns the
 * first proposed mediator, and the bank's page (left open) follows along — nobody reloads.
 * Then intake's other decisions (identity reveal, return by keyboard alone, rejection), a
 * mediator's recusal, and a regulator supervisor's referral (监管转办) typed with the keyboard.
 * Build the portal first (`npm run build:portal`; test:browser does it).
 */


const QD_CENTER = '青岛市银行保险业纠纷调解中心';
/** A resident ID with a valid check digit (GB 11643's published example). */
const CONSUMER_ID = '11010519491231002X';
const CONSUMER_PHONE = '13912345678';

/** The smallest real PDF: one empty page. */
function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

describe('cases in a browser', () => {
  let world: TestWorld;
  let stage: BrowserStage;

  beforeAll(async () => {
    stage = await BrowserStage.open('cases');
    world = stage.world;
    // socket events are relayed from the outbox by the worker
    await world.startWorker();
  });

  afterAll(async () => {
    await stage?.close();
  });

  // whatever failed, keep a picture of every page still open; no page may have crashed
  afterEach(() => stage.afterEach());

  const newPage = (): Promise<Page> => stage.newPage();

  const signIn = (page: Page, username: string, displayName: string) => stage.signIn(page, username, displayName);

  /** An antd Select, as a user works it: open it by its label, click the option. */
  async function choose(page: Page, label: string, option: string): Promise<void> {
    await page.getByLabel(label, { exact: true }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: option }).first().click();
  }

  /** Presses Tab (as a keyboard user does) until the target has the focus. */
  async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
    await target.waitFor();
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${target.toString()}`);
  }

  /** What has the focus, as a short description for assertions. */
  function focused(page: Page): Promise<string> {
    return page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.tagName.toLowerCase()}:${(el.innerText || el.getAttribute('aria-label') || '').trim()}` : '';
    });
  }

  const screenshot = (page: Page, name: string) => stage.screenshot(page, name);

  it('a branch files a referral; the center sees it arrive, accepts and assigns it; the branch sees 已分派 — all live', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'accord-case-'));
    const pdf = path.join(dir, '还款记录.pdf');
    writeFileSync(pdf, tinyPdf());

    // the center's intake officer has the queue open
    const center = await newPage();
    await signIn(center, 'qd.intake', '王芳');
    await center.getByTestId('nav-intake').click();
    await center.waitForURL((url) => url.pathname === '/intake');
    await center.getByText('受理队列').first().waitFor();

    // the branch's complaint handler fills in the referral
    const bank = await newPage();
    await signIn(bank, 'icbc.qd.handler', '吴婷');
    await bank.getByTestId('nav-case-new').click();
    await bank.waitForURL((url) => url.pathname === '/cases/new');
    await bank.getByTestId('case-form').waitFor();

    await choose(bank, '调解中心', QD_CENTER);
    // the handler's own outlet is preselected
    expect(await bank.locator('.ant-form-item').filter({ hasText: '受理投诉的网点' }).innerText()).toContain('香港中路网点');
    await bank.getByLabel('姓名', { exact: true }).fill('陈美玲');
    await bank.getByLabel('证件号码', { exact: true }).fill('110105194912310021');
    await bank.getByLabel('手机号码', { exact: true }).fill(CONSUMER_PHONE);
    await choose(bank, '业务类别', '信用卡');
    await choose(bank, '争议类型', '息费减免');
    await bank.getByLabel('涉及金额（元）', { exact: true }).fill('12345.6');
    await bank.getByLabel('事实与经过', { exact: true }).fill('消费者信用卡逾期三个月，对违约金及利息计算有异议，多次投诉未能达成一致。');
    await bank.getByLabel('消费者诉求', { exact: true }).fill('减免违约金，分 12 期偿还本金。');
    await bank.getByLabel('机构意见', { exact: true }).fill('可减免部分违约金，分期期数需协商。');
    await bank.locator('input[type="file"]').setInputFiles(pdf);
    await bank.getByText('还款记录.pdf').waitFor();

    // a wrong check digit is caught before anything is sent
    await bank.getByTestId('case-submit').click();
    await bank.getByText('居民身份证号码格式或校验位不正确').waitFor();
    await bank.getByLabel('证件号码', { exact: true }).fill(CONSUMER_ID);
    // and so is a missing consent: mediation is voluntary
    await bank.getByTestId('case-submit').click();
    await bank.getByText('提交前须确认消费者已同意调解').waitFor();
    await bank.getByLabel('消费者在柜台当面同意（由我确认）').check();
    await screenshot(bank, '1-filing-form');

    await bank.getByTestId('case-submit').click();
    await bank.waitForURL((url) => /^\/cases\/[0-9a-f-]{36}$/.test(url.pathname), { timeout: 20_000 });
    const caseId = new URL(bank.url()).pathname.split('/').pop()!;
    const status = bank.getByTestId('case-status');
    await status.filter({ hasText: '已提交' }).waitFor();
    const caseNumber = (await bank.getByTestId('case-number').innerText()).trim();
    expect(caseNumber).toMatch(/^QD/);
    // what the bank sees: its amount in yuan, its attachment, the consumer masked
    expect(await bank.getByTestId('case-amount').innerText()).toBe('¥12,345.60');
    await bank.getByTestId('attachments').getByText('还款记录.pdf').waitFor();
    // At 1280 px, where the card is about half the page wide, its download button stays inside it.
    await bank.setViewportSize({ width: 1280, height: 800 });
    const attachmentsCard = (await bank.getByTestId('attachments').boundingBox())!;
    const download = (await bank.getByTestId('attachments').locator('[data-testid^="attachment-download-"]').first().boundingBox())!;
    expect(download.x + download.width).toBeLessThanOrEqual(attachmentsCard.x + attachmentsCard.width);
    await bank.setViewportSize({ width: 1440, height: 900 });
    expect(await bank.getByTestId('consumer-phone').innerText()).not.toBe(CONSUMER_PHONE);
    await bank.getByTestId('timeline').getByText('草稿 → 已提交').waitFor();
    await screenshot(bank, '2-bank-submitted');

    // the intake queue shows the new case without a reload
    const row = center.getByTestId(`intake-row-${caseNumber}`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getByTestId('row-status').innerText()).toBe('已提交');
    expect(await row.innerText()).toContain('中国工商银行');
    await screenshot(center, '3-intake-queue');

    await row.getByRole('link', { name: caseNumber }).click();
    await center.waitForURL((url) => url.pathname === `/cases/${caseId}`);
    await center.getByTestId('case-status').filter({ hasText: '已提交' }).waitFor();

    // accept
    await center.getByTestId('action-accept').click();
    const acceptDialog = center.getByRole('dialog').filter({ hasText: '受理案件' });
    await acceptDialog.getByLabel('受理意见（选填）').fill('材料齐全，予以受理。');
    await acceptDialog.getByRole('button', { name: '受理', exact: true }).click();
    await center.getByTestId('case-status').filter({ hasText: '已受理' }).waitFor();
    await acceptDialog.waitFor({ state: 'hidden' });

    // assign: the proposals in rank order; the first is preselected, the ICBC-affiliated one is not choosable
    await center.getByTestId('action-assign').click();
    const assignDialog = center.getByRole('dialog').filter({ hasText: '分派调解员' });
    const options = assignDialog.locator('[data-testid^="assign-option-"]');
    await options.first().waitFor();
    const first = options.first();
    expect(await first.innerText()).toContain('#1');
    expect(await first.locator('input[type="radio"]').isChecked()).toBe(true);
    const mediatorName = (await first.locator('strong').innerText()).trim();
    const conflicted = assignDialog.locator('[data-testid^="assign-option-"]').filter({ hasText: '存在关联' });
    if (await conflicted.count()) expect(await conflicted.first().locator('input[type="radio"]').isDisabled()).toBe(true);
    await screenshot(center, '4-assign-dialog');
    await assignDialog.getByRole('button', { name: '分派调解员', exact: true }).click();
    await center.getByTestId('case-status').filter({ hasText: '已分派' }).waitFor();
    expect(await center.getByTestId('case-mediator').innerText()).toBe(mediatorName);
    await center.getByTestId('timeline').getByText('已提交 → 已受理').waitFor();
    await screenshot(center, '5-center-assigned');

    // the bank's page, left open all along, follows without a reload
    await status.filter({ hasText: '已分派' }).waitFor({ timeout: 20_000 });
    expect(await bank.getByTestId('case-mediator').innerText()).toBe(mediatorName);
    await bank.getByTestId('timeline').getByText('已提交 → 已受理').waitFor();
    await screenshot(bank, '6-bank-sees-assigned');
  }, 120_000);

  it('a draft is edited and submitted; returned by the center, corrected and resubmitted live; batch import; the center boards', async () => {
    const bank = await newPage();
    await signIn(bank, 'icbc.qd.handler', '吴婷');
    await bank.getByTestId('nav-case-new').click();
    await bank.getByTestId('case-form').waitFor();

    // a draft needs nothing but what is known so far
    await choose(bank, '调解中心', QD_CENTER);
    await choose(bank, '业务类别', '个人贷款');
    await bank.getByLabel('事实与经过', { exact: true }).fill('消费者申请延期还款，与网点协商未果。');
    await bank.getByTestId('case-save-draft').click();
    await bank.waitForURL((url) => /^\/cases\/[0-9a-f-]{36}$/.test(url.pathname));
    const caseId = new URL(bank.url()).pathname.split('/').pop()!;
    await bank.getByTestId('case-status').filter({ hasText: '草稿' }).waitFor();
    expect(await bank.getByTestId('case-number').innerText()).toBe('（草稿，未编号）');
    for (const action of ['submit', 'edit', 'discard']) await bank.getByTestId(`action-${action}`).waitFor();

    // the draft is in 我的案件 under 草稿
    await bank.getByTestId('nav-my-cases').click();
    await choose(bank, '按状态筛选', '草稿');
    await bank.keyboard.press('Escape');
    await bank.getByTestId(`case-row-${caseId}`).waitFor();
    await bank.getByTestId(`case-row-${caseId}`).getByRole('link').click();

    // finish it in the same form and submit
    await bank.getByTestId('action-edit').click();
    await bank.waitForURL((url) => url.pathname === `/cases/${caseId}/edit`);
    expect(await bank.getByLabel('事实与经过', { exact: true }).inputValue()).toBe('消费者申请延期还款，与网点协商未果。');
    await bank.getByLabel('姓名', { exact: true }).fill('周晓梅');
    await bank.getByLabel('证件号码', { exact: true }).fill(CONSUMER_ID);
    await bank.getByLabel('手机号码', { exact: true }).fill('13698765432');
    await choose(bank, '争议类型', '协商还款');
    await bank.getByLabel('涉及金额（元）', { exact: true }).fill('80000');
    await bank.getByLabel('消费者诉求', { exact: true }).fill('延期 6 个月还款，免除罚息。');
    await bank.getByLabel('消费者在柜台当面同意（由我确认）').check();
    await bank.getByTestId('case-submit').click();
    await bank.waitForURL((url) => url.pathname === `/cases/${caseId}`);
    const status = bank.getByTestId('case-status');
    await status.filter({ hasText: '已提交' }).waitFor();
    const caseNumber = (await bank.getByTestId('case-number').innerText()).trim();
    expect(caseNumber).toMatch(/^QD/);
    expect(await bank.getByTestId('case-amount').innerText()).toBe('¥80,000.00');

    // the center returns it for more information
    const center = await newPage();
    await signIn(center, 'qd.intake', '王芳');
    await center.goto(`/cases/${caseId}`);
    await center.getByTestId('case-status').filter({ hasText: '已提交' }).waitFor();
    await center.getByTestId('action-return').click();
    const dialog = center.getByRole('dialog').filter({ hasText: '退回补正' });
    await dialog.getByLabel('需要补正的内容').fill('请补充借款合同及还款流水。');
    await dialog.getByRole('button', { name: '退回补正', exact: true }).click();
    await center.getByTestId('case-status').filter({ hasText: '已退回补正' }).waitFor();

    // an internal note stays inside the center
    await center.getByTestId('comment-internal').click();
    await center.getByLabel('内部备注', { exact: true }).fill('与该网点同类纠纷较多，留意。');
    await center.getByTestId('comment-send').click();
    await center.getByTestId('internal-note-tag').waitFor();

    // the bank sees it without reloading, with the note, and never the internal one
    await status.filter({ hasText: '已退回补正' }).waitFor({ timeout: 20_000 });
    await bank.getByTestId('timeline').getByText('请补充借款合同及还款流水。').waitFor();
    expect(await bank.getByTestId('timeline').innerText()).not.toContain('留意');
    await screenshot(bank, '7-bank-returned');

    await bank.getByTestId('action-edit').click();
    await bank.getByLabel('消费者诉求', { exact: true }).fill('延期 6 个月还款，免除罚息；借款合同及流水已补充。');
    await bank.getByRole('button', { name: '保存并重新提交' }).click();
    await bank.waitForURL((url) => url.pathname === `/cases/${caseId}`);
    await status.filter({ hasText: '已提交' }).waitFor();
    await center.getByTestId('case-status').filter({ hasText: '已提交' }).waitFor({ timeout: 20_000 });
    await center.getByTestId('timeline').getByText('已退回补正 → 已提交').waitFor();
    await screenshot(center, '8-center-resubmitted');

    // batch import: one good row, one bad phone
    const dir = mkdtempSync(path.join(os.tmpdir(), 'accord-import-'));
    const csv = path.join(dir, 'referrals.csv');
    writeFileSync(
      csv,
      '\uFEFF网点代码,消费者姓名,证件类型,证件号码,手机号码,电子邮箱,业务类型,争议类型,涉及金额(元),投诉受理日期,事实与理由,消费者诉求,意向调解方式,消费者同意调解\r\n' +
        'QD-SN-XGZL,孙一,resident_id,11010519491231002X,13811112222,,credit_card,fee_reduction,1234.50,2026-11-02,年费争议,退还年费,phone,是\r\n' +
        'QD-SN-XGZL,孙二,resident_id,11010519491231002X,12345,,credit_card,fee_reduction,99.00,2026-11-02,年费争议,退还年费,phone,是\r\n',
    );
    await bank.getByTestId('nav-case-import').click();
    await choose(bank, '调解中心', QD_CENTER);
    await bank.locator('input[type="file"]').setInputFiles(csv);
    await bank.getByTestId('import-run').click();
    await bank.getByTestId('import-filed-count').filter({ hasText: '成功提交 1 件' }).waitFor();
    expect(await bank.getByTestId('import-errors').innerText()).toContain('3');
    await screenshot(bank, '9-import-result');

    // English on a case page
    await bank.goto(`/cases/${caseId}`);
    await bank.getByTestId('lang-en').click();
    await status.filter({ hasText: 'Submitted' }).waitFor();
    await bank.getByText('Timeline').waitFor();
    await screenshot(bank, '10-case-en');
    await bank.getByTestId('lang-zh-CN').click();

    // the center admin's boards
    const admin = await newPage();
    await signIn(admin, 'qd.admin', '刘洋');
    await admin.getByTestId('nav-caseload').click();
    await admin.getByRole('cell', { name: '张伟' }).waitFor();
    await screenshot(admin, '11-caseload');
    await admin.getByTestId('nav-calendar').click();
    await admin.getByTestId('calendar-table').waitFor();
    await screenshot(admin, '12-calendar');
  }, 150_000);

  it('intake reveals an identity, returns a case with the keyboard alone, rejects another; the mediator recuses', async () => {
    // a second submitted case, filed by the bank's system
    const handler = await world.signIn('icbc.qd.handler');
    const filed = await world.http
      .post('/api/v1/cases')
      .set(handler.auth)
      .set('Idempotency-Key', 'browser-story-3-reject')
      .send({
        centerId: world.org('qd-center'),
        businessLine: 'insurance',
        disputeType: 'other',
        amountFen: 880_000,
        facts: '客户就车险理赔金额与保险公司存在争议，已在法院起诉。',
        claims: '按合同足额理赔',
        consentGiven: true,
        consumer: { name: '钱进', idType: 'resident_id', idNumber: CONSUMER_ID, phone: '13712345678' },
        submit: true,
      });
    expect(filed.status).toBe(201);
    const second = filed.body as { id: string; caseNumber: string };

    // the demo's oldest submitted case: 刘建国's credit-card repayment
    const center = await newPage();
    await signIn(center, 'qd.intake', '王芳');
    await center.getByTestId('nav-intake').click();
    const liu = center.locator('[data-testid^="intake-row-"]').filter({ hasText: '刘*国' });
    await liu.getByTestId('case-link').click();
    await center.waitForURL((url) => /^\/cases\/[0-9a-f-]{36}$/.test(url.pathname));
    await center.getByTestId('case-status').filter({ hasText: '已提交' }).waitFor();
    expect(await center.getByTestId('consumer-phone').innerText()).toBe('139****1234');
    expect(await center.getByTestId('consumer-name').innerText()).toBe('刘*国');

    // the full identity, after a confirm (each view is audited)
    await center.getByTestId('consumer-reveal').click();
    const confirm = center.getByRole('dialog').filter({ hasText: '查看消费者完整信息？' });
    await confirm.getByText('此次查看将记录在审计日志中').waitFor();
    await confirm.getByRole('button', { name: '查看完整信息' }).click();
    await center.getByTestId('consumer-phone').filter({ hasText: '13906391234' }).waitFor();
    expect(await center.getByTestId('consumer-name').innerText()).toBe('刘建国');
    expect(await center.getByTestId('consumer-id').innerText()).toBe('370202195803151234');
    await center.getByText('完整信息（已记录审计日志）').waitFor();
    await screenshot(center, '13-identity-revealed');
    await center.getByTestId('consumer-hide').click();
    await center.getByTestId('consumer-phone').filter({ hasText: '139****1234' }).waitFor();

    // return for information with the keyboard alone: Tab to the button, Enter, type, Tab to OK, Enter
    await tabTo(center, center.getByTestId('action-return'));
    await center.keyboard.press('Enter');
    const returnDialog = center.getByRole('dialog').filter({ hasText: '退回补正' });
    const note = returnDialog.getByLabel('需要补正的内容', { exact: true });
    await note.waitFor();
    // the dialog opens with its field focused; Ctrl+Enter submits from the text area and the rule speaks
    await center.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
    await center.keyboard.press('Control+Enter');
    await returnDialog.getByText('请填写需要补正的内容').waitFor();
    await center.keyboard.type('请补充信用卡对账单及催收通话记录。');
    await center.keyboard.press('Tab');
    expect(await focused(center)).toBe('button:取消');
    await center.keyboard.press('Tab');
    expect(await focused(center)).toBe('button:退回补正');
    await screenshot(center, '14-return-by-keyboard');
    await center.keyboard.press('Enter');
    await center.getByTestId('case-status').filter({ hasText: '已退回补正' }).waitFor();
    await returnDialog.waitFor({ state: 'hidden' });
    await center.getByTestId('timeline').getByText('请补充信用卡对账单及催收通话记录。').waitFor();

    // the second case: rejected with a reason from the list, from the queue
    await center.getByTestId('nav-intake').click();
    const row = center.getByTestId(`intake-row-${second.caseNumber}`);
    await row.getByRole('link', { name: second.caseNumber }).click();
    await center.waitForURL((url) => url.pathname === `/cases/${second.id}`);
    await center.getByTestId('case-status').filter({ hasText: '已提交' }).waitFor();
    await center.getByTestId('action-reject').click();
    const rejectDialog = center.getByRole('dialog').filter({ hasText: '不予受理' });
    // no reason, no rejection
    await rejectDialog.getByRole('button', { name: '不予受理', exact: true }).click();
    await rejectDialog.getByText('请选择理由').waitFor();
    await choose(center, '理由', '已进入诉讼/仲裁程序或已有裁决');
    await rejectDialog.getByLabel('说明（选填）').fill('消费者已向法院起诉，本中心不再受理。');
    await screenshot(center, '15-reject-dialog');
    await rejectDialog.getByRole('button', { name: '不予受理', exact: true }).click();
    await center.getByTestId('case-status').filter({ hasText: '不予受理' }).waitFor();
    await rejectDialog.waitFor({ state: 'hidden' });
    await center.locator('.ant-descriptions-item').filter({ hasText: '不予受理理由' }).getByText('已进入诉讼/仲裁程序或已有裁决').waitFor();
    await center.getByTestId('timeline').getByText('已提交 → 不予受理').waitFor();
    await center.getByTestId('timeline').getByText('消费者已向法院起诉，本中心不再受理。').waitFor();
    // nothing left to decide on a rejected case
    expect(await center.getByTestId('action-accept').count()).toBe(0);
    await screenshot(center, '16-rejected');

    // the mediator recuses from 孙梅's case, assigned to him
    const mediator = await newPage();
    await signIn(mediator, 'qd.mediator', '张伟');
    await mediator.getByTestId('nav-my-cases').click();
    const sun = mediator.locator('[data-testid^="case-row-"]').filter({ hasText: '186****0000' });
    const sunNumber = (await sun.getByTestId('case-link').innerText()).trim();
    await sun.getByTestId('case-link').click();
    await mediator.getByTestId('case-status').filter({ hasText: '已分派' }).waitFor();
    expect(await mediator.getByTestId('case-mediator').innerText()).toBe('张伟');
    await mediator.getByTestId('action-recuse').click();
    const recuseDialog = mediator.getByRole('dialog').filter({ hasText: '调解员回避' });
    await recuseDialog.getByLabel('回避理由', { exact: true }).fill('本人与消费者系远亲，申请回避。');
    await recuseDialog.getByRole('button', { name: '回避', exact: true }).click();
    // the case is no longer his: back on his list, without it
    await mediator.waitForURL((url) => url.pathname === '/cases');
    await mediator.getByText('已回避，案件将重新分派').waitFor();
    await mediator.getByTestId('case-page').waitFor({ state: 'detached' });
    await mediator.locator('.ant-card-head-title').filter({ hasText: '我的案件' }).waitFor();
    // the case left his sight: no "not found" on the way out
    expect(await mediator.locator('.ant-alert-error').count()).toBe(0);
    await mediator.getByTestId(`case-row-${sunNumber}`).waitFor({ state: 'detached' });
    await screenshot(mediator, '17-mediator-recused');

    // the center sees it back in the queue, accepted and waiting for a mediator
    await center.getByTestId('nav-intake').click();
    const back = center.getByTestId(`intake-row-${sunNumber}`);
    await back.getByTestId('row-status').filter({ hasText: '已受理' }).waitFor({ timeout: 20_000 });
    await back.getByRole('link', { name: sunNumber }).click();
    expect(await center.getByTestId('case-mediator').innerText()).toBe('未分派');
    await center.getByTestId('timeline').getByText('本人与消费者系远亲，申请回避。').waitFor();
    await center.getByTestId('action-assign').waitFor();
  }, 150_000);

  it('a regulator supervisor refers a complaint (监管转办) with the keyboard alone; regulators read it masked', async () => {
    const supervisor = await newPage();
    await signIn(supervisor, 'qd.supervisor', '马超');
    await supervisor.getByTestId('nav-case-refer').click();
    await supervisor.waitForURL((url) => url.pathname === '/cases/refer');
    const form = supervisor.getByTestId('case-form');
    await form.getByText('转办调解申请').first().waitFor();
    // a referral goes straight to the center: no draft, no uploads of the regulator's own
    expect(await supervisor.getByTestId('case-save-draft').count()).toBe(0);
    await supervisor.getByTestId('refer-attachments-note').waitFor();

    // the whole form, keyboard only: Tab between fields, type to pick in a list, Enter to take it
    const kb = supervisor.keyboard;
    const field = (label: string) => supervisor.getByLabel(label, { exact: true });
    await tabTo(supervisor, field('调解中心'));
    await kb.type('青岛');
    await kb.press('Enter');
    await tabTo(supervisor, field('被申请机构'));
    await kb.type('工商');
    await kb.press('Enter');
    // the chosen bank's branch tree
    await tabTo(supervisor, field('被投诉的网点'));
    await kb.type('香港中路');
    await supervisor.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText('香港中路网点').waitFor();
    await kb.press('Enter');
    await tabTo(supervisor, field('姓名'));
    await kb.type('郑海燕');
    await tabTo(supervisor, field('证件号码'));
    await kb.type(CONSUMER_ID);
    await tabTo(supervisor, field('手机号码'));
    await kb.type('13587654321');
    await tabTo(supervisor, field('业务类别'));
    await kb.type('信用卡');
    await kb.press('Enter');
    await tabTo(supervisor, field('争议类型'));
    await kb.type('息费');
    await kb.press('Enter');
    await tabTo(supervisor, field('涉及金额（元）'));
    await kb.type('3200');
    await tabTo(supervisor, field('事实与经过'));
    await kb.type('消费者致电 12378 反映信用卡年费及分期手续费收取不透明，与银行多次沟通未果。');
    await tabTo(supervisor, field('消费者诉求'));
    await kb.type('退还年费及分期手续费');
    // the channel: a radio group, moved with the arrow keys
    await tabTo(supervisor, supervisor.getByRole('radio', { name: '电话调解' }));
    await kb.press('Space');
    await kb.press('ArrowRight');
    await tabTo(supervisor, supervisor.getByLabel('消费者已同意通过调解中心调解本纠纷'));
    await kb.press('Space');
    expect(await supervisor.getByRole('radio', { name: '视频调解' }).isChecked()).toBe(true);
    expect(await supervisor.getByLabel('消费者已同意通过调解中心调解本纠纷').isChecked()).toBe(true);
    expect(await supervisor.locator('.ant-form-item').filter({ hasText: '被投诉的网点' }).innerText()).toContain('香港中路网点');
    await screenshot(supervisor, '18-referral-form');
    await tabTo(supervisor, supervisor.getByTestId('case-submit'));
    await kb.press('Enter');

    // the supervisor lands on the case: masked, no actions, no handling record
    await supervisor.waitForURL((url) => /^\/cases\/[0-9a-f-]{36}$/.test(url.pathname), { timeout: 20_000 });
    const caseId = new URL(supervisor.url()).pathname.split('/').pop()!;
    await supervisor.getByTestId('case-status').filter({ hasText: '已提交' }).waitFor();
    const caseNumber = (await supervisor.getByTestId('case-number').innerText()).trim();
    expect(caseNumber).toMatch(/^QD/);
    await supervisor.getByTestId('case-page').getByText('监管转办').first().waitFor();
    expect(await supervisor.getByTestId('consumer-phone').innerText()).toBe('135****4321');
    expect(await supervisor.getByTestId('consumer-name').innerText()).not.toBe('郑海燕');
    await supervisor.getByTestId('consumer-masked-tag').waitFor();
    expect(await supervisor.getByTestId('consumer-reveal').count()).toBe(0);
    expect(await supervisor.getByTestId('case-actions').count()).toBe(0);
    await supervisor.getByTestId('regulator-no-timeline').waitFor();
    expect(await supervisor.getByTestId('case-amount').innerText()).toBe('¥3,200.00');
    await screenshot(supervisor, '19-referral-filed');

    // the jurisdiction's cases, masked and read-only, for the analyst too
    const analyst = await newPage();
    await signIn(analyst, 'qd.regulator', '何军');
    await analyst.getByTestId('nav-cases').click();
    await analyst.getByText('辖区案件').first().waitFor();
    const row = analyst.getByTestId(`case-row-${caseNumber}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('中国工商银行');
    expect(await row.innerText()).toContain('135****4321');
    expect(await analyst.getByTestId('cases-refer').count()).toBe(0);
    await screenshot(analyst, '20-regulator-cases');
    await row.getByRole('link', { name: caseNumber }).click();
    await analyst.waitForURL((url) => url.pathname === `/cases/${caseId}`);
    await analyst.getByTestId('regulator-no-timeline').waitFor();

    // the center's intake officer sees where it came from
    const center = await newPage();
    await signIn(center, 'qd.intake', '王芳');
    await center.getByTestId('nav-intake').click();
    await center.getByTestId(`intake-row-${caseNumber}`).getByRole('link', { name: caseNumber }).click();
    await center.getByTestId('case-page').getByText('监管转办').first().waitFor();
    await center.getByTestId('action-accept').waitFor();
  }, 120_000);
});
