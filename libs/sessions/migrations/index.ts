import { SessionConsole1795470000000 } from './1795470000000-session-console';
import { SessionConsoleIsolation1795470050000 } from './1795470050000-session-console-isolation';

/**
 * The session console's tables (check-ins, notes, caucuses, method steps, calls) and their RLS. In
 * order; libs/schema merges every lib's list into the one migration history.
 */
export const sessionConsoleMigrations: Function[] = [
  SessionConsole1795470000000,
  SessionConsoleIsolation1795470050000,
];
