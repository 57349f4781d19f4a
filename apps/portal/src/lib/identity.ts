/** Client-side checks of a consumer's identity (the API checks again). */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Mainland resident ID (GB 11643): 18 characters, valid birth date, ISO 7064 MOD 11-2 check digit. */
export function isValidResidentId(value: string): boolean {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return CHECK[sum % 11] === id[17];
}

/** Mainland mobile number: 11 digits starting 1[3-9]. */
export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
