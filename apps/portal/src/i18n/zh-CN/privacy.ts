/** Personal data: the center's retention of closed cases, and the consumer's copy of their data (PIPL). */
const privacy = {
  privacy: {
    retentionTitle: '个人信息保存期限',
    retentionIntro:
      '已结案（或不予受理）的案件，自结案起保存期满后，系统每天自动删除当事人的姓名、证件号码、手机号码、电子邮箱、证据材料以及发送给其的消息内容；统计数据保持不变，每次删除都记入审计日志。',
    retentionMonths: '结案后保存（月）',
    retentionHelp: '6 至 360 个月，默认 36 个月（3 年）。',
    retentionInYears: '约 {{years}} 年',
    retentionSave: '保存期限',
    retentionSaved: '保存期限已更新，将在下次每日清理时生效',
    myDataTitle: '我的个人信息',
    myDataIntro: '您可以下载一份本中心就本案持有的您的个人信息副本（PDF）。每次下载都会被记录。',
    myDataDownload: '下载我的信息副本（PDF）',
  },
};

export default privacy;
