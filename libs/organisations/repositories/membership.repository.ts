import { Injectable } from '@nestjs/common';
import type { MembershipStatus, Page } from '@accord/contracts';
import { Database, SqlParams } from '@accord/core';

export interface MembershipView {
  id: string;
  centerId: string;
  centerName: string;
  institutionId: string;
  institutionName: string;
  status: MembershipStatus;
  since: string;
}

const SELECT = `SELECT m.id, m.center_id AS "centerId", c.name AS "centerName", m.institution_id AS "institutionId",
  i.name AS "institutionName", m.status, to_char(m.since, 'YYYY-MM-DD') AS since
  FROM memberships m JOIN organisations c ON c.id = m.center_id JOIN organisations i ON i.id = m.institution_id`;

@Injectable()
export class MembershipRepository {
  constructor(private readonly db: Database) {}

  /** A center's members, or an institution's centers, or a regulator's jurisdiction's. */
  async list(page: number, pageSize: number): Promise<Page<MembershipView>> {
    const s = this.db.scope;
    const p = new SqlParams();
    let where = 'true';
    if (s.kind === 'center') where = `m.center_id = ${p.add(s.organisationId)}`;
    if (s.kind === 'institution') where = `m.institution_id = ${p.add(s.organisationId)}`;
    if (s.kind === 'regulator') where = `m.center_id = ANY(${p.add(s.centerIds, 'uuid[]')})`;
    const rows = (await this.db.manager.query(
      `${SELECT.replace('SELECT', 'SELECT count(*) OVER () AS total,')} WHERE ${where}
       ORDER BY c.name, i.name LIMIT ${p.add(pageSize)} OFFSET ${p.add((page - 1) * pageSize)}`,
      p.values,
    )) as (MembershipView & { total: string })[];
    return { items: rows.map(({ total: _t, ...m }) => m), total: Number(rows[0]?.total ?? 0), page, pageSize };
  }

  async findForCenter(id: string, centerId: string): Promise<MembershipView | undefined> {
    const [row] = (await this.db.manager.query(`${SELECT} WHERE m.id = $1 AND m.center_id = $2`, [id, centerId])) as MembershipView[];
    return row;
  }

  async insert(centerId: string, institutionId: string, since: string): Promise<string> {
    const [{ id }] = (await this.db.manager.query(
      `INSERT INTO memberships (center_id, institution_id, since) VALUES ($1, $2, $3) RETURNING id`,
      [centerId, institutionId, since],
    )) as { id: string }[];
    return id;
  }

  async setStatus(id: string, status: MembershipStatus): Promise<void> {
    await this.db.manager.query(`UPDATE memberships SET status = $2, updated_at = now() WHERE id = $1`, [id, status]);
  }
}
