import { formatDate, formatDateTime, formatDateTimeSeconds } from './format';

describe('one date format in both languages', () => {
  it('shows Beijing time as YYYY-MM-DD HH:mm whatever the language; never dd/mm or mm/dd', () => {
    // 2026-12-06 23:30 UTC is the 7th in Beijing
    for (const locale of ['zh-CN', 'en']) {
      expect(formatDateTime('2026-12-06T23:30:00Z', locale)).toBe('2026-12-07 07:30');
      expect(formatDate('2026-12-06T23:30:00Z', locale)).toBe('2026-12-07');
      expect(formatDate('2026-03-04', locale)).toBe('2026-03-04');
    }
    expect(formatDateTimeSeconds('2026-12-06T23:30:09Z')).toBe('2026-12-07 07:30:09');
    expect(formatDateTime(null, 'en')).toBe('—');
  });
});
