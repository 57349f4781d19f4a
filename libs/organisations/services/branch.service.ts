import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { BRANCH_LEVELS } from '@accord/contracts';
import { AuditService, Database } from '@accord/core';
import { CreateBranchDto } from '../dto/organisation.dto';
import { CodeTaken, invalidField, isUniqueViolation, OrganisationNotFound } from '../organisations.errors';
import { BranchRepository } from '../repositories/branch.repository';

@Injectable()
export class BranchService {
  constructor(
    private readonly db: Database,
    private readonly branches: BranchRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * An institution reads its own tree (a pinned user its subtree). A center or a regulator
   * reads a member institution's tree — to filter its queue, or to refer a complaint (监管转办).
   */
  async tree(institutionId?: string) {
    const { kind, organisationId, branchPath, centerIds } = this.db.scope;
    if (kind === 'institution') {
      const items = await this.branches.tree(organisationId!, branchPath);
      return { items: items.map(({ path: _p, ...b }) => b) };
    }
    if (!institutionId) throw invalidField('institutionId', 'choose the institution whose branches to list');
    const centers = kind === 'center' ? [organisationId!] : centerIds;
    if (!(await this.branches.isActiveMember(institutionId, centers))) throw OrganisationNotFound();
    const items = await this.branches.tree(institutionId, '');
    return { items: items.map(({ path: _p, ...b }) => b) };
  }

  async createHeadOffice(institutionId: string, institutionName: string): Promise<string> {
    const id = randomUUID();
    await this.branches.insert({ id, institutionId, parentId: null, level: 'head_office', name: `${institutionName}总行`, code: 'HO', path: `/${id}/` });
    return id;
  }

  /** Adds a node below an existing one; a child sits at a deeper level than its parent. */
  async create(dto: CreateBranchDto) {
    const institutionId = this.db.scope.organisationId!;
    const parent = await this.branches.find(dto.parentId, institutionId);
    if (!parent) throw invalidField('parentId', 'not a branch of your institution');
    if (BRANCH_LEVELS.indexOf(dto.level) <= BRANCH_LEVELS.indexOf(parent.level)) {
      throw invalidField('level', `a ${dto.level} cannot sit under a ${parent.level}`);
    }
    const id = randomUUID();
    try {
      await this.branches.insert({ id, institutionId, parentId: parent.id, level: dto.level, name: dto.name, code: dto.code, path: `${parent.path}${id}/` });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_branches_institution_code')) throw CodeTaken('code');
      throw error;
    }
    await this.audit.record({ action: 'branch.created', subjectType: 'branch', subjectId: id, detail: { name: dto.name, level: dto.level } });
    return { id, parentId: parent.id, name: dto.name, level: dto.level, code: dto.code };
  }
}
