import { validateEnvironment } from '../config';
import { graphemes, isValidMobile, isValidResidentId, maskIdNumber, maskName, maskPhone, PiiVault } from './pii-vault';

describe('personal data', () => {
  const vault = new PiiVault(validateEnvironment({}));
  const identity = { name: '张小三', idNumber: '11010519491231002X', phone: '13812345678', email: 'z@example.cn' };

  it('masks as the issue shows: 张*三, 138****5678, 3702**********1234', () => {
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('张三')).toBe('张*');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
    expect(maskIdNumber('370202199001011234')).toBe('3702**********1234');
  });

  describe('masks whole characters (grapheme clusters), never half of one', () => {
    // No lone surrogate (a broken character) may survive masking.
    const whole = (s: string) => expect(s).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);

    it('a name with a character outside the BMP (𠮷, a surrogate pair)', () => {
      expect(maskName('𠮷野家')).toBe('𠮷*家');
      expect(maskName('吉𠮷')).toBe('吉*');
      expect(maskName('𠮷田')).toBe('𠮷*');
      expect(maskName('张𠮷')).toBe('张*');
      whole(maskName('𠮷'));
    });

    it('emoji with a skin-tone modifier and ZWJ families count as one character each', () => {
      const family = '👨‍👩‍👧';
      const thumb = '👍🏽';
      expect(graphemes(`${family}${thumb}x`)).toEqual([family, thumb, 'x']);
      expect(maskName(`${family}Li`)).toBe(`${family}**`);
      expect(maskName(`${thumb}ob Smith`)).toBe(`${thumb}** S****`);
      expect(maskName(`Anna ${thumb}`)).toBe(`A*** ${thumb}*`);
      whole(maskName(`${family}${thumb}`));
    });

    it('combining marks stay on their letter', () => {
      const e = 'e\u0301'; // é as e + COMBINING ACUTE ACCENT
      expect(maskName(`${e}mile`)).toBe(`${e}****`);
      expect(maskName(`Zo${e}`)).toBe('Z**');
    });

    it('phones and ID numbers: the kept head and tail are whole characters', () => {
      expect(maskPhone('138123456👍🏽')).toBe('138***456👍🏽');
      const phone = maskPhone('1381234567👍🏽');
      expect(graphemes(phone).slice(-4)).toEqual(['5', '6', '7', '👍🏽']);
      whole(phone);
      const id = maskIdNumber('𠮷7020219900101123👍🏽');
      expect(graphemes(id)[0]).toBe('𠮷');
      expect(graphemes(id).at(-1)).toBe('👍🏽');
      expect(graphemes(id)).toHaveLength(18);
      whole(id);
      expect(maskIdNumber('𠮷a')).toBe('**');
      expect(maskIdNumber('𠮷bcd👍🏽')).toBe('𠮷***👍🏽');
    });
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
