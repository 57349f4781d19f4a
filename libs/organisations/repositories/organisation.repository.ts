import { Injectable } from '@nestjs/common';
import type { OrganisationKind, Page } from '@accord/contracts';
import { Database, SqlParams } from '@accord/core';

export interface OrganisationView {
  id: string;
  kind: OrganisationKind;
  name: string;
  code: string | null;
  regionCode: string | null;
  isActive: boolean;
  createdAt: Date;
}

const COLUMNS = `o.id, o.kind, o.name, o.code, o.region_code AS "regionCode", o.is_active AS "isActive", o.created_at AS "createdAt"`;

/** Queries on organisations and jurisdictions, always within the caller's scope. */
@Injectable()
export class OrganisationRepository {
  constructor(private readonly db: Database) {}

  async list(kind: OrganisationKind | undefined, q: string | undefined, page: number, pageSize: number): Promise<Page<OrganisationView>> {
    const s = this.db.scope;
    const p = new SqlParams();
    // The first wall: what each kind may list, mirrored by the organisations_read policy.
    let visible = 'true';
    if (s.kind === 'center') visible = `(o.id = ${p.add(s.organisationId)} OR o.kind = 'institution')`;
    if (s.kind === 'institution') {
      const own = p.add(s.organisationId);
      visible = `(o.id = ${own} OR (o.kind = 'center' AND EXISTS (SELECT 1 FROM memberships m WHERE m.center_id = o.id AND m.institution_id = ${own})))`;
    }
    if (s.kind === 'regulator') {
      const centers = p.add(s.centerIds, 'uuid[]');
      visible = `(o.id = ${p.add(s.organisationId)} OR o.id = ANY(${centers}) OR (o.kind = 'institution' AND EXISTS (SELECT 1 FROM memberships m WHERE m.institution_id = o.id AND m.center_id = ANY(${centers}))))`;
    }
    const filters = [visible];
    if (kind) filters.push(`o.kind = ${p.add(kind)}`);
    if (q) filters.push(`o.name ILIKE '%' || ${p.add(q)} || '%'`);
    const rows = (await this.db.manager.query(
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM organisations o WHERE ${filters.join(' AND ')}
       ORDER BY o.kind, o.name LIMIT ${p.add(pageSize)} OFFSET ${p.add((page - 1) * pageSize)}`,
      p.values,
    )) as (OrganisationView & { total: string })[];
    return { items: rows.map(({ total: _t, ...o }) => o), total: Number(rows[0]?.total ?? 0), page, pageSize };
  }

  async findVisible(id: string): Promise<OrganisationView | undefined> {
    const [row] = (await this.db.manager.query(`SELECT ${COLUMNS} FROM organisations o WHERE o.id = $1`, [id])) as OrganisationView[];
    return row;
  }

  async insert(o: { kind: OrganisationKind; name: string; code?: string; regionCode?: string }): Promise<string> {
    const [{ id }] = (await this.db.manager.query(
      `INSERT INTO organisations (kind, name, code, region_code) VALUES ($1, $2, $3, $4) RETURNING id`,
      [o.kind, o.name, o.code ?? null, o.regionCode ?? null],
    )) as { id: string }[];
    return id;
  }

  /** The caller's institution's second-factor policy (through the one-column SECURITY DEFINER setter). */
  async setSecondFactorPolicy(required: boolean): Promise<boolean> {
    const [{ n }] = (await this.db.manager.query('SELECT organisation_set_second_factor_policy($1) AS n', [required])) as { n: number }[];
    return n === 1;
  }

  async countCenters(ids: string[]): Promise<number> {
    const [{ n }] = (await this.db.manager.query(
      `SELECT count(*)::int AS n FROM organisations WHERE kind = 'center' AND id = ANY($1::uuid[])`,
      [ids],
    )) as { n: number }[];
    return n;
  }

  async addJurisdiction(regulatorId: string, centerIds: string[]): Promise<void> {
    if (!centerIds.length) return;
    await this.db.manager.query(
      `INSERT INTO regulator_jurisdictions (regulator_id, center_id) SELECT $1, unnest($2::uuid[])`,
      [regulatorId, centerIds],
    );
  }
}
