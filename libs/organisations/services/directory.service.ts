import { Injectable } from '@nestjs/common';
import type { Role } from '@accord/contracts';
import { BranchLabel, DirectoryRepository, MemberBranch } from '../repositories/directory.repository';

/**
 * Read-only look-ups other libs need about organisations and their people: the one door into
 * organisations' tables from above (libs below organisations never read them; they are passed
 * what they need). Add a method here rather than a join on `users` or `branches` elsewhere.
 */
@Injectable()
export class DirectoryService {
  constructor(private readonly directory: DirectoryRepository) {}

  activeUsersWithRole(organisationId: string, role: Role): Promise<string[]> {
    return this.directory.activeUsersWithRole(organisationId, role);
  }

  membership(id: string): Promise<{ centerName: string; institutionId: string; status: string } | undefined> {
    return this.directory.membership(id);
  }

  user(id: string): Promise<{ organisationId: string; displayName: string } | undefined> {
    return this.directory.user(id);
  }

  /**
   * The bank's people with a role whose branch holds a case's branch (pinned to it or to a
   * branch above it) and who have an e-mail address: those an invitation for the case goes to.
   */
  branchUsersWithEmail(institutionId: string, branchPath: string, role: Role): Promise<{ id: string; displayName: string; email: string }[]> {
    return this.directory.branchUsersWithEmail(institutionId, branchPath, role);
  }

  /**
   * A branch of an institution that is an active member of the center, with the names a list
   * shows; undefined for anything else (another bank's branch, a former member's, a made-up id).
   */
  memberBranch(centerId: string, branchId: string): Promise<MemberBranch | undefined> {
    return this.directory.memberBranch(centerId, branchId);
  }

  /** Organisation id → name, for the ids given (one query for a whole list). */
  organisationNames(ids: readonly string[]): Promise<Map<string, string>> {
    return this.directory.organisationNames([...new Set(ids)]);
  }

  /**
   * Branch id → its name and its institution's (id and name), for the ids given that the scope
   * may read; for the outlet a room sits at. One query for a whole list.
   */
  branchLabels(ids: readonly string[]): Promise<Map<string, BranchLabel>> {
    return this.directory.branchLabels([...new Set(ids)]);
  }

  /** Whether the user belongs to the organisation and holds the role (active or not). */
  holdsRole(userId: string, organisationId: string, role: Role): Promise<boolean> {
    return this.directory.holdsRole(userId, organisationId, role);
  }

  /** The organisation of a user who is still active; undefined for a deactivated or unknown one. */
  activeUserOrganisation(id: string): Promise<string | undefined> {
    return this.directory.activeUserOrganisation(id);
  }
}

export type { BranchLabel, MemberBranch };
