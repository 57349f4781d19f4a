/** 监管月报: the monthly report's control on the regulator's console. */
const reports = {
  reports: {
    monthly: '监管月报',
    month: '报告月份',
    pdf: '下载 PDF',
    xlsx: '下载 Excel',
    pdfHint: '辖区总量、趋势图与成功率图、机构明细、红黑榜、本月预警及处置、口径说明',
    xlsxHint: '工作表：总览、机构、红黑榜、预警、口径',
    scopeAll: '范围：辖区内全部调解中心；少于 5 件的数据不予显示（“—”），与本页一致。',
    scopeCenter: '范围：上方所选调解中心；少于 5 件的数据不予显示（“—”），与本页一致。',
    failed: '月报生成失败',
  },
};

export default reports;
