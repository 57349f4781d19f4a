import { passwordProblem } from './password-policy';

describe('password policy (NIST 800-63B)', () => {
  it('takes any long enough password without composition rules, up to 128 characters', () => {
    expect(passwordProblem('correct horse battery')).toBeNull();
    expect(passwordProblem('调解中心的长密码啊')).toBeNull();
    expect(passwordProblem('x'.repeat(128).replace(/x/g, (_, i: number) => String.fromCharCode(97 + (i % 26))))).toBeNull();
    expect(passwordProblem('abcdefghijklmnopqrstuvwxyz'.repeat(5))).toMatch(/at most 128/);
  });
  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblem('𠮷𠮷𠮷𠮷𠮷𠮷𠮷')).toMatch(/at least 8/);
    expect(passwordProblem('𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷')).toBeNull();
  });
  it('refuses short, common and username passwords', () => {
    expect(passwordProblem('short')).toMatch(/at least 8/);
    expect(passwordProblem('PASSWORD1')).toMatch(/too common/);
    expect(passwordProblem('woaini1314')).toMatch(/too common/);
    expect(passwordProblem('Accord-demo-2026')).toMatch(/too common/);
    expect(passwordProblem('Qd.Admin.Wang', 'qd.admin.wang')).toMatch(/not be the username/);
  });
});
