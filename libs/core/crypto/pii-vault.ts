import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config';

/** A consumer's identifying data: sealed at rest, shown in full only on an audited view. */
export interface ConsumerIdentity {
  name: string;
  idNumber: string;
  phone: string;
  email: string | null;
}

/**
 * Authenticated encryption of personal data: AES-256-GCM, a fresh 96-bit nonce per record and
 * the key id in front (`id\0nonce tag ciphertext`), so keys rotate without re-encrypting at
 * once. Search goes through keyed hashes (HMAC-SHA256) of normalised values.
 */
@Injectable()
export class PiiVault {
  private readonly keys: Map<string, Buffer>;
  private readonly activeKeyId: string;
  private readonly searchKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.keys = new Map(
      config.PII_KEYS.split(',').map((entry) => {
        const [id, key] = entry.split(':');
        return [id, Buffer.from(key, 'base64')];
      }),
    );
    this.activeKeyId = config.PII_ACTIVE_KEY_ID;
    this.searchKey = Buffer.from(config.PII_SEARCH_KEY);
  }

  seal(identity: ConsumerIdentity, context: string): Buffer {
    return this.sealText(JSON.stringify(identity), context);
  }

  open(sealed: Buffer, context: string): ConsumerIdentity {
    return JSON.parse(this.openText(sealed, context)) as ConsumerIdentity;
  }

  /** Any short secret under the same keys (e.g. a user's TOTP secret, bound to the user id). */
  sealText(text: string, context: string): Buffer {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId)!, nonce);
    // The case id binds the ciphertext to its row: copying it to another case fails to open.
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from(`${this.activeKeyId}\0`), nonce, cipher.getAuthTag(), body]);
  }

  openText(sealed: Buffer, context: string): string {
    const sep = sealed.indexOf(0);
    const key = this.keys.get(sealed.subarray(0, sep).toString());
    if (!key) throw new Error('Personal data sealed with a key that is no longer configured');
    const nonce = sealed.subarray(sep + 1, sep + 13);
    const tag = sealed.subarray(sep + 13, sep + 29);
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(sep + 29)), decipher.final()]).toString('utf8');
  }

  /** Keyed hash for exact search; callers normalise first (see normalisePhone / normaliseIdNumber). */
  searchHash(value: string): Buffer {
    return createHmac('sha256', this.searchKey).update(value).digest();
  }
}

export function normalisePhone(phone: string): string {
  const digits = phone.replace(/[\s()-]/g, '');
  return digits.replace(/^(\+?86)(?=1\d{10}$)/, '');
}

export function normaliseIdNumber(idNumber: string): string {
  return idNumber.replace(/\s/g, '').toUpperCase();
}

/**
 * What a reader sees as one character (a grapheme cluster): 𠮷 (a surrogate pair), 👨‍👩‍👧 (emoji
 * joined by ZWJ), 👍🏽 (with a skin-tone modifier), é written as e + a combining accent. Masking
 * by UTF-16 unit or code point would cut such a character in half and show a broken glyph.
 */
const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'grapheme' });
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** 张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明; Latin names keep the first letter of each word. */
export function maskName(name: string): string {
  const trimmed = name.trim();
  const chars = graphemes(trimmed);
  if (chars.length <= 1) return '*';
  if (/^[\p{Script=Han}·]+$/u.test(trimmed)) {
    if (chars.length === 2) return `${chars[0]}*`;
    return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
  }
  return trimmed
    .split(/\s+/)
    .map((w) => {
      const g = graphemes(w);
      return g[0] + '*'.repeat(Math.max(g.length - 1, 1));
    })
    .join(' ');
}

/** Keeps the first `head` and last `tail` characters (grapheme clusters), stars between. */
function maskMiddle(chars: string[], head: number, tail: number): string {
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  const p = graphemes(normalisePhone(phone));
  if (p.length < 7) return '*'.repeat(p.length);
  return maskMiddle(p, 3, 4);
}

/** 370202199001011234 → 3702**********1234. */
export function maskIdNumber(idNumber: string): string {
  const v = graphemes(normaliseIdNumber(idNumber));
  if (v.length <= 2) return '*'.repeat(Math.max(v.length, 1));
  if (v.length <= 8) return maskMiddle(v, 1, 1);
  return maskMiddle(v, 4, 4);
}

export function maskEmail(email: string): string {
  const [local, domain] = email.split('@');
  return `${local[0] ?? ''}***@${domain ?? ''}`;
}

/** GB 11643 check digit of an 18-character resident ID number. */
export function isValidResidentId(idNumber: string): boolean {
  const v = normaliseIdNumber(idNumber);
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(v[i]), 0);
  return '10X98765432'[sum % 11] === v[17];
}

/** A mainland mobile number (the consumer is reached by SMS). */
export function isValidMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalisePhone(phone));
}
