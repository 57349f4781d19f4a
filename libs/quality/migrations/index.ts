import { QualityReview1796619469045 } from './1796619469045-quality-review';

/** The quality-review tables (rules, review queue and reviews) and their isolation, in order; libs/schema merges them by timestamp. */
export const qualityMigrations: Function[] = [
  QualityReview1796619469045,
];
