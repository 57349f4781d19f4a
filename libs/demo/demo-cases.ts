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
  validateEnvironment,
  WorkingCalendar,
} from '@accord/core';
import type { DemoIds } from './demo-seed';

interface DemoCase {
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
  /** The moves after submission, in order, with who made them. */
  path: { to: string; by: string; body?: string }[];
  mediator?: string;
  rejectReason?: string;
}

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

/** Loads the demo cases with sealed identities (the configured keys) through the owner connection. */
export async function seedDemoCases(client: Client, ids: DemoIds, names: Record<string, string>): Promise<void> {
  const config = validateEnvironment(process.env);
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
  for (const c of DEMO_CASES) {
    const id = randomUUID();
    const submittedAt = new Date(Date.now() - c.daysAgo * 86400_000);
    const year = Number(shanghaiDate(submittedAt).slice(0, 4));
    const counterKey = `${c.center}:${year}`;
    const n = (counters.get(counterKey) ?? 0) + 1;
    counters.set(counterKey, n);
    const { rows } = await client.query<{ path: string }>('SELECT path FROM branches WHERE id = $1', [ids.branches[c.branch]]);
    const status = c.path.at(-1)?.to ?? 'submitted';
    const acceptedAt = c.path.some((p) => p.to === 'accepted') ? new Date(submittedAt.getTime() + 86400_000) : null;
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
          id, centerId, institutionId, rows[0].path, new Date(submittedAt.getTime() + i * 3600_000), move.to === 'assigned' ? 'assignment' : 'transition',
          from, move.to, move.body ?? null, move.to === 'assigned' ? { mediatorId: ids.users[c.mediator!], mediatorName: names[c.mediator!], rank: 1 } : {}, user,
        ],
      );
      from = move.to;
    }
  }
  for (const [key, n] of counters) {
    const [center, year] = key.split(':');
    await client.query('INSERT INTO case_number_counters (center_id, year, last_value) VALUES ($1, $2, $3)', [ids.organisations[center], Number(year), n]);
  }
}
