import { validateEnvironment } from '../config';
import { isValidMobile, isValidResidentId, maskIdNumber, maskName, maskPhone, PiiVault } from './pii-vault';

describe('personal data', () => {
  const vault = new PiiVault(validateEnvironment({}));
  const identity = { name: '张小三', idNumber: '11010519491231002X', phone: '13812345678', email: 'z@example.cn' };

  it('masks as the issue shows: 张*三, 138****5678, 3702**********1234', () => {
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('张三')).toBe('张*');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
    expect(maskIdNumber('370202199001011234')).toBe('3702**********1234');
  });

  it('seals with a key id and opens only in the same case', () => {
    const sealed = vault.seal(identity, 'case-1');
    expect(sealed.includes(Buffer.from('13812345678'))).toBe(false);
    expect(sealed.subarray(0, 5).toString()).toBe('dev1\0');
    expect(vault.open(sealed, 'case-1')).toEqual(identity);
    expect(() => vault.open(sealed, 'case-2')).toThrow();
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = vault.seal(identity, 'case-1');
    sealed[sealed.length - 1] ^= 1;
    expect(() => vault.open(sealed, 'case-1')).toThrow();
  });

  it('opens data sealed with an older key after rotation', () => {
    const old = vault.seal(identity, 'c');
    const rotated = new PiiVault(
      validateEnvironment({ PII_KEYS: `k2:${Buffer.alloc(32, 7).toString('base64')},dev1:ZGV2ZWxvcG1lbnQtb25seS1waWkta2V5LWNoYW5nZSE=`, PII_ACTIVE_KEY_ID: 'k2' }),
    );
    expect(rotated.open(old, 'c')).toEqual(identity);
    expect(rotated.seal(identity, 'c').subarray(0, 3).toString()).toBe('k2\0');
  });

  it('hashes for search deterministically, keyed', () => {
    expect(vault.searchHash('13812345678').equals(vault.searchHash('13812345678'))).toBe(true);
    const other = new PiiVault(validateEnvironment({ PII_SEARCH_KEY: 'another-search-key-of-at-least-32-chars!!' }));
    expect(other.searchHash('13812345678').equals(vault.searchHash('13812345678'))).toBe(false);
  });

  it('checks resident ID check digits and mobile numbers', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('110105194912310021')).toBe(false);
    expect(isValidMobile('13812345678')).toBe(true);
    expect(isValidMobile('12812345678')).toBe(false);
  });
});
