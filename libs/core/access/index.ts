export * from './access-scope';
export * from './request-context';
