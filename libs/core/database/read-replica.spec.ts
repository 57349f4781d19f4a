import { laterLsn, lsnValue } from './read-replica';

describe('LSN order', () => {
  it('orders by the high word, then the low one, as hex', () => {
    expect(lsnValue('1/0') > lsnValue('0/FFFFFFFF')).toBe(true);
    expect(lsnValue('0/A0') > lsnValue('0/9F')).toBe(true);
    expect(laterLsn('2/1BA4A1A8', '2/1BA4A1A9')).toBe('2/1BA4A1A9');
    expect(laterLsn('10/0', '9/FFFFFFFF')).toBe('10/0');
    expect(laterLsn(null, '0/1')).toBe('0/1');
    expect(laterLsn('0/1', null)).toBe('0/1');
  });
});
