import { changeSms, invitationMail, reminderSms, reminderSoonSms, shanghaiSpan } from './invitation-text';

describe('invitation and notice texts', () => {
  const facts = {
    caseNumber: 'QD-2027-000042',
    centerName: '青岛市银行保险业纠纷调解中心',
    channel: 'on_site',
    // 06:00 UTC is 14:00 in Shanghai
    startsAt: new Date('2027-03-05T06:00:00Z'),
    endsAt: new Date('2027-03-05T07:00:00Z'),
    previousStartsAt: new Date('2027-03-04T01:30:00Z'),
    roomName: '香港中路网点调解工作联络站',
    roomAddress: '青岛市市南区香港中路 36 号',
    mediatorName: '张伟',
    reason: '消费者出差',
  };

  it('shows times in Asia/Shanghai, whatever the server\'s zone', () => {
    expect(shanghaiSpan(facts.startsAt, facts.endsAt)).toBe('2027年3月5日周五 14:00–15:00（北京时间）');
    // Just before midnight UTC is the next morning in Shanghai.
    expect(shanghaiSpan(new Date('2027-03-04T23:30:00Z'), new Date('2027-03-05T00:30:00Z'))).toBe('2027年3月5日周五 07:30–08:30（北京时间）');
  });

  it('a booking invites; a reschedule says what moved and why; a cancel says it is off', () => {
    const booked = invitationMail('booked', facts, '吴婷');
    expect(booked.subject).toBe('调解会议邀请：QD-2027-000042 现场调解 3月5日 14:00');
    expect(booked.body).toContain('吴婷您好：');
    expect(booked.body).toContain('时间：2027年3月5日周五 14:00–15:00（北京时间）');
    expect(booked.body).toContain('方式：现场调解，香港中路网点调解工作联络站（青岛市市南区香港中路 36 号）');
    expect(booked.body).not.toContain('原因');

    const moved = invitationMail('rescheduled', facts, '');
    expect(moved.subject).toMatch(/^调解会议改期/);
    expect(moved.body).toContain('原定时间：3月4日 09:30（北京时间）');
    expect(moved.body).toContain('原因：消费者出差');

    const cancelled = invitationMail('cancelled', facts, '');
    expect(cancelled.subject).toMatch(/^调解会议取消/);
    expect(cancelled.body).toContain('已取消');
  });

  it('the consumer\'s SMS carry the center\'s name, the case and the Shanghai time', () => {
    expect(changeSms('rescheduled', facts)).toBe(
      '【青岛市银行保险业纠纷调解中心】您的调解会议（案件 QD-2027-000042）已改期至 3月5日 14:00（北京时间），方式：现场调解，香港中路网点调解工作联络站（青岛市市南区香港中路 36 号）。原因：消费者出差。',
    );
    expect(changeSms('cancelled', { ...facts, reason: null })).toBe(
      '【青岛市银行保险业纠纷调解中心】您原定于 3月5日 14:00（北京时间）的调解会议（案件 QD-2027-000042）已取消。如有疑问请联系调解中心。',
    );
    expect(reminderSms({ ...facts, channel: 'video' })).toBe('【青岛市银行保险业纠纷调解中心】提醒：您的调解会议（案件 QD-2027-000042）将于明天 3月5日 14:00（北京时间）开始，方式：视频调解。');
  });

  it('half an hour before, the consumer\'s SMS says when and what to do now, in Chinese', () => {
    expect(reminderSoonSms(facts)).toBe(
      '【青岛市银行保险业纠纷调解中心】提醒：您的调解会议（案件 QD-2027-000042）将于 30 分钟后（3月5日 14:00，北京时间）开始，方式：现场调解，香港中路网点调解工作联络站（青岛市市南区香港中路 36 号）。请携带身份证件准时到场。',
    );
    expect(reminderSoonSms({ ...facts, channel: 'phone' })).toBe(
      '【青岛市银行保险业纠纷调解中心】提醒：您的调解会议（案件 QD-2027-000042）将于 30 分钟后（3月5日 14:00，北京时间）开始，方式：电话调解。调解员将来电，请保持电话畅通。',
    );
    // A consumer who holds the session's link enters the video from it; one who does not is not sent looking for it.
    expect(reminderSoonSms({ ...facts, channel: 'video' }, true)).toBe(
      '【青岛市银行保险业纠纷调解中心】提醒：您的调解会议（案件 QD-2027-000042）将于 30 分钟后（3月5日 14:00，北京时间）开始，方式：视频调解。请打开此前短信中的链接进入视频调解。',
    );
    expect(reminderSoonSms({ ...facts, channel: 'video' })).not.toContain('链接');
    // Just after midnight in Shanghai: the day is Shanghai's, not UTC's.
    expect(reminderSoonSms({ ...facts, channel: 'phone', startsAt: new Date('2027-03-04T16:10:00Z') })).toContain('（3月5日 00:10，北京时间）');
  });
});
