import { Injectable } from '@nestjs/common';
import type { BranchLevel, Role, UserLanguage } from '@accord/contracts';
import { columns, Database, RowOf } from '@accord/core';
import { BranchEntity } from '../entities/branch.entity';
import { OrganisationEntity } from '../entities/organisation.entity';
import { UserEntity } from '../entities/user.entity';

const NAMED_ORGANISATION = columns(OrganisationEntity, ['id', 'name'] as const);
const NAMED_USER = columns(UserEntity, ['id', 'displayName'] as const);
const BRANCH_NAME = columns(BranchEntity, ['id', 'name'] as const);
const NAMED_BRANCH = columns(BranchEntity, ['id', 'name', 'path', 'code'] as const);
const TREE_BRANCH = columns(BranchEntity, ['id', 'parentId', 'name', 'path', 'level'] as const);
export type NamedBranch = RowOf<typeof NAMED_BRANCH>;
export type TreeBranch = RowOf<typeof TREE_BRANCH>;

/** The queries behind DirectoryService (the read port other libs use). */
@Injectable()
export class DirectoryRepository {
  constructor(private readonly db: Database) {}

  async membership(id: string): Promise<{ centerName: string; institutionId: string; status: string } | undefined> {
    const [row] = (await this.db.manager.query(
      `SELECT c.name AS "centerName", m.institution_id AS "institutionId", m.status
       FROM memberships m JOIN organisations c ON c.id = m.center_id WHERE m.id = $1`,
      [id],
    )) as { centerName: string; institutionId: string; status: string }[];
    return row;
  }

  async user(id: string): Promise<{ organisationId: string; displayName: string; email: string | null; language: UserLanguage } | undefined> {
    const [row] = (await this.db.manager.query(
      `SELECT organisation_id AS "organisationId", display_name AS "displayName", email, language FROM users WHERE id = $1`,
      [id],
    )) as { organisationId: string; displayName: string; email: string | null; language: UserLanguage }[];
    return row;
  }

  /**
   * The bank's people with a role whose branch holds a case's branch (pinned to it or to a
   * branch above it) and who have an e-mail address: those an invitation for the case goes to.
   */
  async branchUsersWithEmail(institutionId: string, branchPath: string, role: Role): Promise<{ id: string; displayName: string; email: string }[]> {
    return (await this.db.manager.query(
      `SELECT u.id, u.display_name AS "displayName", u.email FROM users u JOIN branches b ON b.id = u.branch_id
       WHERE u.organisation_id = $1 AND $3 = ANY(u.roles) AND u.is_active AND u.email IS NOT NULL AND $2 LIKE b.path || '%'
       ORDER BY u.id`,
      [institutionId, branchPath, role],
    )) as { id: string; displayName: string; email: string }[];
  }

  /**
   * A branch of an institution that is an active member of the center, with the names a list
   * shows; undefined for anything else (another bank's branch, a former member's, a made-up id).
   */
  async memberBranch(centerId: string, branchId: string): Promise<MemberBranch | undefined> {
    const [row] = (await this.db.manager.query(
      `SELECT b.id, b.name, b.level, b.institution_id AS "institutionId", o.name AS "institutionName"
       FROM branches b JOIN organisations o ON o.id = b.institution_id
       JOIN memberships m ON m.institution_id = b.institution_id AND m.center_id = $1 AND m.status = 'active'
       WHERE b.id = $2`,
      [centerId, branchId],
    )) as MemberBranch[];
    return row;
  }

  /** A center's active mediators in name order, with what assignment weighs (expertise, affiliation, availability). */
  async mediators(centerId: string): Promise<Mediator[]> {
    return (await this.db.manager.query(
      `SELECT u.id, u.display_name AS name, u.expertise, u.accepting_cases AS "acceptingCases",
              u.affiliated_institution_id AS "affiliatedInstitutionId", a.name AS "affiliatedInstitutionName"
       FROM users u LEFT JOIN organisations a ON a.id = u.affiliated_institution_id
       WHERE u.organisation_id = $1 AND 'mediator' = ANY(u.roles) AND u.is_active
       ORDER BY u.display_name`,
      [centerId],
    )) as Mediator[];
  }

  /** The organisation of an active user (a deactivated one gets no notices). */
  async activeUserOrganisation(id: string): Promise<string | undefined> {
    const [row] = (await this.db.manager.query(`SELECT organisation_id AS "organisationId" FROM users WHERE id = $1 AND is_active`, [id])) as {
      organisationId: string;
    }[];
    return row?.organisationId;
  }

  /** An institution's branches by their codes (the bulk import's column), code → id. */
  async branchIdsByCode(institutionId: string, codes: string[]): Promise<Map<string, string>> {
    const rows = (await this.db.manager.query(`SELECT code, id FROM branches WHERE institution_id = $1 AND code = ANY($2::text[])`, [
      institutionId,
      [...new Set(codes)],
    ])) as { code: string; id: string }[];
    return new Map(rows.map((r) => [r.code, r.id]));
  }


  async userNames(ids: readonly string[]): Promise<RowOf<typeof NAMED_USER>[]> {
    if (!ids.length) return [];
    return (await this.db.manager.query(`SELECT ${NAMED_USER.select()} FROM users WHERE id = ANY($1::uuid[]) ORDER BY display_name, id`, [ids])) as RowOf<
      typeof NAMED_USER
    >[];
  }

  async organisationNames(ids: readonly string[]): Promise<RowOf<typeof NAMED_ORGANISATION>[]> {
    if (!ids.length) return [];
    return (await this.db.manager.query(`SELECT ${NAMED_ORGANISATION.select()} FROM organisations WHERE id = ANY($1::uuid[])`, [ids])) as RowOf<
      typeof NAMED_ORGANISATION
    >[];
  }

  async activeUsersWithRoleOr(organisationId: string, role: Role, userId: string | null): Promise<string[]> {
    const rows = (await this.db.manager.query(
      `SELECT id FROM users WHERE organisation_id = $1 AND is_active AND (id = $2 OR $3 = ANY(roles)) ORDER BY id`,
      [organisationId, userId, role],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async branchUsersWithRoleOr(institutionId: string, branchPath: string, role: Role, userId: string | null): Promise<string[]> {
    const rows = (await this.db.manager.query(
      `SELECT u.id FROM users u LEFT JOIN branches b ON b.id = u.branch_id
       WHERE u.organisation_id = $1 AND u.is_active AND (u.id = $2 OR $4 = ANY(u.roles))
         AND (u.branch_id IS NULL OR $3 LIKE b.path || '%') ORDER BY u.id`,
      [institutionId, userId, branchPath, role],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async branchNames(ids: readonly string[]): Promise<RowOf<typeof BRANCH_NAME>[]> {
    if (!ids.length) return [];
    return (await this.db.manager.query(`SELECT ${BRANCH_NAME.select()} FROM branches WHERE id = ANY($1::uuid[])`, [ids])) as RowOf<typeof BRANCH_NAME>[];
  }

  async activeMemberInstitutions(centerId: string): Promise<string[]> {
    const rows = (await this.db.manager.query(`SELECT institution_id AS id FROM memberships WHERE center_id = $1 AND status = 'active'`, [centerId])) as {
      id: string;
    }[];
    return rows.map((r) => r.id);
  }

  async branch(institutionId: string, branchId: string): Promise<NamedBranch | undefined> {
    const [row] = (await this.db.manager.query(`SELECT ${NAMED_BRANCH.select()} FROM branches WHERE id = $2 AND institution_id = $1`, [
      institutionId,
      branchId,
    ])) as NamedBranch[];
    return row;
  }

  /** The institution's first top-level branch: its head office. */
  async headOffice(institutionId: string): Promise<NamedBranch | undefined> {
    const [row] = (await this.db.manager.query(
      `SELECT ${NAMED_BRANCH.select()} FROM branches WHERE institution_id = $1 AND parent_id IS NULL ORDER BY created_at LIMIT 1`,
      [institutionId],
    )) as NamedBranch[];
    return row;
  }

  /** The branches from the one at `rootPath` down to `branchId`, top first; none unless both are in the subtree at `rootPath`. */
  async branchTrail(institutionId: string, branchId: string, rootPath: string): Promise<NamedBranch[]> {
    return (await this.db.manager.query(
      `SELECT ${NAMED_BRANCH.select('a')} FROM branches n JOIN branches a ON a.institution_id = n.institution_id AND starts_with(n.path, a.path)
       WHERE n.id = $1 AND n.institution_id = $2 AND starts_with(n.path, $3) AND starts_with(a.path, $3) ORDER BY length(a.path)`,
      [branchId, institutionId, rootPath],
    )) as NamedBranch[];
  }

  /** The subtree at `path` (the branch itself included), by code and name. */
  async branchSubtree(institutionId: string, path: string): Promise<TreeBranch[]> {
    return (await this.db.manager.query(
      `SELECT ${TREE_BRANCH.select()} FROM branches WHERE institution_id = $1 AND starts_with(path, $2) ORDER BY code, name`,
      [institutionId, path],
    )) as TreeBranch[];
  }

  async branchLabels(ids: readonly string[]): Promise<Map<string, BranchLabel>> {
    if (!ids.length) return new Map();
    const rows = (await this.db.manager.query(
      `SELECT b.id, b.name, b.institution_id AS "institutionId", o.name AS "institutionName"
       FROM branches b LEFT JOIN organisations o ON o.id = b.institution_id WHERE b.id = ANY($1::uuid[])`,
      [ids],
    )) as ({ id: string } & BranchLabel)[];
    return new Map(rows.map(({ id, ...label }) => [id, label]));
  }

  async holdsRole(userId: string, organisationId: string, role: Role): Promise<boolean> {
    const rows = (await this.db.manager.query(`SELECT 1 FROM users WHERE id = $1 AND organisation_id = $2 AND $3 = ANY(roles)`, [userId, organisationId, role])) as unknown[];
    return rows.length > 0;
  }

  async regulatorsWatching(centerIds: readonly string[]): Promise<{ centerId: string; regulatorId: string }[]> {
    if (!centerIds.length) return [];
    return (await this.db.manager.query(
      `SELECT j.center_id AS "centerId", j.regulator_id AS "regulatorId" FROM regulator_jurisdictions j
       JOIN organisations o ON o.id = j.regulator_id AND o.is_active WHERE j.center_id = ANY($1::uuid[])`,
      [centerIds],
    )) as { centerId: string; regulatorId: string }[];
  }
}

export interface MemberBranch {
  id: string;
  name: string;
  level: BranchLevel;
  institutionId: string;
  institutionName: string;
}

export interface Mediator {
  id: string;
  name: string;
  expertise: string[];
  acceptingCases: boolean;
  affiliatedInstitutionId: string | null;
  affiliatedInstitutionName: string | null;
}

export interface BranchLabel {
  name: string;
  institutionId: string;
  institutionName: string | null;
}
