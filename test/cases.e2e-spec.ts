import { buildDocx } from '@accord/testing';
import { TestWorld, SignedIn } from './support/test-world';

/**
 * The case lifecycle over HTTP, as a branch and a center live it: filing (drafts, consent,
 * idempotency), intake review (return, resubmit, accept, reject), assignment (ranking, the
 * conflict-of-interest rule, recusal), the timeline and internal notes, personal data masked
 * and audited, evidence checked by content, and every new endpoint closed to other tenants.
 */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe('cases', () => {
  let world: TestWorld;
  let handler: SignedIn;
  let intake: SignedIn;
  beforeAll(async () => {
    world = await TestWorld.start({ UPLOAD_MAX_BYTES: '16384', STORAGE_DIR: `/tmp/accord-test-storage-${process.pid}` });
    [handler, intake] = await Promise.all([world.signIn('icbc.qd.handler'), world.signIn('qd.intake')]);
  });
  afterAll(() => world.stop());

  let seq = 0;
  function referral(overrides: Record<string, unknown> = {}) {
    seq++;
    return {
      centerId: world.org('qd-center'),
      businessLine: 'credit_card',
      disputeType: 'fee_reduction',
      amountFen: 1234500,
      facts: '信用卡分期手续费争议',
      claims: '减免违约金',
      complaintReceivedOn: '2026-11-02',
      preferredChannel: 'phone',
      consumer: { name: '张小三', idType: 'resident_id', idNumber: '11010519491231002X', phone: `1381234${String(5000 + seq).padStart(4, '0')}` },
      consentGiven: true,
      ...overrides,
    };
  }
  const file = (who: SignedIn, body: Record<string, unknown>, key?: string) => {
    const req = world.http.post('/api/v1/cases').set(who.auth);
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };

  it('a branch files, the center returns it, the branch resubmits, the center accepts and assigns', async () => {
    const draft = await file(handler, { ...referral(), submit: false, consentGiven: false });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', caseNumber: null, branchName: '香港中路网点', consumerName: '张*三' });
    // A center never sees a bank's draft.
    expect((await world.http.get(`/api/v1/cases/${draft.body.id}`).set(intake.auth)).status).toBe(404);
    // No consent, no submission.
    const refused = await world.http.post(`/api/v1/cases/${draft.body.id}/submit`).set(handler.auth);
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('consentGiven');
    const edited = await world.http.patch(`/api/v1/cases/${draft.body.id}`).set(handler.auth).send({ version: draft.body.version, consentGiven: true });
    expect(edited.status).toBe(200);
    // The handler's own outlet only: another outlet is outside a pinned handler's subtree.
    const otherOutlet = await world.http.patch(`/api/v1/cases/${draft.body.id}`).set(handler.auth).send({ version: edited.body.version, branchId: world.ids.branches['icbc-qd-zsl'] });
    expect(otherOutlet.status).toBe(400);
    const stale = await world.http.patch(`/api/v1/cases/${draft.body.id}`).set(handler.auth).send({ version: draft.body.version, facts: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const submitted = await world.http.post(`/api/v1/cases/${draft.body.id}/submit`).set(handler.auth);
    expect([submitted.status, submitted.body.code, submitted.body.detail]).toEqual([200, undefined, undefined]);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.caseNumber).toMatch(/^QD-\d{4}-\d{6}$/);
    expect(submitted.body.intakeClock.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const id = submitted.body.id;

    const queue = await world.http.get('/api/v1/cases?view=intake').set(intake.auth);
    expect(queue.body.items.map((c: { id: string }) => c.id)).toContain(id);

    const returned = await world.http.post(`/api/v1/cases/${id}/return`).set(intake.auth).send({ note: '请补充分期合同' });
    expect(returned.body.status).toBe('returned');
    const illegal = await world.http.post(`/api/v1/cases/${id}/accept`).set(intake.auth).send({});
    expect(illegal.status).toBe(409);
    expect(illegal.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentStatus: 'returned' });
    const fixed = await world.http.patch(`/api/v1/cases/${id}`).set(handler.auth).send({ version: returned.body.version, facts: '已补充分期合同' });
    expect(fixed.status).toBe(200);
    const resubmitted = await world.http.post(`/api/v1/cases/${id}/submit`).set(handler.auth);
    expect(resubmitted.body).toMatchObject({ status: 'submitted', caseNumber: submitted.body.caseNumber });

    const accepted = await world.http.post(`/api/v1/cases/${id}/accept`).set(intake.auth).send({ note: '符合受理条件' });
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.firstSessionClock.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(accepted.body.allowedActions).toContain('assign');

    const proposals = (await world.http.get(`/api/v1/cases/${id}/mediator-proposals`).set(intake.auth)).body.items;
    const byName = Object.fromEntries(proposals.map((p: { name: string }) => [p.name, p]));
    // 张伟 knows credit cards; 陈静 does not; 李强 is seconded from ICBC, the respondent.
    expect(byName['张伟']).toMatchObject({ rank: 1, expertiseMatch: true, conflictOfInterest: false });
    expect(byName['陈静']).toMatchObject({ rank: 2, expertiseMatch: false });
    expect(byName['李强']).toMatchObject({ rank: null, conflictOfInterest: true });

    const conflict = await world.http.post(`/api/v1/cases/${id}/assign`).set(intake.auth).send({ mediatorId: byName['李强'].mediatorId, overrideReason: '熟悉业务' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('CONFLICT_OF_INTEREST');
    const noReason = await world.http.post(`/api/v1/cases/${id}/assign`).set(intake.auth).send({ mediatorId: byName['陈静'].mediatorId });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('overrideReason');
    const assigned = await world.http.post(`/api/v1/cases/${id}/assign`).set(intake.auth).send({ mediatorId: byName['张伟'].mediatorId });
    expect(assigned.body).toMatchObject({ status: 'assigned', mediatorName: '张伟' });

    // The mediator recuses; 张伟 is no longer proposable; the override to 陈静 records why.
    const mediator = await world.signIn('qd.mediator');
    const recused = await world.http.post(`/api/v1/cases/${id}/recuse`).set(mediator.auth).send({ reason: '与消费者相识' });
    expect(recused.body).toMatchObject({ status: 'accepted', mediatorId: null });
    const again = (await world.http.get(`/api/v1/cases/${id}/mediator-proposals`).set(intake.auth)).body.items;
    expect(again.find((p: { name: string }) => p.name === '张伟')).toMatchObject({ recused: true, rank: null });
    expect(again.find((p: { name: string }) => p.name === '陈静').rank).toBe(1);
    const reassigned = await world.http.post(`/api/v1/cases/${id}/assign`).set(intake.auth).send({ mediatorId: byName['陈静'].mediatorId });
    expect(reassigned.body).toMatchObject({ status: 'assigned', mediatorName: '陈静' });
    // The recused mediator no longer sees the case.
    expect((await world.http.get(`/api/v1/cases/${id}`).set(mediator.auth)).status).toBe(404);

    // Comments both sides see; internal notes the bank never does.
    await world.http.post(`/api/v1/cases/${id}/comments`).set(handler.auth).send({ body: '消费者希望电话联系' }).expect(201);
    await world.http.post(`/api/v1/cases/${id}/comments`).set(intake.auth).send({ body: '消费者情绪激动', internal: true }).expect(201);
    const refusedNote = await world.http.post(`/api/v1/cases/${id}/comments`).set(handler.auth).send({ body: 'x', internal: true });
    expect(refusedNote.status).toBe(403);
    const centerTimeline = (await world.http.get(`/api/v1/cases/${id}/timeline`).set(intake.auth)).body.items;
    const bankTimeline = (await world.http.get(`/api/v1/cases/${id}/timeline`).set(handler.auth)).body.items;
    const moves = (items: { kind: string; fromStatus: string; toStatus: string }[]) =>
      items.filter((e) => e.fromStatus || e.toStatus).map((e) => `${e.fromStatus ?? ''}>${e.toStatus}`);
    expect(moves(centerTimeline)).toEqual([
      '>draft', 'draft>submitted', 'submitted>returned', 'returned>submitted', 'submitted>accepted',
      'accepted>assigned', 'assigned>accepted', 'accepted>assigned',
    ]);
    expect(centerTimeline.some((e: { kind: string; body: string }) => e.kind === 'internal_note' && e.body === '消费者情绪激动')).toBe(true);
    expect(centerTimeline.find((e: { kind: string }) => e.kind === 'edited')).toMatchObject({ actorName: '吴婷', detail: { fields: ['facts'] } });
    expect(bankTimeline.some((e: { kind: string }) => e.kind === 'internal_note')).toBe(false);
    expect(bankTimeline.find((e: { kind: string }) => e.kind === 'comment')).toMatchObject({ actorName: '吴婷', body: '消费者希望电话联系' });
    expect(centerTimeline.every((e: { actorName: string; at: string }) => e.actorName && e.at)).toBe(true);

    const board = (await world.http.get('/api/v1/mediators/caseload').set(intake.auth)).body.items;
    expect(board.find((r: { name: string }) => r.name === '陈静')).toMatchObject({ open: 1, byStatus: { assigned: 1 } });
  });

  it('a sub-branch manager moves a draft to another outlet of the sub-branch; the outlet\'s handler then sees it', async () => {
    const manager = await world.signIn('icbc.qd.manager');
    const draft = (await file(manager, { ...referral(), branchId: world.ids.branches['icbc-qd-xgzl'], submit: false })).body;
    expect((await world.http.get(`/api/v1/cases/${draft.id}`).set(handler.auth)).status).toBe(200);
    const moved = await world.http.patch(`/api/v1/cases/${draft.id}`).set(manager.auth).send({ version: draft.version, branchId: world.ids.branches['icbc-qd-zsl'] });
    expect(moved.body).toMatchObject({ branchId: world.ids.branches['icbc-qd-zsl'], branchName: '中山路网点' });
    // 香港中路's handler no longer sees it; lists follow the new outlet too.
    expect((await world.http.get(`/api/v1/cases/${draft.id}`).set(handler.auth)).status).toBe(404);
    const managerList = (await world.http.get('/api/v1/cases?status=draft&pageSize=100').set(manager.auth)).body.items;
    expect(managerList.map((c: { id: string }) => c.id)).toContain(draft.id);
  });

  it('rejects with a reason from the list only, and flags a repeated application', async () => {
    const body = referral({ consumer: { name: '李四', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13900001111' } });
    const first = (await file(handler, body)).body;
    const second = (await file(handler, body)).body;
    const view = (await world.http.get(`/api/v1/cases/${second.id}`).set(intake.auth)).body;
    expect(view.possibleRepeatOf).toBe(first.id);
    expect(view.repeatCandidates.map((c: { caseNumber: string }) => c.caseNumber)).toContain(first.caseNumber);
    const bad = await world.http.post(`/api/v1/cases/${second.id}/reject`).set(intake.auth).send({ reason: 'because' });
    expect(bad.status).toBe(400);
    const rejected = await world.http.post(`/api/v1/cases/${second.id}/reject`).set(intake.auth).send({ reason: 'repeated_application', note: '重复申请' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: 'repeated_application' });
  });

  it('a retried filing with the same Idempotency-Key never creates a second case', async () => {
    const body = referral();
    const first = await file(handler, body, 'retry-key-1');
    const retry = await file(handler, body, 'retry-key-1');
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    // The same fields in another order (at the top and inside consumer) are the same request.
    const reordered = Object.fromEntries(Object.entries({ ...body, consumer: Object.fromEntries(Object.entries(body.consumer as object).reverse()) }).reverse());
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(body));
    const reorderedRetry = await file(handler, reordered, 'retry-key-1');
    expect(reorderedRetry.status).toBe(200);
    expect(reorderedRetry.body.id).toBe(first.body.id);
    const other = await file(handler, { ...body, amountFen: 1 }, 'retry-key-1');
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Five at once with one key: one case, the others the same case or a "retry shortly".
    const burstBody = referral({ facts: 'burst' });
    const burst = await Promise.all(Array.from({ length: 5 }, () => file(handler, burstBody, 'burst-key')));
    const ids = new Set(burst.filter((r) => r.status < 300).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(burst.every((r) => [200, 201, 409].includes(r.status))).toBe(true);
    const listed = await world.http.get('/api/v1/cases?pageSize=100').set(handler.auth);
    expect(listed.body.items.filter((c: { id: string }) => ids.has(c.id))).toHaveLength(1);
  });

  it('allocates case numbers under concurrency without duplicates or gaps', async () => {
    const qdbank = await world.signIn('qdbank.handler');
    const before = (await world.http.get('/api/v1/cases?pageSize=1&view=all').set(intake.auth)).body.items[0]?.caseNumber;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => file(i % 2 ? qdbank : handler, referral({ facts: `concurrent ${i}` }))),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const numbers = results.map((r) => Number(r.body.caseNumber.slice(-6))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers[19] - numbers[0]).toBe(19);
    if (before) expect(numbers[0]).toBe(Number(before.slice(-6)) + 1);
  });

  it('stores text verbatim through the inlined final statement: quotes, backslashes, $1 and SQL stay data', async () => {
    const facts = `O'Brien said "\\x00" $1 $$ '); DROP TABLE cases; -- 你好`;
    const res = await file(handler, referral({ facts, consumer: { name: "O'Neil 张", idType: 'passport', idNumber: 'E1234567', phone: '+85291234567' } }));
    expect(res.status).toBe(201);
    const stored = (await world.http.get(`/api/v1/cases/${res.body.id}`).set(handler.auth)).body;
    expect(stored.facts).toBe(facts);
    const full = (await world.http.get(`/api/v1/cases/${res.body.id}/consumer`).set(handler.auth)).body;
    expect(full).toMatchObject({ name: "O'Neil 张", idNumber: 'E1234567', phone: '+85291234567' });
    // The bank's view is in the bank's own audit trail.
    const admin = await world.signIn('icbc.admin');
    const audit = (await world.http.get('/api/v1/audit-events?pageSize=100').set(admin.auth)).body.items;
    expect(audit.find((e: { action: string; subjectId: string }) => e.action === 'case.consumer-viewed' && e.subjectId === res.body.id)).toMatchObject({ actorName: '吴婷' });
  });

  it('validates at the edge: field errors, not stack traces, and nothing written', async () => {
    const res = await file(handler, referral({ amountFen: -5, businessLine: 'lottery', consumer: { name: '', idType: 'resident_id', idNumber: '110105194912310021', phone: 'abc' } }));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['amountFen', 'businessLine', 'consumer.name', 'consumer.phone']));
    const checksum = await file(handler, referral({ consumer: { name: '王五', idType: 'resident_id', idNumber: '110105194912310021', phone: '13800000000' } }));
    expect(checksum.status).toBe(400);
    expect(checksum.body.errors[0].field).toBe('consumer.idNumber');
    const notMember = await file(handler, referral({ centerId: world.org('sh-center'), branchId: world.ids.branches['icbc-qd-xgzl'] }));
    expect(notMember.status).toBe(201); // ICBC is a member of both centers
    const cmb = await world.signIn('cmb.sh.handler');
    const foreignCenter = await file(cmb, referral());
    expect(foreignCenter.status).toBe(400);
    expect(foreignCenter.body.errors[0].field).toBe('centerId');
    const foreignBranch = await file(handler, referral({ branchId: world.ids.branches['icbc-sh-ljz'] }));
    expect(foreignBranch.status).toBe(400);
    expect(foreignBranch.body.errors[0].field).toBe('branchId');
  });

  it('masks personal data in lists and to regulators, shows it in full only on an audited view', async () => {
    const created = (await file(handler, referral({ consumer: { name: '欧阳小明', idType: 'resident_id', idNumber: '370202199001011237', phone: '13812345678' } }))).body;
    const phoneSearch = await world.http.get('/api/v1/cases?phone=138%201234%205678').set(intake.auth);
    expect(phoneSearch.body.items.map((c: { id: string }) => c.id)).toContain(created.id);
    const row = phoneSearch.body.items.find((c: { id: string }) => c.id === created.id);
    expect(row).toMatchObject({ consumerName: '欧**明', consumerPhone: '138****5678' });
    expect(JSON.stringify(phoneSearch.body)).not.toContain('13812345678');
    const byId = await world.http.get('/api/v1/cases?idNumber=370202199001011237').set(intake.auth);
    expect(byId.body.items.map((c: { id: string }) => c.id)).toEqual([created.id]);

    const regulator = await world.signIn('qd.regulator');
    const seen = await world.http.get(`/api/v1/cases/${created.id}`).set(regulator.auth);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ consumerName: '欧**明', consumerIdNumber: '3702**********1237', canRevealConsumer: false });
    expect((await world.http.get(`/api/v1/cases/${created.id}/consumer`).set(regulator.auth)).status).toBe(403);
    expect((await world.http.get(`/api/v1/cases/${created.id}/timeline`).set(regulator.auth)).body.items).toEqual([]);
    const viewer = await world.signIn('icbc.viewer');
    expect((await world.http.get(`/api/v1/cases/${created.id}/consumer`).set(viewer.auth)).status).toBe(403);

    const full = await world.http.get(`/api/v1/cases/${created.id}/consumer`).set(intake.auth);
    expect(full.body).toMatchObject({ name: '欧阳小明', idNumber: '370202199001011237', phone: '13812345678' });
    const admin = await world.signIn('qd.admin');
    const audit = (await world.http.get('/api/v1/audit-events?pageSize=100').set(admin.auth)).body.items;
    expect(audit.find((e: { action: string; subjectId: string }) => e.action === 'case.consumer-viewed' && e.subjectId === created.id)).toMatchObject({
      actorName: '王芳',
    });
  });

  it('accepts evidence by content and refuses oversized or disguised files', async () => {
    const created = (await file(handler, referral())).body;
    const up = await world.http.post(`/api/v1/cases/${created.id}/attachments`).set(handler.auth).attach('file', PDF, '分期合同.pdf');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ fileName: '分期合同.pdf', contentType: 'application/pdf', sizeBytes: PDF.length });
    const down = await world.http.get(`/api/v1/cases/${created.id}/attachments/${up.body.id}/content`).set(intake.auth).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(down.status).toBe(200);
    expect(Buffer.compare(down.body, PDF)).toBe(0);
    const disguised = await world.http.post(`/api/v1/cases/${created.id}/attachments`).set(handler.auth).attach('file', Buffer.from('#!/bin/sh\nrm -rf /\n'), 'evidence.pdf');
    expect(disguised.status).toBe(415);
    expect(disguised.body.code).toBe('ATTACHMENT_TYPE_REFUSED');
    const big = await world.http.post(`/api/v1/cases/${created.id}/attachments`).set(handler.auth).attach('file', Buffer.concat([PDF, Buffer.alloc(20000, 32)]), 'big.pdf');
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('ATTACHMENT_TOO_LARGE');
    // A zip bomb named .docx (10 MiB of XML in ~10 KB; this suite's upload limit is 16 KiB): refused, nothing stored.
    const bomb = buildDocx(10 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(16384);
    const bombed = await world.http.post(`/api/v1/cases/${created.id}/attachments`).set(handler.auth).attach('file', bomb, '借款合同.docx');
    expect(bombed.status).toBe(422);
    expect(bombed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bombed.body.code).toBe('ARCHIVE_REFUSED');
    // The same bomb as a spreadsheet import never reaches exceljs.
    const importBomb = await world.http.post('/api/v1/cases/import').set(handler.auth).field('centerId', world.org('qd-center')).attach('file', bomb, 'referrals.xlsx');
    expect(importBomb.status).toBe(422);
    expect(importBomb.body.code).toBe('ARCHIVE_REFUSED');
    const list = (await world.http.get(`/api/v1/cases/${created.id}/attachments`).set(intake.auth)).body.items;
    expect(list.map((a: { fileName: string }) => a.fileName)).toEqual(['分期合同.pdf']);
    const timeline = (await world.http.get(`/api/v1/cases/${created.id}/timeline`).set(intake.auth)).body.items;
    expect(timeline.some((e: { kind: string; body: string }) => e.kind === 'attachment' && e.body === '分期合同.pdf')).toBe(true);
  });

  it('batch import files the good rows whole and reports the bad ones by row number', async () => {
    const csv = [
      '\uFEFF网点代码,消费者姓名,证件类型,证件号码,手机号码,电子邮箱,业务类型,争议类型,涉及金额(元),投诉受理日期,事实与理由,消费者诉求,意向调解方式,消费者同意调解',
      'QD-SN-XGZL,赵六,resident_id,11010519491231002X,13700000001,,credit_card,fee_reduction,1234.50,2026-11-01,事实,诉求,phone,是',
      'QD-SN-XGZL,钱七,resident_id,11010519491231002X,13700000002,,credit_card,fee_reduction,88,2026-11-01,事实,诉求,phone,否',
      'NOPE,孙八,resident_id,11010519491231002X,13700000003,,credit_card,fee_reduction,1,2026-11-01,事实,诉求,phone,是',
      'QD-SN-ZSL,周九,resident_id,11010519491231002X,13700000004,,personal_loan,repayment_negotiation,50000,2026-10-20,事实,诉求,video,是',
    ].join('\r\n');
    // The sub-branch manager files for both outlets under 市南支行.
    const manager = await world.signIn('icbc.qd.manager');
    const res = await world.http.post('/api/v1/cases/import').set(manager.auth).field('centerId', world.org('qd-center')).attach('file', Buffer.from(csv), 'referrals.csv');
    expect(res.status).toBe(200);
    expect(res.body.filed.map((f: { row: number }) => f.row)).toEqual([2, 5]);
    expect(res.body.errors).toEqual([
      { row: 3, field: 'consentGiven', message: expect.any(String) },
      { row: 4, field: 'branchCode', message: expect.stringContaining('NOPE') },
    ]);
    const first = (await world.http.get(`/api/v1/cases/${res.body.filed[0].caseId}`).set(handler.auth)).body;
    expect(first).toMatchObject({ amountFen: 123450, consumerName: '赵*', status: 'submitted' });
    // The same file again files nothing twice.
    const again = await world.http.post('/api/v1/cases/import').set(manager.auth).field('centerId', world.org('qd-center')).attach('file', Buffer.from(csv), 'referrals.csv');
    expect(again.body.filed.map((f: { caseId: string }) => f.caseId)).toEqual(res.body.filed.map((f: { caseId: string }) => f.caseId));
  });

  it('a bank system files over the API with its key, and an XLSX batch works like a CSV', async () => {
    const admin = await world.signIn('icbc.admin');
    const key = (await world.http.post('/api/v1/api-keys').set(admin.auth).send({ name: '投诉系统' })).body.key;
    const apiAuth = { 'X-Api-Key': key };
    const missingBranch = await world.http.post('/api/v1/cases').set(apiAuth).send(referral());
    expect(missingBranch.status).toBe(400);
    expect(missingBranch.body.errors[0].field).toBe('branchId');
    const filed = await world.http.post('/api/v1/cases').set(apiAuth).set('Idempotency-Key', 'core-system-42').send(referral({ branchId: world.ids.branches['icbc-qd-ls'] }));
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ branchName: '青岛崂山支行', status: 'submitted' });
    const timeline = (await world.http.get(`/api/v1/cases/${filed.body.id}/timeline`).set(apiAuth)).body.items;
    expect(timeline[0].actorName).toBe('API · 投诉系统');

    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('referrals');
    sheet.addRow(['branchCode', 'consumerName', 'idType', 'idNumber', 'phone', 'businessLine', 'disputeType', 'amountYuan', 'complaintReceivedOn', 'facts', 'claims', 'consent']);
    sheet.addRow(['QD-LS', '吴十', 'resident_id', '11010519491231002X', '13700000009', 'insurance', 'other', 20, new Date('2026-11-03T00:00:00Z'), '理赔争议', '足额理赔', '是']);
    sheet.addRow(['QD-LS', '郑十一', 'resident_id', '11010519491231002X', '13700000010', 'insurance', 'other', 'abc', '2026-11-03', '理赔争议', '足额理赔', '是']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await world.http.post('/api/v1/cases/import').set(apiAuth).field('centerId', world.org('qd-center')).attach('file', xlsx, 'referrals.xlsx');
    expect(res.status).toBe(200);
    expect(res.body.filed.map((f: { row: number }) => f.row)).toEqual([2]);
    expect(res.body.errors).toEqual([{ row: 3, field: 'amountYuan', message: 'not a number' }]);
    const imported = (await world.http.get(`/api/v1/cases/${res.body.filed[0].caseId}`).set(apiAuth)).body;
    expect(imported).toMatchObject({ amountFen: 2000, complaintReceivedOn: '2026-11-03', businessLine: 'insurance' });
  });

  it('a regulator supervisor refers a complaint (监管转办); an analyst may not', async () => {
    const supervisor = await world.signIn('qd.supervisor');
    // It picks the branch from the respondent's tree; a bank outside its jurisdiction is 404.
    const tree = await world.http.get(`/api/v1/branches?institutionId=${world.org('qdbank')}`).set(supervisor.auth);
    expect(tree.body.items.map((b: { name: string }) => b.name)).toContain('台东一路网点');
    expect((await world.http.get(`/api/v1/branches?institutionId=${world.org('cmb')}`).set(supervisor.auth)).status).toBe(404);
    expect((await world.http.get(`/api/v1/branches?institutionId=${world.org('cmb')}`).set(intake.auth)).status).toBe(404);
    const res = await file(supervisor, referral({ institutionId: world.org('qdbank'), branchId: world.ids.branches['qdbank-sb-tdl-1'] }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ source: 'regulator_referral', institutionName: '青岛银行', status: 'submitted' });
    const draft = await file(supervisor, referral({ institutionId: world.org('qdbank'), branchId: world.ids.branches['qdbank-sb-tdl-1'], submit: false }));
    expect(draft.status).toBe(400);
    expect(draft.body.errors[0].field).toBe('submit');
    const analyst = await world.signIn('qd.regulator');
    expect((await file(analyst, referral({ institutionId: world.org('qdbank'), branchId: world.ids.branches['qdbank-sb-tdl-1'] }))).status).toBe(403);
    // The respondent bank sees it; another bank does not.
    const qdbank = await world.signIn('qdbank.admin');
    expect((await world.http.get(`/api/v1/cases/${res.body.id}`).set(qdbank.auth)).status).toBe(200);
    expect((await world.http.get(`/api/v1/cases/${res.body.id}`).set(handler.auth)).status).toBe(404);
  });

  it('every case endpoint answers 404 to other tenants and leaves the case as it was', async () => {
    const created = (await file(handler, referral())).body;
    const id = created.id;
    const others = await Promise.all(['cmb.sh.handler', 'sh.intake', 'qdbank.handler', 'sh.regulator', 'platform.admin'].map((u) => world.signIn(u)));
    const calls: [string, string, Record<string, unknown>?][] = [
      ['get', `/api/v1/cases/${id}`],
      ['patch', `/api/v1/cases/${id}`, { version: 1, facts: 'x' }],
      ['delete', `/api/v1/cases/${id}`],
      ['post', `/api/v1/cases/${id}/submit`],
      ['get', `/api/v1/cases/${id}/consumer`],
      ['get', `/api/v1/cases/${id}/timeline`],
      ['post', `/api/v1/cases/${id}/comments`, { body: 'x' }],
      ['post', `/api/v1/cases/${id}/accept`, {}],
      ['post', `/api/v1/cases/${id}/reject`, { reason: 'no_consent' }],
      ['post', `/api/v1/cases/${id}/return`, { note: 'x' }],
      ['post', `/api/v1/cases/${id}/withdraw`, { reason: 'x' }],
      ['post', `/api/v1/cases/${id}/track`, { track: 'complex', reason: 'x' }],
      ['get', `/api/v1/cases/${id}/mediator-proposals`],
      ['post', `/api/v1/cases/${id}/assign`, { mediatorId: world.ids.users['qd.mediator'] }],
      ['post', `/api/v1/cases/${id}/recuse`, { reason: 'x' }],
      ['get', `/api/v1/cases/${id}/attachments`],
      ['get', `/api/v1/cases/${id}/attachments/${id}/content`],
    ];
    for (const who of others) {
      for (const [method, url, body] of calls) {
        const req = (world.http as unknown as Record<string, (u: string) => import('supertest').Test>)[method](url).set(who.auth);
        const res = await (body ? req.send(body) : req);
        // 404 for another tenant; 403 only where the role could never call the route at all.
        expect([404, 403]).toContain(res.status);
        if (res.status === 403) expect(res.body.code).toBe('ROLE_REQUIRED');
      }
      const list = await world.http.get('/api/v1/cases?pageSize=100').set(who.auth);
      expect((list.body.items ?? []).map((c: { id: string }) => c.id)).not.toContain(id);
    }
    const after = (await world.http.get(`/api/v1/cases/${id}`).set(handler.auth)).body;
    expect(after).toMatchObject({ status: 'submitted', version: created.version });
  });
});
