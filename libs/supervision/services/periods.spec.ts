import { periodEnd, periodStartOf, shanghaiToday, window } from './periods';

describe('periods', () => {
  it('finds the Monday and the 1st', () => {
    expect(periodStartOf('week', '2026-12-06')).toBe('2026-11-30'); // a Sunday
    expect(periodStartOf('week', '2026-12-07')).toBe('2026-12-07'); // a Monday
    expect(periodStartOf('month', '2026-12-06')).toBe('2026-12-01');
  });

  it('takes the latest complete period and the prior ones, oldest first', () => {
    const w = window('month', '2026-12-07', 12);
    expect(w.starts).toHaveLength(13);
    expect(w.starts[0]).toBe('2025-11-01');
    expect(w.starts[12]).toBe('2026-11-01');
    expect(w.end).toBe('2026-12-01');
    const k = window('week', '2026-12-07', 12);
    expect(k.starts[12]).toBe('2026-11-30');
    expect(k.starts[0]).toBe('2026-09-07');
    expect(k.end).toBe('2026-12-07');
  });

  it('ends a period on its last day', () => {
    expect(periodEnd('month', '2026-02-01')).toBe('2026-02-28');
    expect(periodEnd('week', '2026-11-30')).toBe('2026-12-06');
  });

  it("reads today's date in Beijing time", () => {
    expect(shanghaiToday(new Date('2026-12-06T17:00:00Z'))).toBe('2026-12-07');
  });
});
