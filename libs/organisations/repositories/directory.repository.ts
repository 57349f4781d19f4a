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

  async organisationNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = (await this.db.manager.query(`SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])`, [ids])) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
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

  async activeUserOrganisation(id: string): Promise<string | undefined> {
    const [row] = (await this.db.manager.query(`SELECT organisation_id AS "organisationId" FROM users WHERE id = $1 AND is_active`, [id])) as { organisationId: string }[];
    return row?.organisationId;
  }
}

export interface MemberBranch {
  id: string;
  name: string;
  level: BranchLevel;
  institutionId: string;
  institutionName: string;
}

/** A branch as a list beside another lib's row shows it. */
export interface BranchLabel {
  name: string;
  institutionId: string;
  institutionName: string | null;
}
