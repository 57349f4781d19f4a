import i18next from 'i18next';
import { NOTIFICATION_KIND_NAMES, NOTIFICATION_KINDS, notificationText as renderWith, notificationTranslator, type NotificationKind } from '@accord/contracts';
import en from '../../i18n/en';
import zhCN from '../../i18n/zh-CN';
import { formatDateTime } from '../../lib/format';
import { notificationText } from './notification-text';

/** A value for each param a kind's message takes, as the producers store them. */
const SAMPLE: Record<string, unknown> = {
  caseNumber: 'QD-2026-000014',
  actorName: '王芳',
  institutionName: '中国工商银行',
  centerName: '青岛市银行保险业纠纷调解中心',
  mediatorName: '赵敏',
  startsAt: '2026-12-15T02:00:00.000Z',
  channel: 'phone',
  description: '退还年费',
  dueOn: '2026-12-15',
  owedBy: 'institution',
  windowEndsOn: '2027-01-10',
  metric: 'referrals',
  periodKind: 'month',
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  observed: 12,
  expected: 3.5,
  regulatorName: '青岛金融监管分局',
  text: '请说明原因',
  answer: '已整改',
  organisationName: '中国工商银行青岛分行',
  comment: '请于 12-15 前补充退款凭证',
  status: 'suspended',
  displayName: '吴婷',
  days: 22,
  newDueOn: '2026-10-08',
};

describe('notification texts from message keys', () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
  });
  const render = (kind: NotificationKind, lng: string, data: Record<string, unknown>) =>
    notificationText({ kind, title: '存储的标题', body: '存储的正文', data }, i18n.getFixedT(lng), lng);

  it.each(NOTIFICATION_KIND_NAMES)('%s renders in zh-CN and in English from its params, no key or placeholder left', (kind) => {
    const data = Object.fromEntries(NOTIFICATION_KINDS[kind].params.map((p) => [p, SAMPLE[p]]));
    for (const lng of ['zh-CN', 'en']) {
      const text = render(kind, lng, data);
      for (const s of [text.title, text.body, i18n.getFixedT(lng)(`notifications.kinds.${kind}.name`)]) {
        expect(s).not.toContain('notifications.kinds');
        expect(s).not.toContain('{{');
        expect(s).not.toBe('存储的正文');
      }
      if ('caseNumber' in data) expect(`${text.title} ${text.body}`).toContain('QD-2026-000014');
    }
    // English has no Chinese of its own: only the names from the data may be Chinese.
    const names = /请于 12-15 前补充退款凭证|中国工商银行青岛分行|王芳|中国工商银行|青岛市银行保险业纠纷调解中心|赵敏|退还年费|青岛金融监管分局|请说明原因|已整改|吴婷/g;
    const english = render(kind, 'en', data);
    expect(`${english.title} ${english.body}`.replace(names, '')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('a row without its params (written before they were stored) shows the stored Chinese; the link comes from the data', () => {
    expect(render('case.accepted', 'en', { caseId: 'c1', status: 'accepted' })).toEqual({ title: '存储的标题', body: '存储的正文', link: '/cases/c1' });
    expect(render('warning.raised', 'en', { warningId: 'w1', link: '/warnings?id=w1' }).link).toBe('/warnings?id=w1');
    expect(render('user.welcome', 'zh-CN', {}).link).toBeNull();
  });

  it('times in Beijing time, labels translated, the warning period and a breach warning its own text', () => {
    const reminder = render('session.reminder-24h', 'en', { caseNumber: 'QD-1', startsAt: '2026-12-15T02:00:00.000Z', channel: 'video' });
    expect(reminder.body).toContain('Video mediation');
    expect(reminder.body).toContain('10:00');
    const breach = render('warning.raised', 'zh-CN', { ...SAMPLE, metric: 'breaches', concluded: 20, businessLine: 'credit_card' });
    expect(breach.title).toBe('投诉风险预警（超时限率）：中国工商银行（信用卡）');
    expect(breach.body).toContain('2026-11 月办结的 20 件中超时限 12 件');
    expect(render('obligation.due-soon', 'zh-CN', { ...SAMPLE, partyReminded: true }).body).toMatch(/（已提醒履行方）$/);
  });

  it.each(NOTIFICATION_KIND_NAMES)('%s: the e-mail (the server’s translator) says exactly what the portal shows, in both languages', (kind) => {
    const data = { ...Object.fromEntries(NOTIFICATION_KINDS[kind].params.map((p) => [p, SAMPLE[p]])), partyReminded: true, note: '已电话联系' };
    for (const lng of ['zh-CN', 'en'] as const) {
      const portal = render(kind, lng, data);
      const email = renderWith({ kind, title: '存储的标题', body: '存储的正文', data }, notificationTranslator(lng), (iso) => formatDateTime(iso, lng));
      expect(email).toEqual(portal);
    }
  });
});
