import { NOTIFICATION_TEXTS } from '@accord/contracts';
import type { Shape } from '../shape';
import type zh from '../zh-CN/notifications';

const notifications: Shape<typeof zh> = {
  notifications: {
    title: 'Notifications',
    intro: 'Progress on your cases, session and performance reminders, risk warnings. Click a notification to open the page it concerns; it is then marked read.',
    bell: 'Notifications',
    bellLabel: 'Notifications, {{count}} unread',
    latest: 'Latest notifications',
    markAllRead: 'Mark all read',
    markedAllRead: 'All marked read',
    seeAll: 'See all',
    empty: 'No notifications',
    emptyUnread: 'No unread notifications',
    filterAll: 'All',
    filterUnread: 'Unread',
    markRead: 'Mark read',
    unread: 'Unread',
    open: 'Open',
    ...NOTIFICATION_TEXTS.en,
    settings: {
      title: 'E-mail notifications',
      intro: 'The kinds you tick also go to the e-mail address on your account, besides the portal.',
      noEmail: 'Your account has no e-mail address yet; ask your organisation\'s admin to add one before turning e-mail on.',
      kind: 'Kind',
      email: 'Also by e-mail',
      save: 'Save settings',
      saved: 'E-mail settings saved',
    },
  },
};

export default notifications;
