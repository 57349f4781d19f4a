export * from './databases';
export * from './zip-builder';
