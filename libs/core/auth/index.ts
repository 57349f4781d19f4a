export * from './auth.decorators';
export * from './auth.module';
export * from './auth.service';
export * from './password.service';
export * from './profile-reader';
export * from './token.service';
export * from './entities';
export { apiKeyLabelSql } from './api-key.repository';
export * from './password-policy';
