import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import {
  addWorkingDays,
  CalendarYearMissingError,
  maskIdNumber,
  maskName,
  maskPhone,
  nationalCalendarYears,
  PiiVault,
  shanghaiDate,
  loadConfig,
  WorkingCalendar,
} from '@accord/core';
import type { DemoIds } from './demo-data';

export interface DemoCase {
  center: string;
  code: string;
  institution: string;
  branch: string;
  filedBy: string;
  /** An e-mail address (a reserved example domain) gets the session invitations by e-mail. */
  consumer: { name: string; idNumber: string; phone: string; email?: string };
  businessLine: string;
  disputeType: string;
  amountFen: number;
  facts: string;
  claims: string;
  daysAgo: number;
  /** Days from submission to acceptance (default 1). */
  acceptDays?: number;
  /** The moves after submission, in order, with who made them. */
  path: { to: string; by: string; body?: string }[];
  mediator?: string;
  rejectReason?: string;
  /** A concluded case: its outcome, when, the terms of a settlement and the follow-up answer. */
  outcome?: DemoOutcome;
}

export interface DemoOutcome {
  kind: 'settled' | 'not_settled' | 'withdrawn' | 'terminated';
  daysAgo: number;
  refundFen?: number;
  feeWaiverFen?: number;
  freeTerms?: string;
  reason?: string;
  terminationReason?: string;
  obligation?: { description: string; amountFen: number; dueInDays: number; performed: boolean };
  satisfaction?: number;
  comment?: string;
  /** The court where both parties applied for judicial confirmation; it confirmed the agreement. */
  judicial?: string;
}

const RAN = (center: 'qd' | 'sh', mediator: string) => [
  { to: 'accepted', by: `${center}.intake` },
  { to: 'assigned', by: `${center}.intake` },
  { to: 'scheduled', by: `${center}.intake` },
  { to: 'in_session', by: mediator },
];

/**
 * Concluded cases of the last months, so the dashboards show success rates that differ by
 * institution: settlements (with what the bank paid, performed or still due), failures, a
 * withdrawal and a termination, most with the consumer's follow-up answer.
 */
const CONCLUDED: DemoCase[] = (
  [
    ['qd', 'icbc', 'icbc-qd-xgzl', 'icbc.qd.handler', 'qd.mediator', '李红', 'credit_card', 'fee_reduction', 1_280_000, 70, { kind: 'settled', daysAgo: 55, feeWaiverFen: 386_000, freeTerms: '减免违约金及部分利息，剩余本金分 24 期偿还。', satisfaction: 5, comment: '调解员耐心细致，问题解决了。', obligation: { description: '减免违约金及利息并调整还款计划', amountFen: 386_000, dueInDays: -40, performed: true } }],
    ['qd', 'icbc', 'icbc-qd-zsl', 'icbc.qd.manager', 'qd.mediator', '张明', 'personal_loan', 'fee_reduction', 260_000, 48, { kind: 'settled', daysAgo: 40, refundFen: 26_000, satisfaction: 4, obligation: { description: '退还提前还款违约金', amountFen: 26_000, dueInDays: -30, performed: true } }],
    ['qd', 'icbc', 'icbc-qd-xgzl', 'icbc.qd.handler', 'qd.mediator2', '王芳', 'wealth_fund', 'mis_selling', 8_000_000, 45, { kind: 'not_settled', daysAgo: 20, reason: '双方对损失分担比例分歧过大', satisfaction: 3, comment: '结果不满意，但流程清楚。' }],
    ['qd', 'icbc', 'icbc-qd-zsl', 'icbc.qd.manager', 'qd.mediator', '赵丽', 'debit_card_account', 'service_attitude', 0, 30, { kind: 'settled', daysAgo: 25, freeTerms: '网点负责人当面致歉，并对柜员进行服务培训。', satisfaction: 5 }],
    ['qd', 'icbc', 'icbc-qd-xgzl', 'icbc.qd.handler', 'qd.mediator', '钱伟', 'credit_card', 'repayment_negotiation', 3_500_000, 20, { kind: 'settled', daysAgo: 6, feeWaiverFen: 420_000, freeTerms: '停息挂账，本金分 36 期偿还。', obligation: { description: '办理停息挂账并出具新的还款计划', amountFen: 420_000, dueInDays: 10, performed: false } }],
    ['qd', 'qdbank', 'qdbank-sb-tdl-1', 'qdbank.handler', 'qd.mediator2', '孙强', 'personal_loan', 'repayment_negotiation', 1_900_000, 60, { kind: 'not_settled', daysAgo: 35, reason: '消费者要求全额减免，银行不同意', satisfaction: 2 }],
    ['qd', 'qdbank', 'qdbank-sb-tdl-1', 'qdbank.handler', 'qd.mediator2', '周敏', 'wealth_fund', 'mis_selling', 5_000_000, 50, { kind: 'terminated', daysAgo: 30, terminationReason: 'litigation_started' }],
    ['qd', 'qdbank', 'qdbank-sb-tdl-1', 'qdbank.handler', 'qd.mediator', '吴刚', 'credit_card', 'fee_reduction', 450_000, 28, { kind: 'settled', daysAgo: 14, refundFen: 45_000, satisfaction: 4, obligation: { description: '退还年费及分期手续费', amountFen: 45_000, dueInDays: -4, performed: false } }],
    ['qd', 'qdbank', 'qdbank-sb-tdl-1', 'qdbank.handler', 'qd.mediator2', '郑洁', 'debit_card_account', 'other', 100_000, 15, { kind: 'withdrawn', daysAgo: 10, reason: '消费者与银行自行和解后撤回' }],
    ['sh', 'cmb', 'cmb-sh-chj', 'cmb.sh.handler', 'sh.mediator', '冯涛', 'credit_card', 'credit_report', 0, 40, { kind: 'settled', daysAgo: 28, freeTerms: '银行向征信中心报送更正申请并出具非恶意逾期证明。', satisfaction: 5, obligation: { description: '报送征信更正并出具证明', amountFen: 0, dueInDays: -18, performed: true } }],
    ['sh', 'cmb', 'cmb-sh-chj', 'cmb.sh.handler', 'sh.mediator', '蒋燕', 'payment_settlement', 'fraud_theft', 2_300_000, 35, { kind: 'settled', daysAgo: 12, refundFen: 1_150_000, satisfaction: 4, obligation: { description: '先行赔付被盗刷资金的一半', amountFen: 1_150_000, dueInDays: 5, performed: false } }],
    ['sh', 'srcb', 'srcb-pd-zj', 'srcb.admin', 'sh.mediator', '韩梅', 'inclusive_finance', 'repayment_negotiation', 900_000, 45, { kind: 'not_settled', daysAgo: 15, reason: '经营贷展期条件未能达成一致' }],
  ] as [('qd' | 'sh'), string, string, string, string, string, string, string, number, number, DemoOutcome][]
).map(([center, institution, branch, filedBy, mediator, name, businessLine, disputeType, amountFen, daysAgo, outcome], i) => ({
  center: `${center}-center`,
  code: center.toUpperCase(),
  institution,
  branch,
  filedBy,
  consumer: { name, idNumber: `37020219${70 + i}0101${String(1000 + i)}`, phone: `1390000${String(1000 + i)}` },
  businessLine,
  disputeType,
  amountFen,
  facts: '（演示）已办结的历史案件。',
  claims: '（演示）',
  daysAgo,
  path: [...RAN(center, mediator), { to: outcome.kind, by: mediator, body: outcome.reason ?? outcome.freeTerms }],
  mediator,
  outcome,
}));

/** A few referrals in different states, so a fresh product has a queue to look at. */
const DEMO_CASES: DemoCase[] = [
  {
    center: 'qd-center', code: 'QD', institution: 'icbc', branch: 'icbc-qd-xgzl', filedBy: 'icbc.qd.handler',
    consumer: { name: '刘建国', idNumber: '370202195803151234', phone: '13906391234' },
    businessLine: 'credit_card', disputeType: 'repayment_negotiation', amountFen: 4_850_000,
    facts: '持卡人因病失业，信用卡逾期三个月，申请停息挂账分期还款。', claims: '停止计息，分 36 期偿还本金', daysAgo: 1, path: [],
  },
  {
    center: 'qd-center', code: 'QD', institution: 'qdbank', branch: 'qdbank-sb-tdl-1', filedBy: 'qdbank.handler',
    consumer: { name: '王秀英', idNumber: '370203196205204321', phone: '13805321111' },
    businessLine: 'wealth_fund', disputeType: 'mis_selling', amountFen: 20_000_000,
    facts: '老年客户称购买理财产品时未被告知风险等级，产品亏损。', claims: '赔偿本金损失', daysAgo: 6,
    path: [{ to: 'returned', by: 'qd.intake', body: '请补充风险测评问卷及双录材料' }],
  },
  {
    center: 'qd-center', code: 'QD', institution: 'icbc', branch: 'icbc-qd-zsl', filedBy: 'icbc.qd.manager',
    consumer: { name: '赵磊', idNumber: '370211198809097777', phone: '15066668888' },
    businessLine: 'personal_loan', disputeType: 'fee_reduction', amountFen: 320_000,
    facts: '提前还款被收取违约金，客户认为合同未明确约定。', claims: '退还提前还款违约金', daysAgo: 4,
    path: [{ to: 'accepted', by: 'qd.intake', body: '小额纠纷，快速处理' }],
  },
  {
    center: 'qd-center', code: 'QD', institution: 'icbc', branch: 'icbc-qd-xgzl', filedBy: 'icbc.qd.handler',
    consumer: { name: '孙梅', idNumber: '370212199102023456', phone: '18653210000', email: 'sun.mei@example.com' },
    businessLine: 'debit_card_account', disputeType: 'fraud_theft', amountFen: 1_560_000,
    facts: '借记卡被境外盗刷，客户已报警，银行拒绝先行赔付。', claims: '赔付被盗刷资金', daysAgo: 9,
    path: [{ to: 'accepted', by: 'qd.intake' }, { to: 'assigned', by: 'qd.intake' }], mediator: 'qd.mediator',
  },
  // Three complaints about one product of one bank, accepted and not yet assigned: the center
  // can show 类案批量 at once (候选类案 with the keyword 鑫享理财3号 groups them under one lead).
  ...(
    [
      ['王建华', '370203195511083412', '13954201001', 3_000_000, 8, '购买“鑫享理财3号”产品时客户经理称保本保收益，到期亏损 18%。'],
      ['李淑珍', '370203196003126628', '13954201002', 1_500_000, 7, '老年客户在网点购买“鑫享理财3号”，未做风险测评，产品到期亏损。'],
      ['张国栋', '370202196807215513', '13954201003', 2_200_000, 5, '“鑫享理财3号”宣传材料只写预期收益，未提示可能亏损本金。'],
    ] as const
  ).map(([name, idNumber, phone, amountFen, daysAgo, facts]): DemoCase => ({
    center: 'qd-center', code: 'QD', institution: 'qdbank', branch: 'qdbank-sb-tdl-1', filedBy: 'qdbank.handler',
    consumer: { name, idNumber, phone },
    businessLine: 'wealth_fund', disputeType: 'mis_selling', amountFen,
    facts, claims: '赔偿本金损失', daysAgo,
    path: [{ to: 'accepted', by: 'qd.intake' }],
  })),
  {
    center: 'sh-center', code: 'SH', institution: 'cmb', branch: 'cmb-sh-chj', filedBy: 'cmb.sh.handler',
    consumer: { name: '陈晓燕', idNumber: '310104199303036666', phone: '13761234567' },
    businessLine: 'credit_card', disputeType: 'credit_report', amountFen: 0,
    facts: '客户称已结清的信用卡仍显示逾期记录，影响房贷审批。', claims: '更正征信记录', daysAgo: 3, path: [],
  },
  {
    center: 'sh-center', code: 'SH', institution: 'srcb', branch: 'srcb-pd-zj', filedBy: 'srcb.admin',
    consumer: { name: '周强', idNumber: '310115197707071111', phone: '13601600000' },
    businessLine: 'insurance', disputeType: 'other', amountFen: 5_000_000,
    facts: '客户就保险理赔结果与保险公司已进入诉讼程序。', claims: '理赔', daysAgo: 12,
    path: [{ to: 'rejected', by: 'sh.intake', body: '已进入诉讼程序' }], rejectReason: 'in_litigation_or_decided',
  },
];

/**
 * Loads the demo cases with sealed identities (the configured keys) through the owner connection;
 * with `history`, the months of concluded cases before them too, all numbered in submission order.
 */
export async function seedDemoCases(client: Client, ids: DemoIds, names: Record<string, string>, history: DemoCase[] = []): Promise<void> {
  const all = history.length ? [...DEMO_CASES, ...CONCLUDED, ...history].sort((a, b) => b.daysAgo - a.daysAgo) : [...DEMO_CASES, ...CONCLUDED];
  const config = loadConfig();
  const vault = new PiiVault(config);
  const calendar: WorkingCalendar = { coveredYears: new Set(), exceptions: new Map() };
  for (const { year, days } of nationalCalendarYears()) {
    calendar.coveredYears.add(year);
    for (const d of days) calendar.exceptions.set(d.day, d.isWorking);
  }
  const due = (from: Date, n: number) => {
    try {
      return addWorkingDays(shanghaiDate(from), n, calendar);
    } catch (error) {
      if (error instanceof CalendarYearMissingError) return null;
      throw error;
    }
  };
  const counters = new Map<string, number>();
  for (const c of all) {
    const id = randomUUID();
    const submittedAt = new Date(Date.now() - c.daysAgo * 86400_000);
    const year = Number(shanghaiDate(submittedAt).slice(0, 4));
    const counterKey = `${c.center}:${year}`;
    const n = (counters.get(counterKey) ?? 0) + 1;
    counters.set(counterKey, n);
    const { rows } = await client.query<{ path: string }>('SELECT path FROM branches WHERE id = $1', [ids.branches[c.branch]]);
    const status = c.path.at(-1)?.to ?? 'submitted';
    const concludedAt = c.outcome ? new Date(Date.now() - c.outcome.daysAgo * 86400_000) : null;
    const acceptedAt = c.path.some((p) => p.to === 'accepted') ? new Date(submittedAt.getTime() + (c.acceptDays ?? 1) * 86400_000) : null;
    const centerId = ids.organisations[c.center];
    const institutionId = ids.organisations[c.institution];
    await client.query(
      `INSERT INTO cases (id, center_id, institution_id, branch_id, branch_path, branch_level2_id, branch_level3_id, branch_level4_id, created_by_organisation_id, created_by_user_id, case_number, status,
         track, source, business_line, dispute_type, amount_fen, facts, claims, complaint_received_on, preferred_channel, consent_at, consumer_id_type,
         consumer_sealed, consumer_name_masked, consumer_phone_masked, consumer_id_masked, consumer_phone_hash, consumer_id_hash,
         mediator_id, mediator_name, submitted_at, accepted_at, assigned_at, intake_due_on, first_session_due_on, reject_reason, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $30, $31, $32, $3, $6, $7, $8, $9, 'branch_referral', $10, $11, $12, $13, $14, $15, 'phone', $16, 'resident_id',
         $17, $18, $19, $20, $21, $22, $23, $24, $16, $25, $26, $27, $28, $29, $16, now())`,
      [
        id, centerId, institutionId, ids.branches[c.branch], rows[0].path, ids.users[c.filedBy], `${c.code}-${year}-${String(n).padStart(6, '0')}`, status,
        c.amountFen <= 500000 ? 'small_claims' : 'normal', c.businessLine, c.disputeType, c.amountFen, c.facts, c.claims,
        shanghaiDate(new Date(submittedAt.getTime() - 10 * 86400_000)), submittedAt,
        vault.seal({ name: c.consumer.name, idNumber: c.consumer.idNumber, phone: c.consumer.phone, email: c.consumer.email ?? null }, id),
        maskName(c.consumer.name), maskPhone(c.consumer.phone), maskIdNumber(c.consumer.idNumber),
        vault.searchHash(c.consumer.phone), vault.searchHash(c.consumer.idNumber),
        c.mediator ? ids.users[c.mediator] : null, c.mediator ? names[c.mediator] : null,
        acceptedAt, c.mediator ? acceptedAt : null, due(submittedAt, c.amountFen <= 500000 ? 2 : 5), acceptedAt ? due(acceptedAt, 10) : null, c.rejectReason ?? null,
        ...[1, 2, 3].map((depth) => rows[0].path.split('/').filter(Boolean)[depth] ?? null),
      ],
    );
    let from: string | null = null;
    const moves = [{ to: 'submitted', by: c.filedBy, body: undefined as string | undefined }, ...c.path];
    for (const [i, move] of moves.entries()) {
      const user = ids.users[move.by];
      await client.query(
        `INSERT INTO case_events (case_id, center_id, institution_id, branch_path, at, kind, actor_user_id, actor_organisation_id, actor_name, from_status, to_status, body, detail)
         SELECT $1, $2, $3, $4, $5, $6, u.id, u.organisation_id, u.display_name, $7, $8, $9, $10 FROM users u WHERE u.id = $11`,
        [
          id, centerId, institutionId, rows[0].path, i === moves.length - 1 && concludedAt ? concludedAt : new Date(submittedAt.getTime() + i * 3600_000), move.to === 'assigned' ? 'assignment' : 'transition',
          from, move.to, move.body ?? null, move.to === 'assigned' ? { mediatorId: ids.users[c.mediator!], mediatorName: names[c.mediator!], rank: 1 } : {}, user,
        ],
      );
      from = move.to;
    }
    if (c.outcome && concludedAt) {
      await seedOutcome(client, { id, centerId, institutionId, branchPath: rows[0].path, mediatorId: ids.users[c.mediator!], mediatorName: names[c.mediator!] }, c.outcome, concludedAt);
    }
  }
  for (const [key, n] of counters) {
    const [center, year] = key.split(':');
    await client.query('INSERT INTO case_number_counters (center_id, year, last_value) VALUES ($1, $2, $3)', [ids.organisations[center], Number(year), n]);
  }
}

/** A concluded demo case's outcome, terms, obligation and follow-up, as the product would have written them. */
async function seedOutcome(
  client: Client,
  c: { id: string; centerId: string; institutionId: string; branchPath: string; mediatorId: string; mediatorName: string },
  o: DemoOutcome,
  at: Date,
): Promise<void> {
  const settled = o.kind === 'settled' ? (o.refundFen ?? 0) + (o.feeWaiverFen ?? 0) : 0;
  await client.query(`UPDATE cases SET outcome = $2, concluded_at = $3, settled_amount_fen = $4, updated_at = $3 WHERE id = $1`, [c.id, o.kind, at, settled]);
  await client.query(
    `INSERT INTO case_outcomes (case_id, center_id, institution_id, branch_path, outcome, refund_fen, fee_waiver_fen, free_terms, not_settled_reason, other_routes,
                                termination_reason, note, recorded_by, recorded_by_name, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      c.id, c.centerId, c.institutionId, c.branchPath, o.kind, o.refundFen ?? 0, o.feeWaiverFen ?? 0, o.kind === 'settled' ? (o.freeTerms ?? '') : '',
      o.kind === 'not_settled' ? o.reason : null, o.kind === 'not_settled' ? ['litigation', 'arbitration'] : [], o.kind === 'terminated' ? o.terminationReason : null,
      o.kind === 'withdrawn' ? (o.reason ?? null) : null, c.mediatorId, c.mediatorName, at,
    ],
  );
  if (o.obligation) {
    const dueOn = shanghaiDate(new Date(Date.now() + o.obligation.dueInDays * 86400_000));
    const overdue = !o.obligation.performed && o.obligation.dueInDays < 0;
    await client.query(
      `INSERT INTO case_obligations (case_id, center_id, institution_id, branch_path, position, owed_by, description, amount_fen, due_on, status, performed_at, evidence_note, escalated_at)
       VALUES ($1, $2, $3, $4, 1, 'institution', $5, $6, $7, $8, $9, $10, $11)`,
      [
        c.id, c.centerId, c.institutionId, c.branchPath, o.obligation.description, o.obligation.amountFen, dueOn,
        o.obligation.performed ? 'performed' : overdue ? 'overdue' : 'due', o.obligation.performed ? new Date(at.getTime() + 5 * 86400_000) : null,
        o.obligation.performed ? '已按协议履行，凭证已存档。' : null, overdue ? new Date() : null,
      ],
    );
  }
  if (o.judicial) {
    // Applied five days after the agreement took effect, confirmed three days later (if that day has come).
    const effectiveOn = shanghaiDate(at);
    const appliedOn = shanghaiDate(new Date(at.getTime() + 5 * 86400_000));
    const resultOn = shanghaiDate(new Date(at.getTime() + 8 * 86400_000));
    const decided = resultOn < shanghaiDate(new Date());
    await client.query(
      `INSERT INTO judicial_confirmations (case_id, center_id, institution_id, branch_path, effective_on, window_ends_on, applying, court, applied_on, result, result_on, updated_by)
       VALUES ($1, $2, $3, $4, $5, ($5::date + 30), true, $6, $7, $8, $9, $10)`,
      [c.id, c.centerId, c.institutionId, c.branchPath, effectiveOn, o.judicial, appliedOn, decided ? 'confirmed' : 'pending', decided ? resultOn : null, c.mediatorId],
    );
  }
  await client.query(
    `INSERT INTO follow_up_surveys (case_id, center_id, institution_id, branch_path, mediator_id, sent_at, answered_at, satisfaction, comment)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [c.id, c.centerId, c.institutionId, c.branchPath, c.mediatorId, at, o.satisfaction ? new Date(at.getTime() + 2 * 86400_000) : null, o.satisfaction ?? null, o.comment ?? null],
  );
}
