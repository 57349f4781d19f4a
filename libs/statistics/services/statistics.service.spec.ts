import { ValidationFailedError } from '@accord/core';
import { childOf, splitPeriod, validatePeriod } from './statistics.service';

describe('statistics periods', () => {
  it('reads whole months from the month buckets and only the edges from the day buckets', () => {
    expect(splitPeriod('2025-03-01', '2025-04-30')).toEqual({ from: '2025-03-01', to: '2025-04-30', monthFrom: '2025-03-01', monthTo: '2025-05-01' });
    expect(splitPeriod('2025-03-05', '2025-06-10')).toEqual({ from: '2025-03-05', to: '2025-06-10', monthFrom: '2025-04-01', monthTo: '2025-06-01' });
    // No whole month inside: every day comes from the day buckets.
    expect(splitPeriod('2025-03-05', '2025-04-10')).toEqual({ from: '2025-03-05', to: '2025-04-10', monthFrom: '2025-03-05', monthTo: '2025-03-05' });
    expect(splitPeriod('2025-02-01', '2025-02-28')).toMatchObject({ monthFrom: '2025-02-01', monthTo: '2025-03-01' });
    expect(splitPeriod('2024-12-31', '2025-01-01')).toMatchObject({ monthFrom: '2024-12-31', monthTo: '2024-12-31' });
  });

  it('refuses impossible dates, reversed periods and more than three years', () => {
    const fields = (from: string, to: string) => {
      try {
        validatePeriod(from, to);
        return [];
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationFailedError);
        return (error as ValidationFailedError).fields.map((e) => e.field);
      }
    };
    expect(fields('2025-02-29', '2025-03-01')).toEqual(['from']);
    expect(fields('2024-02-29', '2025-03-01')).toEqual([]);
    expect(fields('2025-03-02', '2025-03-01')).toEqual(['to']);
    expect(fields('2022-01-01', '2024-12-31')).toEqual([]);
    expect(fields('2022-01-01', '2025-01-01')).toEqual(['to']);
  });
});

describe('statistics drill-down', () => {
  it('counts every branch of a subtree for the child of the open branch it sits under, the branch itself apart', () => {
    const node = { path: '/ho/qd/' };
    expect(childOf(node, { path: '/ho/qd/' })).toBeNull();
    expect(childOf(node, { path: '/ho/qd/sn/' })).toBe('sn');
    expect(childOf(node, { path: '/ho/qd/sn/xgzl/' })).toBe('sn');
    expect(childOf(node, { path: '/ho/qd/ls/' })).toBe('ls');
  });
});
