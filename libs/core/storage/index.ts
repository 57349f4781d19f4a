export * from './file-storage';
export * from './archive-check';
