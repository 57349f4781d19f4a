/** The message log (SMS and e-mail). */
const messages = {
  messages: {
    title: '提醒消息',
    exportHint: '导出当前渠道筛选下的全部消息（不止本页）；消费者链接中的令牌和验证码在文件中以 … 和 ****** 代替',
    intro: '本中心发出的短信与邮件及其发送状态、尝试次数和失败原因。开发环境的短信与邮件通道不会真正发送，消息内容（链接、验证码）只在这里可见，点“查看”读全文。',
    at: '时间',
    case: '案件',
    openCase: '打开案件',
    channel: '渠道',
    recipient: '接收人',
    status: '状态',
    body: '内容',
    sentAt: '发送于 {{time}}',
    empty: '尚无消息',
    detail: '消息详情',
    read: '查看',
    error: '失败原因',
    provider: '发送通道',
    sentAtLabel: '发送时间',
    attachments: '附件',
    attemptsCount: '已尝试 {{count}} 次',
    retrying: '上次失败，稍后重试：{{error}}',
    allChannels: '全部',
    channelLabel: {
      sms: '短信',
      email: '邮件',
    },
    statusLabel: {
      queued: '排队中',
      sent: '已发送',
      failed: '发送失败',
    },
  },
};

export default messages;
