export * from './pii-vault';
