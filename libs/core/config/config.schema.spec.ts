import { ConfigError, validateEnvironment } from './config.schema';

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
});
