/**
 * What a notification says, in both languages: each kind's message (NOTIFICATION_KINDS' params
 * fill it) and the few words it is built with. One source for the portal (its i18n
 * `notifications` namespace spreads these) and for the e-mail copy, which goes in the language
 * the user chose in their security settings (users.language).
 */
import { notificationLink, hasNotificationParams } from './notifications';

const zhCN = {
  note: '说明：{{note}}',
  partyReminded: '（已提醒履行方）',
  periodMonth: '{{month}} 月',
  periodWeek: '{{start}} 至 {{end}} 一周',
  unitWithLine: '{{institution}}（{{line}}）',
  membershipStatus: { active: '有效', suspended: '暂停', ended: '终止' },
  labels: {
    channel: { phone: '电话调解', video: '视频调解', on_site: '现场调解（联络站）' },
    party: { institution: '金融机构', consumer: '消费者' },
    businessLine: {
      personal_loan: '个人贷款',
      credit_card: '信用卡',
      debit_card_account: '借记卡/账户',
      wealth_fund: '理财/基金',
      insurance: '保险',
      payment_settlement: '支付结算',
      inclusive_finance: '普惠金融',
      other: '其他',
    },
  },
  email: {
    openIn: '在 Accord 中打开：{{url}}',
    why: '（您在 Accord 的通知设置中选择了以邮件接收此类通知。）',
  },
  kinds: {
    case: {
      submitted: { name: '新的调解申请', title: '新的调解申请：{{caseNumber}}', body: '{{actorName}}（{{institutionName}}）提交了调解申请 {{caseNumber}}，等待受理审查。' },
      returned: { name: '案件被退回补正', title: '案件 {{caseNumber}} 被退回补正', body: '{{actorName}}（{{centerName}}）退回了案件 {{caseNumber}}，请补充材料后重新提交。' },
      rejected: { name: '案件不予受理', title: '案件 {{caseNumber}} 不予受理', body: '{{actorName}}（{{centerName}}）决定对案件 {{caseNumber}} 不予受理。' },
      accepted: { name: '案件已受理', title: '案件 {{caseNumber}} 已受理', body: '{{actorName}}（{{centerName}}）受理了案件 {{caseNumber}}。' },
      assigned: { name: '案件已分派调解员', title: '案件 {{caseNumber}} 已分派调解员', body: '{{actorName}}（{{centerName}}）将案件 {{caseNumber}} 分派给调解员{{mediatorName}}。' },
      withdrawn: { name: '案件已撤回', title: '案件 {{caseNumber}} 已撤回', body: '{{actorName}}撤回了案件 {{caseNumber}}。' },
      'assigned-to-you': { name: '分派给我的案件', title: '新分派案件：{{caseNumber}}', body: '{{actorName}}将案件 {{caseNumber}} 分派给您调解。' },
      'consent-given': { name: '消费者已同意调解', title: '消费者已同意：{{caseNumber}}', body: '消费者已通过短信链接同意调解，申请 {{caseNumber}} 已提交{{centerName}}。' },
      'consent-declined': { name: '消费者不同意调解', title: '消费者不同意调解', body: '消费者不同意将调解申请提交{{centerName}}，草稿已关闭。' },
      'consent-expired': { name: '同意链接已过期', title: '同意链接已过期', body: '消费者未在有效期内确认，提交{{centerName}}的调解申请草稿已关闭。' },
      'extension-proposed': {
        name: '延长调解期限待答复',
        title: '案件 {{caseNumber}}：延长调解期限待答复',
        body: '{{centerName}}提议将案件 {{caseNumber}} 的调解期限延长 {{days}} 日（至 {{newDueOn}}），须经贵机构与消费者同意，请在案件页答复。',
      },
      commented: { name: '案件留言', title: '案件 {{caseNumber}} 有新留言', body: '{{actorName}}（{{organisationName}}）在案件 {{caseNumber}} 留言：{{comment}}' },
    },
    session: {
      'reminder-24h': { name: '调解会议提醒（提前一天）', title: '调解会议提醒：{{caseNumber}}', body: '案件 {{caseNumber}} 的{{channel}}将于明天（{{startsAt}}）开始。' },
      'reminder-30m': { name: '调解会议提醒（提前 30 分钟）', title: '调解会议提醒：{{caseNumber}}', body: '案件 {{caseNumber}} 的{{channel}}将于 30 分钟后（{{startsAt}}）开始。' },
      booked: { name: '调解会议已预约', title: '调解会议已预约：{{caseNumber}}', body: '{{centerName}}为案件 {{caseNumber}} 预约了{{channel}}，时间 {{startsAt}}，请在案件页确认出席。' },
      rescheduled: { name: '调解会议改期', title: '调解会议改期：{{caseNumber}}', body: '{{centerName}}将案件 {{caseNumber}} 的{{channel}}改至 {{startsAt}}，请在案件页重新确认出席。' },
      cancelled: { name: '调解会议取消', title: '调解会议取消：{{caseNumber}}', body: '{{centerName}}取消了案件 {{caseNumber}} 原定 {{startsAt}} 的{{channel}}。' },
    },
    obligation: {
      'due-soon': { name: '履行提醒', title: '履行提醒：{{caseNumber}}', body: '案件 {{caseNumber}} 的调解协议约定的“{{description}}”应于 {{dueOn}} 前履行完毕，请按时履行并上传凭证。' },
      overdue: { name: '逾期未履行', title: '逾期未履行：{{caseNumber}}', body: '案件 {{caseNumber}} 的调解协议约定的“{{description}}”（{{owedBy}}履行）已于 {{dueOn}} 到期仍未履行，请跟进。' },
    },
    judicial: {
      'window-7d': { name: '司法确认期限提醒（剩余 7 天）', title: '司法确认期限提醒：{{caseNumber}}', body: '案件 {{caseNumber}} 的调解协议司法确认申请期限将于 {{windowEndsOn}} 届满（剩余 7 天）。如双方拟申请司法确认，请尽快向人民法院共同提出。' },
      'window-1d': { name: '司法确认期限提醒（剩余 1 天）', title: '司法确认期限提醒：{{caseNumber}}', body: '案件 {{caseNumber}} 的调解协议司法确认申请期限将于 {{windowEndsOn}} 届满（剩余 1 天）。如双方拟申请司法确认，请尽快向人民法院共同提出。' },
    },
    warning: {
      raised: {
        name: '投诉风险预警',
        title: '投诉风险预警：{{unit}}',
        body: '{{unit}}在{{centerName}}{{period}}的调解申请 {{observed}} 件，高于其此前均值 {{expected}} 件。',
        titleBreaches: '投诉风险预警（超时限率）：{{unit}}',
        bodyBreaches: '{{unit}}在{{centerName}}{{period}}办结的 {{concluded}} 件中超时限 {{observed}} 件，高于其此前超时限率所预期的 {{expected}} 件。',
      },
      notice_sent: { name: '监管提示', title: '监管提示：{{regulatorName}}', body: '{{regulatorName}}就{{unit}}{{period}}的投诉风险预警发出监管提示：{{text}}' },
      notice_answered: { name: '监管提示的答复', title: '监管提示已答复：{{unit}}', body: '{{institutionName}}答复了您就{{period}}预警发出的监管提示：{{answer}}' },
    },
    membership: {
      changed: { name: '会员资格变更', title: '会员资格变更：{{centerName}}', body: '贵机构在{{centerName}}的会员状态现为「{{status}}」。' },
    },
    user: {
      welcome: { name: '欢迎', title: '欢迎使用 Accord，{{displayName}}', body: '您的账号已开通。首次登录后请核对您的角色与所属机构。' },
    },
  },
};

/** The same keys and nesting as T, every text a string (what the English must fill). */
type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

const en: Texts<typeof zhCN> = {
  note: ' Note: {{note}}',
  partyReminded: ' (the owing party has been reminded)',
  periodMonth: 'in {{month}}',
  periodWeek: 'in the week {{start}} to {{end}}',
  unitWithLine: '{{institution}} ({{line}})',
  membershipStatus: { active: 'active', suspended: 'suspended', ended: 'ended' },
  labels: {
    channel: { phone: 'Phone mediation', video: 'Video mediation', on_site: 'On-site (liaison station)' },
    party: { institution: 'Institution', consumer: 'Consumer' },
    businessLine: {
      personal_loan: 'Personal loan',
      credit_card: 'Credit card',
      debit_card_account: 'Debit card / account',
      wealth_fund: 'Wealth management / funds',
      insurance: 'Insurance',
      payment_settlement: 'Payments',
      inclusive_finance: 'Inclusive finance',
      other: 'Other',
    },
  },
  email: {
    openIn: 'Open in Accord: {{url}}',
    why: '(You chose to receive this kind of notification by e-mail in your Accord notification settings.)',
  },
  kinds: {
    case: {
      submitted: { name: 'New referral', title: 'New referral: {{caseNumber}}', body: '{{actorName}} ({{institutionName}}) filed referral {{caseNumber}}; it awaits the intake review.' },
      returned: { name: 'Case returned for information', title: 'Case {{caseNumber}} returned for information', body: '{{actorName}} ({{centerName}}) returned case {{caseNumber}}; please add the information and submit it again.' },
      rejected: { name: 'Case rejected', title: 'Case {{caseNumber}} rejected', body: '{{actorName}} ({{centerName}}) decided not to accept case {{caseNumber}}.' },
      accepted: { name: 'Case accepted', title: 'Case {{caseNumber}} accepted', body: '{{actorName}} ({{centerName}}) accepted case {{caseNumber}}.' },
      assigned: { name: 'Mediator assigned', title: 'Case {{caseNumber}}: mediator assigned', body: '{{actorName}} ({{centerName}}) assigned case {{caseNumber}} to mediator {{mediatorName}}.' },
      withdrawn: { name: 'Case withdrawn', title: 'Case {{caseNumber}} withdrawn', body: '{{actorName}} withdrew case {{caseNumber}}.' },
      'assigned-to-you': { name: 'Case assigned to me', title: 'Case assigned to you: {{caseNumber}}', body: '{{actorName}} assigned case {{caseNumber}} to you to mediate.' },
      'consent-given': { name: 'Consumer consented', title: 'Consumer consented: {{caseNumber}}', body: 'The consumer agreed by SMS link; referral {{caseNumber}} went to {{centerName}}.' },
      'consent-declined': { name: 'Consumer declined mediation', title: 'Consumer declined mediation', body: 'The consumer declined the referral to {{centerName}}; the draft is closed.' },
      'consent-expired': { name: 'Consent link expired', title: 'Consent link expired', body: 'The consumer did not answer in time; the draft referral to {{centerName}} is closed.' },
      'extension-proposed': {
        name: 'Extension awaiting your answer',
        title: 'Case {{caseNumber}}: extension awaiting your answer',
        body: '{{centerName}} proposes to extend the mediation of case {{caseNumber}} by {{days}} days (to {{newDueOn}}); it needs your and the consumer’s agreement. Answer on the case page.',
      },
      commented: { name: 'Comment on a case', title: 'New comment on case {{caseNumber}}', body: '{{actorName}} ({{organisationName}}) commented on case {{caseNumber}}: {{comment}}' },
    },
    session: {
      'reminder-24h': { name: 'Session reminder (a day before)', title: 'Session reminder: {{caseNumber}}', body: 'The session of case {{caseNumber}} ({{channel}}) starts tomorrow, {{startsAt}}.' },
      'reminder-30m': { name: 'Session reminder (30 minutes before)', title: 'Session reminder: {{caseNumber}}', body: 'The session of case {{caseNumber}} ({{channel}}) starts in 30 minutes, {{startsAt}}.' },
      booked: { name: 'Session booked', title: 'Session booked: {{caseNumber}}', body: '{{centerName}} booked a session for case {{caseNumber}} ({{channel}}) at {{startsAt}}. Please confirm attendance on the case page.' },
      rescheduled: { name: 'Session moved', title: 'Session moved: {{caseNumber}}', body: '{{centerName}} moved the session of case {{caseNumber}} ({{channel}}) to {{startsAt}}. Please confirm attendance again on the case page.' },
      cancelled: { name: 'Session cancelled', title: 'Session cancelled: {{caseNumber}}', body: '{{centerName}} cancelled the session of case {{caseNumber}} ({{channel}}) planned for {{startsAt}}.' },
    },
    obligation: {
      'due-soon': { name: 'Performance reminder', title: 'Performance reminder: {{caseNumber}}', body: 'Under the agreement of case {{caseNumber}}, "{{description}}" is due by {{dueOn}}; please perform it on time and upload the evidence.' },
      overdue: { name: 'Obligation overdue', title: 'Overdue: {{caseNumber}}', body: 'Under the agreement of case {{caseNumber}}, "{{description}}" (owed by: {{owedBy}}) fell due on {{dueOn}} and is not performed; please follow up.' },
    },
    judicial: {
      'window-7d': { name: 'Judicial confirmation deadline (7 days left)', title: 'Judicial confirmation deadline: {{caseNumber}}', body: 'The time to apply for judicial confirmation of the agreement of case {{caseNumber}} ends on {{windowEndsOn}} (7 days left). If the parties mean to apply, they should apply to the court together soon.' },
      'window-1d': { name: 'Judicial confirmation deadline (1 day left)', title: 'Judicial confirmation deadline: {{caseNumber}}', body: 'The time to apply for judicial confirmation of the agreement of case {{caseNumber}} ends on {{windowEndsOn}} (1 day left). If the parties mean to apply, they should apply to the court together soon.' },
    },
    warning: {
      raised: {
        name: 'Complaint risk warning',
        title: 'Complaint risk warning: {{unit}}',
        body: '{{unit}} had {{observed}} referrals at {{centerName}} {{period}}, above its prior mean of {{expected}}.',
        titleBreaches: 'Complaint risk warning (time-limit breaches): {{unit}}',
        bodyBreaches: 'Of the {{concluded}} cases of {{unit}} concluded at {{centerName}} {{period}}, {{observed}} breached a time limit, above the {{expected}} its prior breach rate leads one to expect.',
      },
      notice_sent: { name: 'Supervisory notice', title: 'Supervisory notice: {{regulatorName}}', body: '{{regulatorName}} sent a supervisory notice on the complaint risk warning of {{unit}} {{period}}: {{text}}' },
      notice_answered: { name: 'Answer to a supervisory notice', title: 'Supervisory notice answered: {{unit}}', body: '{{institutionName}} answered your supervisory notice on the warning {{period}}: {{answer}}' },
    },
    membership: {
      changed: { name: 'Membership changed', title: 'Membership changed: {{centerName}}', body: 'Your institution\'s membership of {{centerName}} is now {{status}}.' },
    },
    user: {
      welcome: { name: 'Welcome', title: 'Welcome to Accord, {{displayName}}', body: 'Your account is open. After your first sign-in, please check your roles and organisation.' },
    },
  },
};

export const USER_LANGUAGES = ['zh-CN', 'en'] as const;
export type UserLanguage = (typeof USER_LANGUAGES)[number];

export const NOTIFICATION_TEXTS: Record<UserLanguage, Texts<typeof zhCN>> = { 'zh-CN': zhCN, en };

/** A translation function as i18next's `t` is called here: a dotted key under `notifications`, params, a default. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

export interface NotificationText {
  title: string;
  body: string;
  /** The portal path it concerns, or null. */
  link: string | null;
}

/**
 * A notification in a language: its kind's message with the params from its data (labels
 * translated, times formatted by `formatDateTime` — Beijing time). A row written before its kind
 * stored the params keeps its stored Chinese title and body.
 */
export function notificationText(n: { kind: string; title: string; body: string; data: unknown }, t: Translate, formatDateTime: (iso: string) => string): NotificationText {
  const d = (n.data ?? {}) as Record<string, unknown>;
  const link = notificationLink(d);
  if (!hasNotificationParams(n.kind, d)) return { title: n.title, body: n.body, link };
  const str = (v: unknown) => (typeof v === 'string' ? v : String(v ?? ''));
  const label = (group: string, v: unknown) => t(`notifications.labels.${group}.${str(v)}`, { defaultValue: str(v) });
  const params: Record<string, unknown> = { ...d };
  if (typeof d.startsAt === 'string') params.startsAt = formatDateTime(d.startsAt);
  if (typeof d.channel === 'string') params.channel = label('channel', d.channel);
  if (typeof d.owedBy === 'string') params.owedBy = label('party', d.owedBy);
  if (n.kind === 'membership.changed') params.status = t(`notifications.membershipStatus.${str(d.status)}`, { defaultValue: str(d.status) });
  if (typeof d.periodKind === 'string') {
    params.period =
      d.periodKind === 'month'
        ? t('notifications.periodMonth', { month: str(d.periodStart).slice(0, 7) })
        : t('notifications.periodWeek', { start: str(d.periodStart), end: str(d.periodEnd) });
  }
  if (typeof d.institutionName === 'string') {
    params.unit = d.businessLine ? t('notifications.unitWithLine', { institution: d.institutionName, line: label('businessLine', d.businessLine) }) : d.institutionName;
  }
  const breaches = n.kind === 'warning.raised' && d.metric === 'breaches';
  const base = `notifications.kinds.${n.kind}`;
  let body = t(`${base}.${breaches ? 'bodyBreaches' : 'body'}`, params);
  if (d.partyReminded === true) body += t('notifications.partyReminded');
  if (typeof d.note === 'string' && d.note) body += t('notifications.note', { note: d.note });
  return { title: t(`${base}.${breaches ? 'titleBreaches' : 'title'}`, params), body, link };
}

/**
 * A Translate over NOTIFICATION_TEXTS alone, for the server (the e-mail): `{{name}}` filled
 * from params; a missing key answers params.defaultValue, else the key.
 */
export function notificationTranslator(language: UserLanguage): Translate {
  const root = { notifications: NOTIFICATION_TEXTS[language] } as Record<string, unknown>;
  return (key, params = {}) => {
    const found = key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), root);
    if (typeof found !== 'string') return typeof params.defaultValue === 'string' ? params.defaultValue : key;
    return found.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => (params[name] === undefined || params[name] === null ? '' : String(params[name])));
  };
}
