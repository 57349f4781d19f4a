export * from './roles';
export * from './realtime';
export * from './problem';
export * from './cases';
export * from './video';
export * from './outcomes';
export * from './documents';
export * from './statistics';
