import { Injectable } from '@nestjs/common';
import type { BranchLevel, Role } from '@accord/contracts';
import { Database } from '@accord/core';

/** The queries behind DirectoryService (the read port other libs use). */
@Injectable()
export class DirectoryRepository {
  constructor(private readonly db: Database) {}

  async activeUsersWithRole(organisationId: string, role: Role): Promise<string[]> {
    const rows = (await this.db.manager.query(
      `SELECT id FROM users WHERE organisation_id = $1 AND $2 = ANY(roles) AND is_active ORDER BY id`,
      [organisationId, role],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async membership(id: string): Promise<{ centerName: string; institutionId: string; status: string } | undefined> {
    const [row] = (await this.db.manager.query(
      `SELECT c.name AS "centerName", m.institution_id AS "institutionId", m.status
       FROM memberships m JOIN organisations c ON c.id = m.center_id WHERE m.id = $1`,
      [id],
    )) as { centerName: string; institutionId: string; status: string }[];
    return row;
  }

  async user(id: string): Promise<{ organisationId: string; displayName: string } | undefined> {
    const [row] = (await this.db.manager.query(
      `SELECT organisation_id AS "organisationId", display_name AS "displayName" FROM users WHERE id = $1`,
      [id],
    )) as { organisationId: string; displayName: string }[];
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

  /** The branch's materialised path if it belongs to the institution. */
  async branchPath(id: string, institutionId: string): Promise<string | undefined> {
    const [row] = (await this.db.manager.query(`SELECT path FROM branches WHERE id = $1 AND institution_id = $2`, [id, institutionId])) as { path: string }[];
    return row?.path;
  }

  async userNames(ids: readonly string[]): Promise<{ id: string; displayName: string }[]> {
    if (!ids.length) return [];
    return (await this.db.manager.query(`SELECT id, display_name AS "displayName" FROM users WHERE id = ANY($1::uuid[]) ORDER BY display_name, id`, [ids])) as {
      id: string;
      displayName: string;
    }[];
  }

  async organisationNames(ids: readonly string[]): Promise<{ id: string; name: string }[]> {
    if (!ids.length) return [];
    return (await this.db.manager.query(`SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])`, [ids])) as { id: string; name: string }[];
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
