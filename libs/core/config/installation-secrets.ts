import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Secrets of one installation, generated at its first start and kept beside it (never in git,
 * file mode 0600), so no two installations share a signing key and none runs on a value that
 * stands in the source. The environment wins over the file: operators who keep secrets in a
 * vault set JWT_SECRET and friends and no file is needed.
 */
export const DEFAULT_SECRETS_FILE = 'var/secrets.env';

/** Values that were ever committed to this repository: production refuses them. */
export const PUBLIC_SECRETS: ReadonlySet<string> = new Set([
  'development-only-secret-change-me-please-0123456789',
  'change-me-in-production-0123456789abcdef',
  'development-only-search-key-change-me-0123456789',
]);

export function secretsFilePath(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.ACCORD_SECRETS_FILE || DEFAULT_SECRETS_FILE);
}

/** The personal-data key development and tests seal with: public, so production never seals with it. */
export const PUBLIC_PII_KEY = 'dev1:ZGV2ZWxvcG1lbnQtb25seS1waWkta2V5LWNoYW5nZSE=';

/**
 * Keys an installation already sealed and hashed its data with (one that ran before this file
 * existed): they stay, to open and find that data, while new data is sealed with a new key.
 */
export interface SealedWith {
  PII_KEYS: string;
  PII_SEARCH_KEY: string;
}

function generate(sealedWith?: SealedWith): Record<string, string> {
  const keyId = `i${new Date().getUTCFullYear()}`;
  const fresh = `${keyId}:${randomBytes(32).toString('base64')}`;
  return {
    JWT_SECRET: randomBytes(48).toString('base64url'),
    PII_KEYS: sealedWith ? `${fresh},${sealedWith.PII_KEYS}` : fresh,
    PII_ACTIVE_KEY_ID: keyId,
    PII_SEARCH_KEY: sealedWith?.PII_SEARCH_KEY ?? randomBytes(48).toString('base64url'),
  };
}

/** KEY=value lines; blank lines and # comments are skipped. */
export function parseSecrets(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Z][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match && !line.trimStart().startsWith('#')) values[match[1]] = match[2];
  }
  return values;
}

/** The installation's secrets file, or nothing when it does not exist (tests, a vault-fed deployment). */
export function readInstallationSecrets(file = secretsFilePath()): Record<string, string> {
  if (!existsSync(file)) return {};
  return parseSecrets(readFileSync(file, 'utf8'));
}

/**
 * Creates the secrets file on first start (exclusive create: two processes starting at once
 * cannot write two different keys) and tightens its mode if someone loosened it. Returns
 * whether it was created now.
 */
export function ensureInstallationSecrets(file = secretsFilePath(), sealedWith?: SealedWith): boolean {
  if (existsSync(file)) {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return false;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const lines = Object.entries(generate(sealedWith)).map(([k, v]) => `${k}=${v}`);
  const body = [
    '# Generated at the first start of this installation. Keep it secret and keep it backed up:',
    '# PII_KEYS open the consumers\' sealed personal data; losing them loses that data.',
    ...lines,
    '',
  ].join('\n');
  // Written whole under another name, then linked into place: a second process starting at the
  // same moment finds either no file or the whole file, never half of one (link fails if it exists).
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, body, { mode: 0o600, flush: true });
  try {
    linkSync(partial, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(partial, { force: true });
  }
  return true;
}
