import { Injectable } from '@nestjs/common';
import { pinnedBranch } from '@accord/contracts';
import type { AccessScope } from '../access/access-scope';

export type RoomCheck = (scope: AccessScope, id: string) => Promise<boolean>;

/**
 * Who may join which room, by room kind (org:, user:, case:…). Domain libs register the
 * check for their kind, using the same visibility rules as their HTTP endpoints; a kind
 * nobody registered is refused.
 */
@Injectable()
export class RoomAccess {
  private readonly checks = new Map<string, RoomCheck>([
    // A pinned institution user may not listen to the whole institution, only their branch.
    ['org', async (scope, id) => scope.organisationId === id && !(scope.kind === 'institution' && pinnedBranch(scope.branchPath))],
    ['branch', async (scope, id) => scope.kind === 'institution' && pinnedBranch(scope.branchPath) === id],
    ['user', async (scope, id) => scope.userId === id],
  ]);

  register(kind: string, check: RoomCheck): void {
    if (this.checks.has(kind)) throw new Error(`Room kind ${kind} registered twice`);
    this.checks.set(kind, check);
  }

  async mayJoin(scope: AccessScope, room: string): Promise<boolean> {
    const match = /^([a-z]+):([0-9a-f-]{36})$/.exec(room);
    if (!match) return false;
    const check = this.checks.get(match[1]);
    return check ? check(scope, match[2].toLowerCase()) : false;
  }
}
