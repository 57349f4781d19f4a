import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { PUBLIC_PII_KEY } from './installation-secrets';

/**
 * Every setting the apps read, validated once at start (load-config.ts). `process.env` is read
 * in libs/core/config and nowhere else, so a bad value stops start-up with one line naming the variable.
 */
export class EnvironmentSchema {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Owner connection: migrations and demo data. */
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/accord';

  /** Application connection: a role that owns nothing and cannot bypass RLS. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  APP_DATABASE_URL?: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 20;

  /**
   * A streaming replica, as the application role: statistics and exports read there when set
   * (libs/core/database/read-replica.ts says when the primary answers instead).
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_READ_URL?: string;

  /** How far behind the primary a replica may be and still answer (also bounds how stale its answers are). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(3600)
  DATABASE_READ_MAX_LAG_SECONDS = 5;

  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Namespaces queues, streams and counters so several deployments (or test suites) share one Redis. */
  @Matches(/^[a-z0-9_-]{1,40}$/, { message: 'must be 1-40 of a-z 0-9 _ -' })
  REDIS_PREFIX = 'accord';

  /**
   * Signs access tokens. Production takes it from the environment or the installation's
   * secrets file (generated at first start); development and tests fall back to a public value.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(3600)
  REFRESH_TOKEN_TTL_SECONDS = 60 * 60 * 24 * 14;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  SIGN_IN_MAX_FAILURES = 5;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  SIGN_IN_LOCK_SECONDS = 900;

  /** The first lock after SIGN_IN_MAX_FAILURES; each further failure doubles it, up to SIGN_IN_LOCK_SECONDS. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  SIGN_IN_BACKOFF_SECONDS = 30;

  /** The issuer an authenticator app shows beside the account (otpauth:// URI). */
  @IsString()
  SECOND_FACTOR_ISSUER = 'Accord 调解平台';

  /** Wrong passwords from one address (over any accounts) before it backs off the same way. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  SIGN_IN_IP_MAX_FAILURES = 20;

  /** Sign-in attempts allowed per client address per minute. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  SIGN_IN_RATE_PER_MINUTE = 30;

  /**
   * Whose X-Forwarded-For / X-Forwarded-Proto to believe (Fastify's trustProxy: addresses, CIDRs
   * or 'loopback', comma-separated). Only a proxy we run may say who the client is: believing
   * anyone would let a stranger pick a fresh address for each try and walk past every per-address
   * limit. Default: a proxy on this machine.
   */
  @IsString()
  TRUST_PROXY = 'loopback';

  /** Strict-Transport-Security max-age, sent on requests that arrived over HTTPS (0: never). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  HSTS_MAX_AGE_SECONDS = 31_536_000;

  /** Token refreshes allowed per client address per minute. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  RATE_LIMIT_REFRESH_PER_MINUTE = 30;

  /**
   * One-time code requests and tries per client address per minute (consumer links). Generous:
   * many consumers share one carrier-NAT address; the per-link limit below is what stops a guess.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  RATE_LIMIT_CONSUMER_CODE_PER_MINUTE = 20;

  /** One-time code requests and tries per consumer link per 15 minutes, from any address. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  RATE_LIMIT_CONSUMER_CODE_PER_LINK = 10;

  /** Requests to a consumer's pages (session, signing, survey, video) per client address per minute. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  RATE_LIMIT_CONSUMER_PER_MINUTE = 300;

  /** Public document verifications per client address per minute. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  RATE_LIMIT_VERIFY_PER_MINUTE = 30;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Append the JSON log lines to this file instead of stdout. */
  @IsOptional()
  @IsString()
  LOG_FILE?: string;

  /**
   * Keys sealing consumers' personal data (AES-256-GCM): `id:base64(32 bytes)`, comma-separated.
   * New data is sealed with PII_ACTIVE_KEY_ID; older ids stay to open what they sealed (rotation).
   */
  @Matches(/^[a-z0-9]{1,8}:[A-Za-z0-9+/]{43}=(,[a-z0-9]{1,8}:[A-Za-z0-9+/]{43}=)*$/, { message: 'must be id:base64-32-byte-key[,…]' })
  PII_KEYS = PUBLIC_PII_KEY;

  @Matches(/^[a-z0-9]{1,8}$/, { message: 'must be the id of one of PII_KEYS' })
  PII_ACTIVE_KEY_ID = 'dev1';

  /** HMAC key of the search hashes (phone, ID number): changing it means re-hashing. */
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  PII_SEARCH_KEY = 'development-only-search-key-change-me-0123456789';

  /** Attachments: `local` (a directory) or `s3` (any S3-compatible store). */
  @IsIn(['local', 's3'])
  STORAGE_DRIVER: 'local' | 's3' = 'local';

  @IsString()
  STORAGE_DIR = 'var/storage';

  @IsOptional()
  @IsString()
  S3_BUCKET?: string;

  @IsOptional()
  @IsString()
  S3_ENDPOINT?: string;

  @IsString()
  S3_REGION = 'us-east-1';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1024)
  @Max(200 * 1024 * 1024)
  UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

  /** The portal's public address, for links sent to consumers by SMS and e-mail. */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  /**
   * SMS delivery: `dev` delivers nothing and the message stays readable in the portal (提醒消息);
   * `aliyun` sends through Alibaba Cloud SMS (SendSms, signature v1) with the SMS_* settings below.
   */
  @IsIn(['dev', 'aliyun'])
  SMS_PROVIDER: 'dev' | 'aliyun' = 'dev';

  @IsOptional()
  @IsString()
  SMS_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  SMS_ACCESS_KEY_SECRET?: string;

  /** The approved signature (签名) the provider puts in 【】 before every message. */
  @IsOptional()
  @IsString()
  SMS_SIGN_NAME?: string;

  /** An approved template whose whole text is one `${content}` variable. */
  @IsOptional()
  @Matches(/^SMS_\d+$/, { message: 'must be an Alibaba Cloud template code (SMS_123456789)' })
  SMS_TEMPLATE_CODE?: string;

  @Matches(/^https?:\/\/[^\s/]+(:\d+)?\/?$/, { message: 'must be an http(s) origin' })
  SMS_ENDPOINT = 'https://dysmsapi.aliyuncs.com';

  /** E-mail delivery: `dev` delivers nothing (the message log shows it), `smtp` sends through SMTP_URL. */
  @IsIn(['dev', 'smtp'])
  MAIL_TRANSPORT: 'dev' | 'smtp' = 'dev';

  /** smtp:// (STARTTLS when offered) or smtps:// (TLS), with credentials: smtps://user:password@smtp.example.com:465 */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The sender of every e-mail, e.g. `调解中心 <noreply@example.com>`. */
  @Matches(/^([^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/, { message: 'must be an address, optionally "Name <address>"' })
  MAIL_FROM = 'Accord <noreply@accord.localhost>';

  /** Phone mediation's call bridge: `dev` simulates calls (the party answers at once, the mediator hangs up). */
  @IsIn(['dev'])
  TELEPHONY_PROVIDER = 'dev' as const;

  /** Video rooms: browser WebRTC with signalling over socket.io, or an external conference service. */
  @IsIn(['webrtc', 'external'])
  VIDEO_PROVIDER: 'webrtc' | 'external' = 'webrtc';

  /** STUN servers for WebRTC, comma-separated (`stun:host:3478`); empty on a loopback test. */
  @Matches(/^(stuns?:[^\s,]+(,stuns?:[^\s,]+)*)?$/, { message: 'must be comma-separated stun: URLs' })
  VIDEO_STUN_URLS = '';

  /** TURN servers (coturn), comma-separated (`turn:host:3478?transport=udp`). */
  @Matches(/^(turns?:[^\s,]+(,turns?:[^\s,]+)*)?$/, { message: 'must be comma-separated turn: URLs' })
  VIDEO_TURN_URLS = '';

  /**
   * The TURN server's public host name or IP, as browsers outside reach it (coturn on 3478). When
   * VIDEO_STUN_URLS / VIDEO_TURN_URLS are left empty they are derived from it: stun:host:3478 and
   * turn:host:3478 over UDP and TCP. Explicit URLs win (another port, turns: on 5349).
   */
  @IsOptional()
  @Matches(/^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])$/, {
    message: 'must be a host name or an IP address (an IPv6 one in [brackets]), without scheme or port',
  })
  VIDEO_TURN_HOST?: string;

  /** coturn's `--static-auth-secret`: credentials are time-limited HMAC-SHA1 of `expiry:sessionId`. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  VIDEO_TURN_SECRET?: string;

  /** How long a TURN credential lasts. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(300)
  @Max(86400)
  VIDEO_TURN_TTL_SECONDS = 4 * 3600;

  /** With VIDEO_PROVIDER=external: the meeting address, `{sessionId}` replaced (e.g. https://meet.example.com/accord-{sessionId}). */
  @IsOptional()
  @Matches(/^https:\/\/[^\s]*\{sessionId\}[^\s]*$/, { message: 'must be an https URL containing {sessionId}' })
  VIDEO_EXTERNAL_URL_TEMPLATE?: string;

  /** A participant who drops and comes back within this time is let in again without the mediator admitting them. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(3600)
  VIDEO_REJOIN_GRACE_SECONDS = 120;

  /** Readiness fails (503) when the oldest event the worker has not relayed is older than this. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(5)
  OUTBOX_LAG_LIMIT_SECONDS = 60;

  /**
   * A bearer token for /metrics. Without one, /metrics answers only requests made on this machine
   * directly (loopback, no proxy in between); everyone else gets 404.
   */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** Where the built portal lives; the API serves it in production. */
  @IsOptional()
  @IsString()
  PORTAL_DIST?: string;

  /**
   * Webhook endpoints whose address resolves to a loopback, private or link-local address are
   * refused (SSRF) unless this is `true`: development and tests point them at a local receiver.
   */
  @IsIn(['true', 'false'])
  WEBHOOK_ALLOW_PRIVATE_URLS: 'true' | 'false' = 'false';

  /** A receiver that has not answered within this time is treated as failed and retried. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  @Max(30000)
  WEBHOOK_TIMEOUT_MS = 10000;

  /** An endpoint is switched off (and its admins told by e-mail) after this many failed attempts in a row. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  WEBHOOK_DISABLE_AFTER_FAILURES = 50;

  /** Days a consumer has to answer a consent link before the draft closes as expired (issue 17). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(30)
  CONSENT_LINK_DAYS = 7;

  /** The first retry's delay; each next one doubles (with jitter) until the 3-day limit. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(10)
  WEBHOOK_RETRY_BASE_MS = 5000;
}
