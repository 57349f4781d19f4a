import type { DemoCase, DemoOutcome } from './demo-cases';

/**
 * Fourteen calendar months of concluded cases before this one, so that a fresh demo has what the
 * regulator's console is for: trend lines with a year over year, institutions with enough
 * concluded cases to be ranked (the 红黑榜's default minimum is 10 in 12 months), and one bank
 * getting worse — 青岛银行's referrals jump in the last complete month (mostly credit cards),
 * above the 99.9 % Poisson bound of its own 12 prior months, so the worker's first run raises an
 * early warning for the bank and for its credit-card line; its success rate and timeliness fall
 * in the last quarter too. Deterministic (a seeded generator), and anchored on calendar months in
 * Asia/Shanghai, so the spike is always in the latest complete month the warning job judges.
 */
export const HISTORY_MONTHS = 14;

interface Profile {
  center: 'qd' | 'sh';
  institution: string;
  /** Branch, the user who files there. */
  outlets: [string, string][];
  mediators: string[];
  perMonth: number;
  /** Of settled + not settled + terminated; withdrawals come on top. */
  success: number;
  /** The share of cases whose intake decision misses its 5-working-day limit. */
  late: number;
  lines: [string, string][];
}

const PROFILES: Profile[] = [
  {
    center: 'qd', institution: 'icbc', perMonth: 8, success: 0.72, late: 0.05,
    outlets: [['icbc-qd-xgzl', 'icbc.qd.handler'], ['icbc-qd-zsl', 'icbc.qd.manager'], ['icbc-qd-ls', 'icbc.qd.manager']],
    mediators: ['qd.mediator', 'qd.mediator2'],
    lines: [['credit_card', 'fee_reduction'], ['personal_loan', 'repayment_negotiation'], ['debit_card_account', 'service_attitude'], ['wealth_fund', 'mis_selling']],
  },
  {
    center: 'qd', institution: 'qdbank', perMonth: 6, success: 0.55, late: 0.15,
    outlets: [['qdbank-sb-tdl-1', 'qdbank.handler']],
    mediators: ['qd.mediator2', 'qd.mediator'],
    lines: [['credit_card', 'fee_reduction'], ['personal_loan', 'repayment_negotiation'], ['wealth_fund', 'mis_selling']],
  },
  {
    center: 'sh', institution: 'cmb', perMonth: 7, success: 0.66, late: 0.05,
    outlets: [['cmb-sh-chj', 'cmb.sh.handler']],
    mediators: ['sh.mediator'],
    lines: [['credit_card', 'credit_report'], ['payment_settlement', 'fraud_theft'], ['credit_card', 'fee_reduction']],
  },
  {
    center: 'sh', institution: 'srcb', perMonth: 6, success: 0.5, late: 0.1,
    outlets: [['srcb-pd-zj', 'srcb.admin']],
    mediators: ['sh.mediator'],
    lines: [['inclusive_finance', 'repayment_negotiation'], ['personal_loan', 'fee_reduction']],
  },
];

/** 青岛银行's last complete month: this many referrals, these credit-card ones. */
const SPIKE = { institution: 'qdbank', referrals: 26, creditCards: 18 };

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建华', '文', '华', '红', '玉兰', '志强', '海燕'];

const DAY = 86_400_000;
const COURTS = { qd: '青岛市市南区人民法院', sh: '上海市浦东新区人民法院' };

/** mulberry32: the same demo on every machine. */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The first instant of the Asia/Shanghai month `back` months before the one holding `now`. */
function monthStart(now: Date, back: number): Date {
  const shanghai = new Date(now.getTime() + 8 * 3600_000);
  return new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() - back, 1) - 8 * 3600_000);
}

export function demoHistory(now = new Date()): DemoCase[] {
  const random = generator(20261207);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const cases: DemoCase[] = [];
  let serial = 0;
  for (let back = HISTORY_MONTHS; back >= 1; back--) {
    const start = monthStart(now, back);
    const days = Math.round((monthStart(now, back - 1).getTime() - start.getTime()) / DAY);
    for (const p of PROFILES) {
      const spike = back === 1 && p.institution === SPIKE.institution;
      // ±1 around the profile's mean, so the lines are not flat but stay well inside the bound;
      // every month at least 5, so a regulator's trend lines are not withheld as small cells.
      const count = spike ? SPIKE.referrals : Math.max(1, p.perMonth + Math.floor(random() * 3) - 1);
      const worse = p.institution === SPIKE.institution && back <= 3;
      const center = p.center;
      for (let i = 0; i < count; i++) {
        serial++;
        const [branch, filedBy] = pick(p.outlets);
        const [businessLine, disputeType] = spike && i < SPIKE.creditCards ? (['credit_card', 'fee_reduction'] as const) : pick(p.lines);
        // The last month's referrals by its 22nd, so they are accepted and concluded by now.
        const submitted = new Date(start.getTime() + Math.floor(random() * (back === 1 ? days - 8 : days - 1)) * DAY + (9 + Math.floor(random() * 8)) * 3600_000);
        const daysAgo = (now.getTime() - submitted.getTime()) / DAY;
        const amountFen = pick([0, 150_000, 380_000, 920_000, 1_600_000, 3_200_000, 6_800_000]);
        const late = random() < (worse ? 0.4 : p.late);
        // In time: the next day on the small-claims fast track (2 working days), within 3 days otherwise (5).
        const onTime = amountFen <= 500_000 ? 1 : 1 + Math.floor(random() * 3);
        const acceptDays = Math.min(late ? 9 + Math.floor(random() * 4) : onTime, Math.floor(daysAgo) - 2);
        // Concluded 10–45 days after acceptance, and never later than yesterday.
        const concludeAgo = Math.max(1, daysAgo - acceptDays - 10 - Math.floor(random() * 35));
        const mediator = pick(p.mediators);
        const outcome = historyOutcome(random, worse ? p.success - 0.25 : p.success, concludeAgo, COURTS[center]);
        const name = `${SURNAMES[Math.floor(random() * SURNAMES.length)]}${pick(GIVEN)}`;
        cases.push({
          center: `${center}-center`,
          code: center.toUpperCase(),
          institution: p.institution,
          branch,
          filedBy,
          consumer: { name, idNumber: `3702021980${String(1000 + (serial % 9000)).padStart(4, '0')}${String(1000 + serial).slice(-4)}`, phone: `137${String(10_000_000 + serial * 7919).slice(-8)}` },
          businessLine,
          disputeType,
          amountFen,
          facts: '（演示）历史案件。',
          claims: '（演示）',
          daysAgo,
          acceptDays,
          path: [
            { to: 'accepted', by: `${center}.intake` },
            { to: 'assigned', by: `${center}.intake` },
            { to: 'scheduled', by: `${center}.intake` },
            { to: 'in_session', by: mediator },
            { to: outcome.kind, by: mediator, body: outcome.reason ?? outcome.freeTerms },
            // Closed once the follow-up is done: a month after conclusion.
            ...(concludeAgo > 30 ? [{ to: 'closed', by: `${center}.intake` }] : []),
          ],
          mediator,
          outcome,
        });
      }
    }
  }
  return cases.sort((a, b) => b.daysAgo - a.daysAgo);
}

function historyOutcome(random: () => number, success: number, daysAgo: number, court: string): DemoOutcome {
  const roll = random();
  // Seven in ten answer the follow-up survey.
  const answered = random() < 0.7;
  const answer = (good: boolean) => (answered ? (good ? 4 + Math.round(random()) : 2 + Math.round(random() * 2)) : undefined);
  if (roll < 0.06) return { kind: 'withdrawn', daysAgo, reason: '消费者与银行自行和解后撤回' };
  if (roll < 0.06 + 0.94 * success) {
    const refundFen = Math.round(random() * 20) * 10_000;
    const performed = random() < 0.85;
    return {
      kind: 'settled',
      daysAgo,
      refundFen,
      freeTerms: refundFen ? undefined : '银行致歉并调整相关业务处理。',
      satisfaction: answer(true),
      // Due ten days after the agreement; most performed, some overdue, the newest still due.
      obligation: refundFen ? { description: '按协议退还款项', amountFen: refundFen, dueInDays: Math.round(10 - daysAgo), performed: daysAgo >= 10 && performed } : undefined,
      judicial: random() < 0.15 ? court : undefined,
    };
  }
  if (roll < 0.06 + 0.94 * success + 0.94 * (1 - success) * 0.8) {
    return { kind: 'not_settled', daysAgo, reason: '双方就赔付比例未能达成一致', satisfaction: answer(false) };
  }
  return { kind: 'terminated', daysAgo, terminationReason: 'litigation_started' };
}
