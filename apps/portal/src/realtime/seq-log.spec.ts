import { SeqLog } from './seq-log';

describe('SeqLog', () => {
  it('lets each seq through once, in any order, and remembers the highest', () => {
    const log = new SeqLog();
    expect(log.last).toBeNull();
    // Live 23 arrives before the replay of 21 and 23.
    expect([23, 21, 23].map((seq) => log.first({ seq, data: {} }))).toEqual([true, true, false]);
    expect(log.last).toBe(23);
  });

  it('lets through envelopes without a seq, and forgets the oldest past its size', () => {
    const log = new SeqLog(2);
    expect(log.first({ data: {} })).toBe(true);
    expect(log.first(undefined)).toBe(true);
    for (const seq of [1, 2, 3]) log.first({ seq });
    expect(log.first({ seq: 1 })).toBe(true);
    expect(log.first({ seq: 3 })).toBe(false);
    expect(log.last).toBe(3);
  });
});
