import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, environment, validateEnvironment } from './load-config';
import { ensureInstallationSecrets, PUBLIC_PII_KEY, PUBLIC_SECRETS, readInstallationSecrets } from './installation-secrets';

describe('configuration', () => {
  it('defaults to the local PostgreSQL and Redis and derives the application role URL', () => {
    const config = validateEnvironment({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/accord');
    expect(config.APP_DATABASE_URL).toBe('postgres://accord_app:accord_app@127.0.0.1:5432/accord');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PORT).toBe(3000);
  });

  it('stops with one line naming the bad variable', () => {
    expect(() => validateEnvironment({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => validateEnvironment({ PORT: 'eighty' })).toThrow(/^Invalid configuration: PORT .*"eighty"/);
    expect(() => validateEnvironment({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(() => validateEnvironment({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32 characters/);
  });

  it('takes an explicit application URL as given', () => {
    expect(validateEnvironment({ APP_DATABASE_URL: 'postgres://app:pw@db:5432/accord' }).APP_DATABASE_URL).toBe('postgres://app:pw@db:5432/accord');
  });

  it('chooses the message transports, and asks for what each needs', () => {
    const defaults = validateEnvironment({});
    expect(defaults).toMatchObject({ SMS_PROVIDER: 'dev', MAIL_TRANSPORT: 'dev', SMS_ENDPOINT: 'https://dysmsapi.aliyuncs.com' });
    expect(() => validateEnvironment({ MAIL_TRANSPORT: 'smtp' })).toThrow(/SMTP_URL is required when MAIL_TRANSPORT is smtp/);
    expect(() => validateEnvironment({ MAIL_TRANSPORT: 'smtp', SMTP_URL: 'http://x' })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL \(got a value of 8 characters\)/);
    expect(validateEnvironment({ MAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtps://u:p@mail.example.com:465' }).SMTP_URL).toBe('smtps://u:p@mail.example.com:465');
    expect(() => validateEnvironment({ SMS_PROVIDER: 'twilio' })).toThrow(/SMS_PROVIDER/);
    expect(() => validateEnvironment({ SMS_PROVIDER: 'aliyun', SMS_ACCESS_KEY_ID: 'id' })).toThrow(/SMS_ACCESS_KEY_SECRET is required when SMS_PROVIDER is aliyun/);
    expect(() => validateEnvironment({ SMS_TEMPLATE_CODE: '12345' })).toThrow(/SMS_TEMPLATE_CODE must be an Alibaba Cloud template code/);
    const aliyun = { SMS_PROVIDER: 'aliyun', SMS_ACCESS_KEY_ID: 'id', SMS_ACCESS_KEY_SECRET: 's', SMS_SIGN_NAME: '调解中心', SMS_TEMPLATE_CODE: 'SMS_1' };
    expect(validateEnvironment(aliyun).SMS_PROVIDER).toBe('aliyun');
    expect(() => validateEnvironment({ MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM/);
    expect(validateEnvironment({ MAIL_FROM: '青岛调解中心 <noreply@qd.example.cn>' }).MAIL_FROM).toBe('青岛调解中心 <noreply@qd.example.cn>');
  });

  it('derives the STUN/TURN URLs browsers get from the TURN server\'s public host, unless given', () => {
    const secret = 'a-secret-of-coturn-0123';
    const derived = validateEnvironment({ VIDEO_TURN_HOST: 'turn.qd-center.example.cn', VIDEO_TURN_SECRET: secret });
    expect(derived.VIDEO_STUN_URLS).toBe('stun:turn.qd-center.example.cn:3478');
    expect(derived.VIDEO_TURN_URLS).toBe('turn:turn.qd-center.example.cn:3478?transport=udp,turn:turn.qd-center.example.cn:3478?transport=tcp');
    expect(validateEnvironment({ VIDEO_TURN_HOST: '203.0.113.7', VIDEO_TURN_SECRET: secret }).VIDEO_TURN_URLS).toMatch(/^turn:203\.0\.113\.7:3478\?transport=udp,/);
    expect(validateEnvironment({ VIDEO_TURN_HOST: '[2001:db8::7]', VIDEO_TURN_SECRET: secret }).VIDEO_STUN_URLS).toBe('stun:[2001:db8::7]:3478');
    // Explicit URLs win over the host.
    const explicit = validateEnvironment({ VIDEO_TURN_HOST: 'localhost', VIDEO_TURN_URLS: 'turns:turn.example.cn:5349', VIDEO_STUN_URLS: 'stun:stun.example.cn:3478', VIDEO_TURN_SECRET: secret });
    expect(explicit).toMatchObject({ VIDEO_TURN_URLS: 'turns:turn.example.cn:5349', VIDEO_STUN_URLS: 'stun:stun.example.cn:3478' });
    // No host, no URLs: a loopback test needs no ICE servers.
    expect(validateEnvironment({})).toMatchObject({ VIDEO_STUN_URLS: '', VIDEO_TURN_URLS: '' });
    expect(() => validateEnvironment({ VIDEO_TURN_HOST: 'turn.example.cn' })).toThrow(/VIDEO_TURN_SECRET is required when VIDEO_TURN_URLS or VIDEO_TURN_HOST is set/);
    for (const bad of ['turn:turn.example.cn', 'turn.example.cn:3478', 'https://turn.example.cn', 'two words', '-dash.example.cn']) {
      expect(() => validateEnvironment({ VIDEO_TURN_HOST: bad, VIDEO_TURN_SECRET: secret })).toThrow(/^Invalid configuration: VIDEO_TURN_HOST must be a host name or an IP address/);
    }
  });
});

describe('the token-signing secret', () => {
  const production = { NODE_ENV: 'production' };
  const ownPii = { PII_KEYS: `own1:${Buffer.alloc(32, 9).toString('base64')}`, PII_ACTIVE_KEY_ID: 'own1' };

  it('production refuses a missing, short or published secret with one line saying what to do', () => {
    expect(() => validateEnvironment(production)).toThrow(/^Invalid configuration: JWT_SECRET is not set in production: run `npm start` once to generate var\/secrets.env/);
    expect(() => validateEnvironment({ ...production, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32 characters/);
    for (const published of PUBLIC_SECRETS) {
      expect(() => validateEnvironment({ ...production, JWT_SECRET: published })).toThrow(/JWT_SECRET is a value published in the source/);
    }
    expect(validateEnvironment({ ...production, ...ownPii, JWT_SECRET: 'x'.repeat(20) + 'an-own-secret-1234' }).JWT_SECRET).toHaveLength(38);
  });

  it('production never seals new personal data with the published key, but may keep it to open older data', () => {
    const jwt = { ...production, JWT_SECRET: 'an-installation-secret-of-its-own-0123456789' };
    expect(() => validateEnvironment(jwt)).toThrow(/PII_ACTIVE_KEY_ID names the personal-data key published in the source/);
    expect(validateEnvironment({ ...jwt, ...ownPii }).PII_ACTIVE_KEY_ID).toBe('own1');
    expect(validateEnvironment({ ...jwt, PII_KEYS: `${ownPii.PII_KEYS},${PUBLIC_PII_KEY}`, PII_ACTIVE_KEY_ID: 'own1' }).PII_KEYS).toContain('dev1:');
  });

  it('the first start writes a random secret per installation, readable by its owner only, and keeps it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'accord-secrets-'));
    const file = path.join(dir, 'var', 'secrets.env');
    try {
      expect(ensureInstallationSecrets(file)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const first = readInstallationSecrets(file);
      expect(first.JWT_SECRET).toMatch(/^[A-Za-z0-9_-]{64}$/);
      expect(ensureInstallationSecrets(file)).toBe(false);
      expect(readInstallationSecrets(file)).toEqual(first);
      // Another installation gets another secret.
      const other = path.join(dir, 'other.env');
      ensureInstallationSecrets(other);
      expect(readInstallationSecrets(other).JWT_SECRET).not.toBe(first.JWT_SECRET);
      // The generated file is a valid production configuration, and the environment wins over it.
      const fromFile = environment({ NODE_ENV: 'production', ACCORD_SECRETS_FILE: file });
      expect(validateEnvironment(fromFile).JWT_SECRET).toBe(first.JWT_SECRET);
      expect(environment({ NODE_ENV: 'production', ACCORD_SECRETS_FILE: file, JWT_SECRET: 'from-the-vault' }).JWT_SECRET).toBe('from-the-vault');
      // An installation whose cases were sealed before the file existed keeps those keys to open them.
      const upgraded = path.join(dir, 'upgraded.env');
      ensureInstallationSecrets(upgraded, { PII_KEYS: PUBLIC_PII_KEY, PII_SEARCH_KEY: 'the-search-key-its-hashes-were-made-with' });
      const kept = readInstallationSecrets(upgraded);
      expect(kept.PII_KEYS.split(',')).toEqual([expect.stringMatching(new RegExp(`^${kept.PII_ACTIVE_KEY_ID}:`)), PUBLIC_PII_KEY]);
      expect(kept.PII_SEARCH_KEY).toBe('the-search-key-its-hashes-were-made-with');
      expect(validateEnvironment({ NODE_ENV: 'production', ...kept }).PII_ACTIVE_KEY_ID).toBe(kept.PII_ACTIVE_KEY_ID);
      // Tests never read a developer's secrets file.
      expect(environment({ NODE_ENV: 'test', ACCORD_SECRETS_FILE: file }).JWT_SECRET).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
