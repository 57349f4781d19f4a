import { Injectable } from '@nestjs/common';
import type { Role } from '@accord/contracts';
import { DirectoryRepository, Mediator, MemberBranch } from '../repositories/directory.repository';

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

  mediators(centerId: string): Promise<Mediator[]> {
    return this.directory.mediators(centerId);
  }

  activeUserOrganisation(id: string): Promise<string | undefined> {
    return this.directory.activeUserOrganisation(id);
  }

  branchIdsByCode(institutionId: string, codes: string[]): Promise<Map<string, string>> {
    return this.directory.branchIdsByCode(institutionId, codes);
  }

  branchPath(id: string, institutionId: string): Promise<string | undefined> {
    return this.directory.branchPath(id, institutionId);
  }
}

export type { Mediator, MemberBranch };
