import { invitation } from './icalendar';

describe('iCalendar invitation', () => {
  const base = {
    uid: 's1@accord',
    sequence: 2,
    start: new Date('2026-03-09T01:00:00Z'),
    end: new Date('2026-03-09T02:00:00Z'),
    summary: '调解会议 QD-2026-000001',
    description: '视频调解；请提前 5 分钟进入会议室, 谢谢',
    location: '青岛市市南区香港中路 36 号',
    cancelled: false,
    stamp: new Date('2026-03-01T00:00:00Z'),
  };

  it('writes times in UTC that mean 09:00 in Shanghai, with CRLF lines and escaped text', () => {
    const ics = invitation(base);
    expect(ics).toContain('DTSTART:20260309T010000Z\r\n');
    expect(ics).toContain('DTEND:20260309T020000Z\r\n');
    expect(ics).toContain('SEQUENCE:2');
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics.replace(/\r\n /g, '')).toContain('DESCRIPTION:视频调解；请提前 5 分钟进入会议室\\, 谢谢');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('folds long lines at 75 octets without breaking a character', () => {
    const ics = invitation({ ...base, description: '调解'.repeat(60) });
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics.replace(/\r\n /g, '')).toContain(`DESCRIPTION:${'调解'.repeat(60)}`);
  });

  it('a cancellation replaces the invitation', () => {
    const ics = invitation({ ...base, cancelled: true, sequence: 3 });
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('STATUS:CANCELLED');
  });

  it('names the center as the organizer when it sends the invitation by e-mail', () => {
    const ics = invitation({ ...base, organizer: { name: '青岛"调解"中心', email: 'noreply@qd.example.cn' } });
    expect(ics.replace(/\r\n /g, '')).toContain(`ORGANIZER;CN="青岛'调解'中心":mailto:noreply@qd.example.cn`);
    expect(invitation(base)).not.toContain('ORGANIZER');
  });
});
