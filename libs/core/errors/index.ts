export * from './domain-error';
export * from './problem.filter';
export * from './validation';
