import { Warnings1796602734148 } from './1796602734148-warnings';
import { WarningsIsolation1796602734149 } from './1796602734149-warnings-isolation';
import { WarningNotices1796608212947 } from './1796608212947-warning-notices';
import { BreachWarnings1796608300000 } from './1796608300000-breach-warnings';

/**
 * The supervision tables (early warnings and their timeline) and their isolation. In order;
 * libs/schema merges every lib's list into the one migration history.
 */
export const supervisionMigrations: Function[] = [
  Warnings1796602734148,
  WarningsIsolation1796602734149,
  WarningNotices1796608212947,
  BreachWarnings1796608300000,
];
