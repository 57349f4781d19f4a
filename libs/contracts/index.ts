export * from './roles';
export * from './realtime';
export * from './problem';
