import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { BrowserStage, SHOTS } from './support/browser-stage';
import { inSessionCase } from './support/stories';
import { SignedIn, TestWorld } from './support/test-world';
import { messageLog, sentMessage as sentMessageOf } from './support/messages';


/**
 * The agreement from the case page to the public check: the mediator drafts it, the bank's
 * handler signs, the consumer signs on a phone from the SMS link, the mediator signs last and
 * sees the SHA-256 appear; the downloaded original passes /verify and a changed copy fails.
 * Build the portal first (`npm run build:portal`; test:browser does it).
 */
describe('signing the mediation agreement in the portal', () => {
  let world: TestWorld;
  let stage: BrowserStage;
  let intake: SignedIn;
  let handler: SignedIn;
  let mediator: SignedIn;

  beforeAll(async () => {
    stage = await BrowserStage.open('documents');
    world = stage.world;
    await world.startWorker();
    [intake, handler, mediator] = await Promise.all([world.signIn('qd.intake'), world.signIn('icbc.qd.handler'), world.signIn('qd.mediator')]);
  });
  afterAll(async () => {
    await stage?.close();
  });
  afterEach(() => stage.afterEach());

  const sentMessage = (caseId: string, pattern: RegExp, except?: ReadonlySet<string>) => sentMessageOf(world, intake, caseId, pattern, except);

  async function confirmPopover(page: Page): Promise<void> {
    await page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
  }

  it('draft → bank → consumer by SMS link → mediator; the original verifies, a changed copy does not', async () => {
    const { caseId } = await inSessionCase(world, { handler, intake, mediator }, 'qd.mediator', '张小三');
    await world.http
      .post(`/api/v1/cases/${caseId}/outcome`)
      .set(mediator.auth)
      .send({ outcome: 'settled', terms: { refundFen: 88000, feeWaiverFen: 12000, instalment: null, freeText: '', obligations: [] } })
      .expect(201);

    const desk = await stage.newPage();
    await stage.signIn(desk, 'qd.mediator', '张伟');
    await desk.goto(`/cases/${caseId}`);
    const panel = desk.getByTestId('case-documents');
    await panel.getByTestId('document-generate').click();
    const doc = panel.getByTestId('document-agreement');
    await doc.getByTestId('document-status').filter({ hasText: '草稿' }).waitFor();
    // Review finds the refund wrong: the mediator corrects it; the draft of the old terms is void.
    await desk.getByTestId('outcome-amend').click();
    const amend = desk.getByRole('dialog', { name: '修改调解结果' });
    await amend.getByTestId('outcome-amend-hint').waitFor();
    expect(await amend.getByTestId('outcome-refund').inputValue()).toBe('880.00');
    await amend.getByTestId('outcome-refund').fill('900');
    await stage.screenshot(desk, '0-correct-terms');
    await amend.getByRole('button', { name: '保存修改' }).click();
    await desk.getByTestId('outcome-refund-value').filter({ hasText: '¥900.00' }).waitFor();
    expect(await desk.getByTestId('outcome-settled-amount').innerText()).toBe('¥1,020.00');
    await doc.getByTestId('document-status').filter({ hasText: '草稿' }).waitFor({ state: 'detached' });
    await panel.getByTestId('document-generate').click();
    await doc.getByTestId('document-status').filter({ hasText: '草稿' }).waitFor();
    const [draft] = await Promise.all([desk.waitForEvent('download'), doc.getByTestId('document-pdf').click()]);
    expect(draft.suggestedFilename()).toMatch(/^调解协议书-.*审阅稿\.pdf$/);
    // not the mediator's turn yet
    expect(await doc.getByTestId('document-sign').count()).toBe(0);
    await stage.screenshot(desk, '1-draft');

    const bank = await stage.newPage();
    await stage.signIn(bank, 'icbc.qd.handler', '吴婷');
    await bank.goto(`/cases/${caseId}`);
    const bankDoc = bank.getByTestId('document-agreement');
    await bankDoc.getByTestId('document-sign').click();
    await confirmPopover(bank);
    await bankDoc.getByTestId('document-status').filter({ hasText: '签署中' }).waitFor();
    // signed by the bank: the terms can no longer be corrected
    await desk.getByTestId('outcome-amend').waitFor({ state: 'detached', timeout: 20_000 });
    expect(await bankDoc.getByTestId('document-regenerate').count()).toBe(0);
    // the mediator's page follows live
    await doc.getByTestId('signature-institution').filter({ hasText: '吴婷' }).waitFor({ timeout: 20_000 });
    expect(await doc.getByTestId('document-regenerate').count()).toBe(0);

    await doc.getByTestId('document-send-link').click();
    const token = (await sentMessage(caseId, /调解协议书已生成.*\/c\/([A-Za-z0-9_-]{20,64})/))[1];

    const phone = await stage.newPage({ phone: true });
    await phone.goto(`/c/${token}`);
    await phone.getByTestId('consumer-get-code').click();
    const code = (await sentMessage(caseId, /验证码 (\d{6})/))[1];
    await phone.getByTestId('consumer-code').fill(code);
    await phone.getByTestId('consumer-verify').click();
    await phone.getByTestId('consumer-signing').waitFor();
    expect(await phone.getByTestId('consumer-sign').isDisabled()).toBe(true);
    await phone.getByTestId('consumer-sign-confirm').click();
    await stage.screenshot(phone, '2-phone-signing');
    await phone.getByTestId('consumer-sign').click();
    await phone.getByTestId('consumer-signed-at').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await stage.screenshot(phone, '3-phone-signed');

    // the mediator's turn now, live, then the hash
    await doc.getByTestId('document-sign').click({ timeout: 20_000 });
    await confirmPopover(desk);
    await doc.getByTestId('document-status').filter({ hasText: '已签署' }).waitFor();
    const sha256 = (await doc.getByTestId('document-sha256').innerText()).trim();
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    await bankDoc.getByTestId('document-sha256').filter({ hasText: sha256 }).waitFor({ timeout: 20_000 });
    await stage.screenshot(desk, '4-signed');

    // the consumer's phone gets the copy of what came into force, with the same fingerprint
    const copyToken = (await sentMessage(caseId, /调解协议书已由各方签署生效.*\/c\/([A-Za-z0-9_-]{20,64})/))[1];
    // a new code, not the one the signing step used
    const seen = new Set((await messageLog(world, intake)).map((m) => m.body));
    await phone.goto(`/c/${copyToken}`);
    await phone.getByTestId('consumer-get-code').click();
    const copyCode = (await sentMessage(caseId, /验证码 (\d{6})/, seen))[1];
    await phone.getByTestId('consumer-code').fill(copyCode);
    await phone.getByTestId('consumer-verify').click();
    await phone.getByTestId('consumer-in-force').filter({ hasText: '调解协议书已生效' }).waitFor();
    expect(await phone.getByTestId('consumer-document-sha256').innerText()).toBe(sha256);
    expect(await phone.getByTestId('consumer-sign').count()).toBe(0);
    await stage.screenshot(phone, '4b-phone-copy');

    const [signed] = await Promise.all([desk.waitForEvent('download'), doc.getByTestId('document-pdf').click()]);
    const original = path.join(SHOTS, 'documents-original.pdf');
    await signed.saveAs(original);
    const changed = Buffer.from(readFileSync(original));
    changed[changed.length >> 1] ^= 0x20;
    const forged = path.join(SHOTS, 'documents-changed.pdf');
    writeFileSync(forged, changed);

    // anyone, not signed in: the public check
    const visitor = await stage.newPage();
    await visitor.goto('/verify');
    await visitor.locator('input[type=file]').setInputFiles(original);
    await visitor.getByTestId('verify-valid').waitFor();
    const result = await visitor.getByTestId('verify-result').innerText();
    expect(result).toContain('调解协议书');
    expect(result).toContain(sha256);
    expect(result).toContain('吴婷');
    expect(result).not.toContain('张小三');
    await stage.screenshot(visitor, '5-verify-valid');
    await visitor.locator('input[type=file]').setInputFiles(forged);
    await visitor.getByTestId('verify-invalid').waitFor();
    await stage.screenshot(visitor, '6-verify-invalid');
  });
});
