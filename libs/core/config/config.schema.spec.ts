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
});
