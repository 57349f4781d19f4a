/**
 * Provided by the organisations lib (above core): what core shows of people, read in the
 * caller's scope. Its own file so the services of core that ask it import no service back.
 */
export const PROFILE_READER = Symbol('PROFILE_READER');
export interface ProfileReader {
  /** The signed-in user's profile. */
  currentProfile(): Promise<unknown>;
  /** User id → display name, for the ids the scope may see, in one query. */
  userNames(ids: readonly string[]): Promise<Map<string, string>>;
}
