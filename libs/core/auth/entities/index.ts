export * from './auth-session.entity';
export * from './refresh-token.entity';
export * from './api-key.entity';
export * from './second-factor.entity';
