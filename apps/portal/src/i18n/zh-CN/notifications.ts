import { NOTIFICATION_TEXTS } from '@accord/contracts';

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
    ...NOTIFICATION_TEXTS['zh-CN'],
    settings: {
      title: '邮件通知',
      intro: '勾选的通知类型除在系统内提示外，还会发送到您账号上登记的邮箱。',
      noEmail: '您的账号尚未登记邮箱，请联系本机构管理员添加后再开启邮件通知。',
      kind: '通知类型',
      email: '同时发邮件',
      save: '保存设置',
      saved: '邮件通知设置已保存',
    },
  },
};

export default notifications;
