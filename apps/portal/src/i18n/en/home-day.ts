/** The home pages' cards (pages/Home.tsx, components/home/*). */
const homeDay = {
  homeDay: {
    seeAll: 'See all',
    nothingWaiting: 'Nothing waiting',
    waitingOnBank: 'Cases waiting on the bank',
    returned: 'Returned for more info',
    centerAsked: "Center's comment unanswered",
    since: 'since {{date}}',
    obligationsDue: 'Obligations due (owed by the bank)',
    intakeClocks: 'Intake clocks due soon or breached',
    queueByState: 'Intake queue',
    breaches: 'Breached clocks',
    newAssignments: 'Newly assigned to me (no session yet)',
    caseload: 'Caseload by mediator',
    caseloadPage: 'Caseload board',
    mediator: 'Mediator',
    open: 'Open',
    firstSessionOverdue: '1st session late',
    sessions: "Today's and tomorrow's sessions (Beijing time)",
    today: 'Today',
    tomorrow: 'Tomorrow',
    overdueBy_one: '{{count}} day overdue',
    overdueBy_other: '{{count}} days overdue',
    dueToday: 'Due today',
    dueTomorrow: 'Due tomorrow',
    dueOn: 'Due {{date}}',
    dueByFilter: 'Clock due by {{date}} (or breached)',
    awaitingFilter: 'Waiting on the bank',
  },
};

export default homeDay;
