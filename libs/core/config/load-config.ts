import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EnvironmentSchema } from './config.schema';
import { PUBLIC_PII_KEY, PUBLIC_SECRETS, readInstallationSecrets, secretsFilePath } from './installation-secrets';

/** The development and test stand-in: public, so production refuses it (see validateEnvironment). */
const DEVELOPMENT_JWT_SECRET = 'development-only-secret-change-me-please-0123456789';

export type AppConfig = EnvironmentSchema & { APP_DATABASE_URL: string; JWT_SECRET: string };

export class ConfigError extends Error {}

/** Derives the application role's URL from the owner URL when none is given. */
function appUrlFrom(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = 'accord_app';
  url.password = 'accord_app';
  return url.toString();
}

export function validateEnvironment(env: Record<string, unknown>): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(EnvironmentSchema, present, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, stopAtFirstError: true });
  if (errors.length > 0) {
    const first = errors[0];
    const message = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    const why = message.startsWith(first.property) ? message : `${first.property} ${message}`;
    const got = String(present[first.property] ?? first.value);
    // Secrets (keys, passwords inside URLs) never reach a log line.
    const shown = /SECRET|KEY|SMTP_URL/.test(first.property) ? `a value of ${got.length} characters` : `"${got}"`;
    throw new ConfigError(`Invalid configuration: ${why} (got ${shown})`);
  }
  if (!config.PII_KEYS.split(',').some((k) => k.split(':')[0] === config.PII_ACTIVE_KEY_ID)) {
    throw new ConfigError(`Invalid configuration: PII_ACTIVE_KEY_ID "${config.PII_ACTIVE_KEY_ID}" is not among PII_KEYS`);
  }
  if (config.STORAGE_DRIVER === 's3' && !config.S3_BUCKET) {
    throw new ConfigError('Invalid configuration: S3_BUCKET is required when STORAGE_DRIVER is s3');
  }
  if (config.MAIL_TRANSPORT === 'smtp' && !config.SMTP_URL) {
    throw new ConfigError('Invalid configuration: SMTP_URL is required when MAIL_TRANSPORT is smtp');
  }
  if (config.SMS_PROVIDER === 'aliyun') {
    const missing = (['SMS_ACCESS_KEY_ID', 'SMS_ACCESS_KEY_SECRET', 'SMS_SIGN_NAME', 'SMS_TEMPLATE_CODE'] as const).find((k) => !config[k]);
    if (missing) throw new ConfigError(`Invalid configuration: ${missing} is required when SMS_PROVIDER is aliyun`);
  }
  if (config.VIDEO_PROVIDER === 'external' && !config.VIDEO_EXTERNAL_URL_TEMPLATE) {
    throw new ConfigError('Invalid configuration: VIDEO_EXTERNAL_URL_TEMPLATE is required when VIDEO_PROVIDER is external');
  }
  if (config.VIDEO_TURN_HOST) {
    const host = config.VIDEO_TURN_HOST;
    config.VIDEO_STUN_URLS ||= `stun:${host}:3478`;
    config.VIDEO_TURN_URLS ||= `turn:${host}:3478?transport=udp,turn:${host}:3478?transport=tcp`;
  }
  if (config.VIDEO_TURN_URLS && !config.VIDEO_TURN_SECRET) {
    throw new ConfigError('Invalid configuration: VIDEO_TURN_SECRET is required when VIDEO_TURN_URLS or VIDEO_TURN_HOST is set');
  }
  if (config.NODE_ENV === 'production') refusePublicSecrets(config);
  return Object.assign(config, {
    APP_DATABASE_URL: config.APP_DATABASE_URL ?? appUrlFrom(config.DATABASE_URL),
    JWT_SECRET: config.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
  });
}

/**
 * Anyone who can read this repository can sign a token with a committed secret, with any role
 * and any tenant's ids: production runs only on a secret of its own.
 */
function refusePublicSecrets(config: EnvironmentSchema): void {
  const fix = `run \`npm start\` once to generate ${DEFAULT_SECRETS_HINT}, or set JWT_SECRET to 32+ random characters (openssl rand -base64 48)`;
  if (!config.JWT_SECRET) throw new ConfigError(`Invalid configuration: JWT_SECRET is not set in production: ${fix}`);
  if (PUBLIC_SECRETS.has(config.JWT_SECRET)) {
    throw new ConfigError(`Invalid configuration: JWT_SECRET is a value published in the source and cannot be used in production: ${fix}`);
  }
  // New personal data is never sealed with a key anyone can read. (The public key may stay in
  // PII_KEYS to open what an older installation sealed with it; the generated file keeps it so.)
  const active = config.PII_KEYS.split(',').find((k) => k.split(':')[0] === config.PII_ACTIVE_KEY_ID);
  if (active === PUBLIC_PII_KEY) {
    throw new ConfigError(
      `Invalid configuration: PII_ACTIVE_KEY_ID names the personal-data key published in the source: run \`npm start\` once to generate ${DEFAULT_SECRETS_HINT} (it keeps that key to open older data), or set PII_KEYS and PII_ACTIVE_KEY_ID to a key of your own`,
    );
  }
}

const DEFAULT_SECRETS_HINT = 'var/secrets.env';

/**
 * The settings as a process sees them: the installation's secrets file under the environment
 * (the environment wins). Tests read only what they are given, so a developer's own secrets
 * file never changes what a test sees.
 */
export function environment(env: Record<string, string | undefined> = process.env): Record<string, string | undefined> {
  if (env.NODE_ENV === 'test') return env;
  // An empty variable (docker compose's `${JWT_SECRET:-}`) means "not set", not "set to nothing".
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  return { ...readInstallationSecrets(secretsFilePath(env)), ...given };
}

export function loadConfig(): AppConfig {
  return validateEnvironment(environment());
}
