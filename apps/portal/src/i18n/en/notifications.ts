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
    note: ' Note: {{note}}',
    partyReminded: ' (the owing party has been reminded)',
    periodMonth: 'in {{month}}',
    periodWeek: 'in the week {{start}} to {{end}}',
    unitWithLine: '{{institution}} ({{line}})',
    membershipStatus: { active: 'active', suspended: 'suspended', ended: 'ended' },
    settings: {
      title: 'E-mail notifications',
      intro: 'The kinds you tick also go to the e-mail address on your account, besides the portal.',
      noEmail: 'Your account has no e-mail address yet; ask your organisation\'s admin to add one before turning e-mail on.',
      kind: 'Kind',
      email: 'Also by e-mail',
      save: 'Save settings',
      saved: 'E-mail settings saved',
    },
    kinds: {
      case: {
        submitted: { name: 'New referral', title: 'New referral: {{caseNumber}}', body: '{{actorName}} ({{institutionName}}) filed referral {{caseNumber}}; it awaits the intake review.' },
        'consent-given': { name: 'Consumer consented', title: 'Consumer consented: {{caseNumber}}', body: 'The consumer agreed by SMS link; referral {{caseNumber}} went to {{centerName}}.' },
        'consent-declined': { name: 'Consumer declined mediation', title: 'Consumer declined mediation', body: 'The consumer declined the referral to {{centerName}}; the draft is closed.' },
        'consent-expired': { name: 'Consent link expired', title: 'Consent link expired', body: 'The consumer did not answer in time; the draft referral to {{centerName}} is closed.' },
        returned: { name: 'Case returned for information', title: 'Case {{caseNumber}} returned for information', body: '{{actorName}} ({{centerName}}) returned case {{caseNumber}}; please add the information and submit it again.' },
        rejected: { name: 'Case rejected', title: 'Case {{caseNumber}} rejected', body: '{{actorName}} ({{centerName}}) decided not to accept case {{caseNumber}}.' },
        accepted: { name: 'Case accepted', title: 'Case {{caseNumber}} accepted', body: '{{actorName}} ({{centerName}}) accepted case {{caseNumber}}.' },
        assigned: { name: 'Mediator assigned', title: 'Case {{caseNumber}}: mediator assigned', body: '{{actorName}} ({{centerName}}) assigned case {{caseNumber}} to mediator {{mediatorName}}.' },
        withdrawn: { name: 'Case withdrawn', title: 'Case {{caseNumber}} withdrawn', body: '{{actorName}} withdrew case {{caseNumber}}.' },
        'assigned-to-you': { name: 'Case assigned to me', title: 'Case assigned to you: {{caseNumber}}', body: '{{actorName}} assigned case {{caseNumber}} to you to mediate.' },
        commented: { name: 'Comment on a case', title: 'New comment on case {{caseNumber}}', body: '{{actorName}} ({{organisationName}}) commented on case {{caseNumber}}: {{comment}}' },
      },
      session: {
        'reminder-24h': { name: 'Session reminder (a day before)', title: 'Session reminder: {{caseNumber}}', body: 'The session of case {{caseNumber}} ({{channel}}) starts tomorrow, {{startsAt}}.' },
        'reminder-30m': { name: 'Session reminder (30 minutes before)', title: 'Session reminder: {{caseNumber}}', body: 'The session of case {{caseNumber}} ({{channel}}) starts in 30 minutes, {{startsAt}}.' },
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
  },
};

export default notifications;
