import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * NIST SP 800-63B (5.1.1.2) for passwords people choose: at least PASSWORD_MIN_LENGTH characters,
 * up to PASSWORD_MAX_LENGTH, any characters (counted as Unicode code points after NFKC), no
 * composition rules, and refused when common (the shipped list) or the username itself.
 * 8 is the standard's floor; it holds here because staff who reach personal data also have a
 * second factor, and the list plus the sign-in back-off stop the guesses that length alone would not.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

let common: Set<string> | undefined;

/** The list lives beside the sources (libs/core/auth/data); compiled code runs from dist/, so look up from here. */
function commonPasswords(): Set<string> {
  if (common) return common;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, 'data', 'common-passwords.txt'), path.join(dir, 'libs', 'core', 'auth', 'data', 'common-passwords.txt')]) {
      if (existsSync(candidate)) {
        const lines = readFileSync(candidate, 'utf8').split('\n');
        common = new Set(lines.filter((l) => l && !l.startsWith('#')).map((l) => l.trim().toLowerCase()));
        return common;
      }
    }
    if (path.dirname(dir) === dir) throw new Error('libs/core/auth/data/common-passwords.txt is missing');
  }
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | null {
  const normalised = password.normalize('NFKC');
  const length = [...normalised].length;
  if (length < PASSWORD_MIN_LENGTH) return `password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `password must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = normalised.toLowerCase();
  if (username && lower === username.toLowerCase()) return 'password must not be the username';
  if (commonPasswords().has(lower)) return 'password is too common: it appears in lists of breached passwords';
  return null;
}
