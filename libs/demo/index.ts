export * from './demo-data';
export * from './demo-seed';
export { HISTORY_MONTHS } from './demo-history';
