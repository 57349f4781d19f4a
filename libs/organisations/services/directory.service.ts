import { Injectable } from '@nestjs/common';
import type { Role, UserLanguage } from '@accord/contracts';
import { BranchLabel, DirectoryRepository, Mediator, MemberBranch, NamedBranch, TreeBranch } from '../repositories/directory.repository';

/**
 * Read-only look-ups other libs need about organisations and their people: the one door into
 * organisations' tables from above (libs below organisations never read them; they are passed
 * what they need). Add a method here rather than a join on `users` or `branches` elsewhere.
 */
@Injectable()
export class DirectoryService {
  constructor(private readonly directory: DirectoryRepository) {}

  activeUsersWithRole(organisationId: string, role: Role): Promise<string[]> {
    return this.directory.activeUsersWithRoleOr(organisationId, role, null);
  }

  membership(id: string): Promise<{ centerName: string; institutionId: string; status: string } | undefined> {
    return this.directory.membership(id);
  }

  /** A user's organisation, name and e-mail address (null when none is on the account). */
  user(id: string): Promise<{ organisationId: string; displayName: string; email: string | null; language: UserLanguage } | undefined> {
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


  /**
   * User id → display name for the ids the scope may see, in display-name order (the
   * database's collation: a list sorted by name iterates the map as it comes).
   */
  async userNames(ids: readonly string[]): Promise<Map<string, string>> {
    return new Map((await this.directory.userNames([...new Set(ids)])).map((r) => [r.id, r.displayName]));
  }

  /** Organisation id → name, for the ids the scope may see. */
  async organisationNames(ids: readonly string[]): Promise<Map<string, string>> {
    return new Map((await this.directory.organisationNames([...new Set(ids)])).map((r) => [r.id, r.name]));
  }

  /** The organisation's active people with a role, and the one user named (when active), by id. */
  activeUsersWithRoleOr(organisationId: string, role: Role, userId: string | null): Promise<string[]> {
    return this.directory.activeUsersWithRoleOr(organisationId, role, userId);
  }

  /**
   * The institution's active people with a role, and the one user named (when active), by id;
   * those pinned to a branch only when it holds the case's branch (`branchPath` in its subtree).
   */
  branchUsersWithRoleOr(institutionId: string, branchPath: string, role: Role, userId: string | null): Promise<string[]> {
    return this.directory.branchUsersWithRoleOr(institutionId, branchPath, role, userId);
  }

  /** Branch id → name, for the ids the scope may see: one query. */
  async branchNames(ids: readonly string[]): Promise<Map<string, string>> {
    return new Map((await this.directory.branchNames([...new Set(ids)])).map((b) => [b.id, b.name]));
  }

  /** The institutions that are active members of the center. */
  activeMemberInstitutions(centerId: string): Promise<string[]> {
    return this.directory.activeMemberInstitutions(centerId);
  }

  /** One branch of the institution, with its path; undefined for another institution's or a made-up id. */
  branch(institutionId: string, branchId: string): Promise<NamedBranch | undefined> {
    return this.directory.branch(institutionId, branchId);
  }

  /** The institution's head office: the root of its branch tree. */
  headOffice(institutionId: string): Promise<NamedBranch | undefined> {
    return this.directory.headOffice(institutionId);
  }

  /**
   * The way from the branch at `rootPath` down to `branchId`, top first: empty when the branch
   * is not at or below it (another bank's, one above or beside it).
   */
  branchTrail(institutionId: string, branchId: string, rootPath: string): Promise<NamedBranch[]> {
    return this.directory.branchTrail(institutionId, branchId, rootPath);
  }

  /** The branch at `path` and every branch below it, by code and name, with its level. */
  branchSubtree(institutionId: string, path: string): Promise<TreeBranch[]> {
    return this.directory.branchSubtree(institutionId, path);
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

  /** Center id → the active regulators whose jurisdiction holds it, for the ids given (one query). */
  async regulatorsWatching(centerIds: readonly string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    for (const r of await this.directory.regulatorsWatching([...new Set(centerIds)])) map.set(r.centerId, [...(map.get(r.centerId) ?? []), r.regulatorId]);
    return map;
  }
}

export type { Mediator, MemberBranch, NamedBranch, TreeBranch };
