export * from './config';
export * from './access';
export * from './errors';
export * from './database';
