import { ValidationFailedError } from '@accord/core';
import { currentMonth, validateMonths } from './trends.service';

const month = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
const fields = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as ValidationFailedError).fields.map((x) => x.field);
  }
  return [];
};

describe('trend months', () => {
  // 1 January 2026 00:30 in Shanghai is still 31 December 2025 in UTC.
  const now = new Date('2025-12-31T16:30:00Z');

  it('reads the current month in Asia/Shanghai', () => {
    expect(currentMonth(now)).toBe('2026-01');
  });

  it('defaults to the last 12 complete months and the current one', () => {
    const r = validateMonths(undefined, undefined, now);
    expect([month(r.from), month(r.to)]).toEqual(['2025-01', '2026-01']);
    const from = validateMonths('2025-06', undefined, now);
    expect([month(from.from), month(from.to)]).toEqual(['2025-06', '2026-01']);
    const to = validateMonths(undefined, '2024-03', now);
    expect([month(to.from), month(to.to)]).toEqual(['2023-03', '2024-03']);
  });

  it('takes 24 months and refuses 25, a backwards range and a month that is not one', () => {
    expect(validateMonths('2024-02', '2026-01', now).to - validateMonths('2024-02', '2026-01', now).from + 1).toBe(24);
    expect(fields(() => validateMonths('2024-01', '2026-01', now))).toEqual(['to']);
    expect(fields(() => validateMonths('2026-01', '2025-12', now))).toEqual(['to']);
    expect(fields(() => validateMonths('2026-13', '2026-1', now))).toEqual(['from', 'to']);
  });
});
