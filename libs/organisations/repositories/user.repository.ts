import { Injectable } from '@nestjs/common';
import type { OrganisationKind, Page, Role, UserLanguage } from '@accord/contracts';
import { Database } from '@accord/core';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  organisationId: string;
  branchId: string | null;
  branchName: string | null;
  affiliatedInstitutionId: string | null;
  affiliatedInstitutionName: string | null;
  /** Where session invitations go by e-mail (staff's own address, not a consumer's). */
  email: string | null;
  isActive: boolean;
  createdAt: Date;
}

export interface ProfileView {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  organisation: { id: string; kind: OrganisationKind; name: string; code: string | null };
  branchId: string | null;
  branchName: string | null;
  language: UserLanguage;
}

const COLUMNS = `u.id, u.username, u.display_name AS "displayName", u.roles, u.organisation_id AS "organisationId",
  u.branch_id AS "branchId", b.name AS "branchName", u.affiliated_institution_id AS "affiliatedInstitutionId",
  ai.name AS "affiliatedInstitutionName", u.email, u.is_active AS "isActive", u.created_at AS "createdAt"`;
const FROM = `FROM users u LEFT JOIN branches b ON b.id = u.branch_id LEFT JOIN organisations ai ON ai.id = u.affiliated_institution_id`;

@Injectable()
export class UserRepository {
  constructor(private readonly db: Database) {}

  /** The organisation's users; one query with joins, no N+1. */
  async list(organisationId: string, q: string | undefined, page: number, pageSize: number): Promise<Page<UserView>> {
    const rows = (await this.db.manager.query(
      `SELECT ${COLUMNS}, count(*) OVER () AS total ${FROM}
       WHERE u.organisation_id = $1 AND ($4::text IS NULL OR u.display_name ILIKE '%' || $4 || '%' OR u.username ILIKE '%' || $4 || '%')
       ORDER BY u.display_name LIMIT $2 OFFSET $3`,
      [organisationId, pageSize, (page - 1) * pageSize, q ?? null],
    )) as (UserView & { total: string })[];
    return { items: rows.map(({ total: _t, ...u }) => u), total: Number(rows[0]?.total ?? 0), page, pageSize };
  }

  async find(id: string, organisationId: string | null): Promise<UserView | undefined> {
    const [row] = (await this.db.manager.query(
      `SELECT ${COLUMNS} ${FROM} WHERE u.id = $1 AND ($2::uuid IS NULL OR u.organisation_id = $2)`,
      [id, organisationId],
    )) as UserView[];
    return row;
  }

  async profile(id: string, organisationId: string): Promise<ProfileView | undefined> {
    const [row] = (await this.db.manager.query(
      `SELECT u.id, u.username, u.display_name AS "displayName", u.roles, u.branch_id AS "branchId", b.name AS "branchName", u.language,
              json_build_object('id', o.id, 'kind', o.kind, 'name', o.name, 'code', o.code) AS organisation
       FROM users u JOIN organisations o ON o.id = u.organisation_id LEFT JOIN branches b ON b.id = u.branch_id
       WHERE u.id = $1 AND u.organisation_id = $2`,
      [id, organisationId],
    )) as ProfileView[];
    return row;
  }

  /** The user's own language (their row, in their organisation). */
  async setLanguage(id: string, organisationId: string, language: string): Promise<void> {
    await this.db.manager.query(`UPDATE users SET language = $3, updated_at = now() WHERE id = $1 AND organisation_id = $2`, [id, organisationId, language]);
  }

  async insert(u: {
    organisationId: string;
    username: string;
    displayName: string;
    passwordHash: string;
    roles: Role[];
    branchId?: string | null;
    affiliatedInstitutionId?: string | null;
    email?: string | null;
  }): Promise<string> {
    const [{ id }] = (await this.db.manager.query(
      `INSERT INTO users (organisation_id, username, display_name, password_hash, roles, branch_id, affiliated_institution_id, email)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [u.organisationId, u.username, u.displayName, u.passwordHash, u.roles, u.branchId ?? null, u.affiliatedInstitutionId ?? null, u.email?.trim().toLowerCase() || null],
    )) as { id: string }[];
    return id;
  }

  async setActive(id: string, active: boolean): Promise<void> {
    await this.db.manager.query(`UPDATE users SET is_active = $2, updated_at = now() WHERE id = $1`, [id, active]);
  }

}
