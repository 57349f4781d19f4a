/** 监管驾驶舱 · 机构对比: the console's sortable, filterable table of the jurisdiction's institutions. */
const consoleInstitutions = {
  consoleInstitutions: {
    title: '机构对比',
    institution: '机构',
    column: {
      referrals: '调解申请',
      accepted: '受理',
      concluded: '办结',
      settled: '调解成功',
      successRate: '调解成功率',
      disputedFen: '涉及金额',
      settledFen: '调解金额',
      medianDaysToAccept: '受理用时中位数（天）',
      medianDaysToConclude: '办结用时中位数（天）',
      breached: '超时限',
      breachRate: '超时限率',
      judicialConfirmed: '司法确认',
      obligationsOverdue: '逾期履行',
      satisfactionAverage: '满意度',
    },
    notAvailable: '不适用',
    notAvailableTip: '按业务类别或争议类型筛选时没有此项数据（汇总表按业务类别只记各项计数）',
    note: '{{from}} 至 {{to}}，按所选调解中心、业务类别、争议类型统计；点击列标题排序，悬停列标题查看口径；不予显示与不适用的格排在最后。',
  },
};

export default consoleInstitutions;
