/** 监管驾驶舱: the regulator's console (overview tiles, trend lines, heat map). */
const regulatorConsole = {
  regulatorConsole: {
    rankings: '红黑榜（所选期间）',
    title: '监管驾驶舱',
    months: '统计月份',
    allCenters: '全部辖区调解中心',
    allBusinessLines: '全部业务类别',
    allDisputeTypes: '全部争议类型',
    overview: '辖区总览',
    overviewNote: '{{from}} 至 {{to}}，全辖区合计（不受调解中心、业务类别、争议类型筛选影响；口径同统计分析）',
    referrals: '调解申请',
    accepted: '受理',
    concluded: '办结',
    successRate: '调解成功率',
    medianConclude: '办结用时中位数（天）',
    trends: '月度趋势',
    byInstitution: '按机构',
    byBusinessLine: '按业务类别',
    metric: '指标',
    pick: '选择显示的机构或业务类别',
    mom: '环比',
    yoy: '同比',
    points: '个百分点',
    heatMap: '业务类别 × 机构热力图',
    heatMapNote: '颜色深浅表示调解申请数；悬停查看调解成功率',
    definitions: '口径',
    withheld: '不予显示',
    privacy: '小数保护：1–4 件的计数及少于 5 件案件计算的成功率不予显示（“—”）。',
    empty: '所选月份内没有数据',
  },
};

export default regulatorConsole;
