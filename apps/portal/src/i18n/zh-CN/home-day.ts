/** The home pages' cards (pages/Home.tsx, components/home/*). */
const homeDay = {
  homeDay: {
    seeAll: '查看全部',
    nothingWaiting: '暂无待办',
    waitingOnBank: '等待本行处理的案件',
    returned: '调解中心退回，需补充材料',
    centerAsked: '调解中心的留言待回复',
    since: '自 {{date}}',
    obligationsDue: '到期的履行义务（本行承担）',
    intakeClocks: '受理时限将到或已超时',
    queueByState: '受理队列',
    breaches: '已超时的案件',
    newAssignments: '新分配给我的案件（待安排会议）',
    caseload: '调解员案件量',
    caseloadPage: '案件量看板',
    mediator: '调解员',
    open: '在办',
    firstSessionOverdue: '首次调解超时',
    sessions: '今明两天的调解会议（北京时间）',
    today: '今天',
    tomorrow: '明天',
    overdueBy_one: '已超时 {{count}} 天',
    overdueBy_other: '已超时 {{count}} 天',
    dueToday: '今天到期',
    dueTomorrow: '明天到期',
    dueOn: '{{date}} 到期',
    dueByFilter: '时限 {{date}} 前到期（含已超时）',
    awaitingFilter: '等待本行处理',
  },
};

export default homeDay;
