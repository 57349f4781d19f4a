/**
 * The bell, the inbox and the e-mail settings; each notification kind's message (contracts'
 * NOTIFICATION_KINDS: the params come from the notification's data).
 */
const notifications = {
  notifications: {
    title: '通知中心',
    intro: '与您有关的案件进展、会议与履行提醒、风险预警。点击一条通知即打开它所涉及的页面，并标为已读。',
    bell: '通知',
    bellLabel: '通知，{{count}} 条未读',
    latest: '最新通知',
    markAllRead: '全部标为已读',
    markedAllRead: '已全部标为已读',
    seeAll: '查看全部',
    empty: '暂无通知',
    emptyUnread: '没有未读通知',
    filterAll: '全部',
    filterUnread: '未读',
    markRead: '标为已读',
    unread: '未读',
    open: '打开',
    note: '说明：{{note}}',
    partyReminded: '（已提醒履行方）',
    periodMonth: '{{month}} 月',
    periodWeek: '{{start}} 至 {{end}} 一周',
    unitWithLine: '{{institution}}（{{line}}）',
    membershipStatus: { active: '有效', suspended: '暂停', ended: '终止' },
    settings: {
      title: '邮件通知',
      intro: '勾选的通知类型除在系统内提示外，还会发送到您账号上登记的邮箱。',
      noEmail: '您的账号尚未登记邮箱，请联系本机构管理员添加后再开启邮件通知。',
      kind: '通知类型',
      email: '同时发邮件',
      save: '保存设置',
      saved: '邮件通知设置已保存',
    },
    kinds: {
      case: {
        submitted: { name: '新的调解申请', title: '新的调解申请：{{caseNumber}}', body: '{{actorName}}（{{institutionName}}）提交了调解申请 {{caseNumber}}，等待受理审查。' },
        'consent-given': { name: '消费者已同意调解', title: '消费者已同意：{{caseNumber}}', body: '消费者已通过短信链接同意调解，申请 {{caseNumber}} 已提交{{centerName}}。' },
        'consent-declined': { name: '消费者不同意调解', title: '消费者不同意调解', body: '消费者不同意将调解申请提交{{centerName}}，草稿已关闭。' },
        'consent-expired': { name: '同意链接已过期', title: '同意链接已过期', body: '消费者未在有效期内确认，提交{{centerName}}的调解申请草稿已关闭。' },
        returned: { name: '案件被退回补正', title: '案件 {{caseNumber}} 被退回补正', body: '{{actorName}}（{{centerName}}）退回了案件 {{caseNumber}}，请补充材料后重新提交。' },
        rejected: { name: '案件不予受理', title: '案件 {{caseNumber}} 不予受理', body: '{{actorName}}（{{centerName}}）决定对案件 {{caseNumber}} 不予受理。' },
        accepted: { name: '案件已受理', title: '案件 {{caseNumber}} 已受理', body: '{{actorName}}（{{centerName}}）受理了案件 {{caseNumber}}。' },
        assigned: { name: '案件已分派调解员', title: '案件 {{caseNumber}} 已分派调解员', body: '{{actorName}}（{{centerName}}）将案件 {{caseNumber}} 分派给调解员{{mediatorName}}。' },
        withdrawn: { name: '案件已撤回', title: '案件 {{caseNumber}} 已撤回', body: '{{actorName}}撤回了案件 {{caseNumber}}。' },
        'assigned-to-you': { name: '分派给我的案件', title: '新分派案件：{{caseNumber}}', body: '{{actorName}}将案件 {{caseNumber}} 分派给您调解。' },
        commented: { name: '案件留言', title: '案件 {{caseNumber}} 有新留言', body: '{{actorName}}（{{organisationName}}）在案件 {{caseNumber}} 留言：{{comment}}' },
      },
      session: {
        'reminder-24h': { name: '调解会议提醒（提前一天）', title: '调解会议提醒：{{caseNumber}}', body: '案件 {{caseNumber}} 的{{channel}}将于明天（{{startsAt}}）开始。' },
        'reminder-30m': { name: '调解会议提醒（提前 30 分钟）', title: '调解会议提醒：{{caseNumber}}', body: '案件 {{caseNumber}} 的{{channel}}将于 30 分钟后（{{startsAt}}）开始。' },
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
  },
};

export default notifications;
