import { Injectable } from '@nestjs/common';
import type { BranchLevel } from '@accord/contracts';
import { Database } from '@accord/core';

export interface BranchView {
  id: string;
  parentId: string | null;
  name: string;
  level: BranchLevel;
  code: string;
  path: string;
}

const COLUMNS = `id, parent_id AS "parentId", name, level, code, path`;

@Injectable()
export class BranchRepository {
  constructor(private readonly db: Database) {}

  /** The tree in path order, limited to the caller's subtree when pinned. */
  async tree(institutionId: string, subtreePath: string): Promise<BranchView[]> {
    return (await this.db.manager.query(
      `SELECT ${COLUMNS} FROM branches WHERE institution_id = $1 AND path LIKE $2 || '%' ORDER BY path LIMIT 5000`,
      [institutionId, subtreePath],
    )) as BranchView[];
  }

  async find(id: string, institutionId: string): Promise<BranchView | undefined> {
    const [row] = (await this.db.manager.query(`SELECT ${COLUMNS} FROM branches WHERE id = $1 AND institution_id = $2`, [
      id,
      institutionId,
    ])) as BranchView[];
    return row;
  }

  /** Whether the institution is an active member of one of these centers (whose staff may then read its tree). */
  async isActiveMember(institutionId: string, centerIds: string[]): Promise<boolean> {
    const [member] = (await this.db.manager.query(
      `SELECT 1 FROM memberships WHERE institution_id = $1 AND center_id = ANY($2::uuid[]) AND status = 'active' LIMIT 1`,
      [institutionId, centerIds],
    )) as unknown[];
    return Boolean(member);
  }

  async insert(b: { id: string; institutionId: string; parentId: string | null; level: BranchLevel; name: string; code: string; path: string }): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO branches (id, institution_id, parent_id, level, name, code, path) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [b.id, b.institutionId, b.parentId, b.level, b.name, b.code, b.path],
    );
  }
}
