import { Injectable } from '@nestjs/common';
import type { AccessScope } from '../access/access-scope';
import { CommitSignals } from '../database/commit-signals';

interface Entry {
  userId: string;
  organisationId: string | null;
  accessVersion: number;
  /** ms since epoch: the session's end or the entry's time to live, whichever comes first. */
  until: number;
  profile?: unknown;
}

/** An entry is trusted this long at most, should a signal ever be lost without a disconnect. */
const TTL_MS = 60_000;
const MAX_ENTRIES = 20_000;

/**
 * Live sessions (and their users' profiles) this process has checked in PostgreSQL, so an
 * authenticated request need not check again: revoking a session, signing out, changing a
 * password, deactivating or changing a user, an organisation or a branch drops the entries at
 * once in every process (the triggers' after-commit keys, published by CommitSignals before the
 * changing request answers). While the signals' Redis subscription is down nothing is trusted:
 * every request checks its session in its BEGIN round trip, as without the cache.
 */
@Injectable()
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every drop: a check that began before one must not be cached after it. */
  private generation = 0;

  constructor(private readonly signals: CommitSignals) {
    signals.listen(
      (keys) => this.drop(keys),
      () => this.clear(),
    );
  }

  /** A mark to hand back to remember(): what was read after it is cacheable if nothing changed since. */
  mark(): number {
    return this.generation;
  }

  /** The token's session was found live, for its access version, and nothing has changed it since. */
  isLive(scope: AccessScope): boolean {
    return this.entry(scope) !== undefined;
  }

  remember(scope: AccessScope, until: Date, mark: number): void {
    if (!this.signals.ready || mark !== this.generation || !scope.sessionId || !scope.userId) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(scope.sessionId, {
      userId: scope.userId,
      organisationId: scope.organisationId,
      accessVersion: scope.accessVersion ?? 0,
      until: Math.min(until.getTime(), Date.now() + TTL_MS),
    });
  }

  /** The signed-in user's profile, when cached with a live session. */
  profile<T>(scope: AccessScope): T | undefined {
    return this.entry(scope)?.profile as T | undefined;
  }

  rememberProfile(scope: AccessScope, profile: unknown, mark: number): void {
    const entry = this.entry(scope);
    if (entry && mark === this.generation) entry.profile = profile;
  }

  private entry(scope: AccessScope): Entry | undefined {
    if (!this.signals.ready || !scope.sessionId) return undefined;
    const entry = this.entries.get(scope.sessionId);
    if (!entry) return undefined;
    if (entry.until <= Date.now() || entry.userId !== scope.userId || entry.accessVersion !== (scope.accessVersion ?? 0)) {
      this.entries.delete(scope.sessionId);
      return undefined;
    }
    return entry;
  }

  private drop(keys: string[]): void {
    let relevant = false;
    for (const key of keys) {
      const id = key.slice(2);
      if (key.startsWith('s:')) {
        this.entries.delete(id);
        relevant = true;
      } else if (key.startsWith('u:') || key.startsWith('o:')) {
        const field = key.startsWith('u:') ? 'userId' : 'organisationId';
        for (const [sessionId, entry] of this.entries) if (entry[field] === id) this.entries.delete(sessionId);
        relevant = true;
      }
    }
    if (relevant) this.generation += 1;
  }

  private clear(): void {
    this.entries.clear();
    this.generation += 1;
  }
}
