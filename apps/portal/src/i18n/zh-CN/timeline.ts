/** Timeline lines the system writes (case_events.detail.message): one key per kind of line. */
const timeline = {
  timelineText: {
    system: '系统',
    consumerByLink: '消费者（短信链接确认）',
    outcome: {
      settled: '调解成功',
      not_settled: '调解不成功',
      withdrawn: '撤回调解',
      terminated: '终止调解',
    },
    refund: '退款/赔偿 {{amount}}',
    feeWaiver: '减免息费 {{amount}}',
    instalment: '分 {{count}} 期还款 {{amount}}',
    obligations: '履行事项 {{count}} 项',
    separator: '；',
    outcomeAmended: '修改调解结果：{{summary}}',
    closed: '结案',
    autoClosed: '回访完成、协议履行完毕，自动结案',
    obligationPerformed: '履行完毕：{{note}}',
    obligationOverdue: '逾期未履行：{{description}}（应于 {{dueOn}} 前）',
    judicialApplied: '司法确认：{{court}}，{{appliedOn}} 申请',
    judicialConfirmed: '，{{resultOn}} 裁定确认有效',
    judicialRefused: '，{{resultOn}} 裁定驳回',
    judicialDeclined: '双方不申请司法确认',
    sessionEndedByOutcome: '调解结果：{{outcome}}',
    sessionCancelledByOutcome: '调解已有结果（{{outcome}}），本次会议取消',
  },
};

export default timeline;
