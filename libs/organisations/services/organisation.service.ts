import { Injectable } from '@nestjs/common';
import { ADMIN_ROLE_BY_KIND, rooms } from '@accord/contracts';
import { AuditService, CalendarService, Database, ForbiddenError, OutboxService } from '@accord/core';
import { CreateOrganisationDto, ListOrganisationsQuery } from '../dto/organisation.dto';
import { CodeTaken, invalidField, isUniqueViolation, OrganisationNotFound } from '../organisations.errors';
import { OrganisationRepository } from '../repositories/organisation.repository';
import { BranchService } from './branch.service';
import { UserService } from './user.service';

@Injectable()
export class OrganisationService {
  constructor(
    private readonly db: Database,
    private readonly organisations: OrganisationRepository,
    private readonly users: UserService,
    private readonly branches: BranchService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly calendar: CalendarService,
  ) {}

  /** An institution admin requires a second factor of all the institution's users (admins always need one). */
  async setSecondFactorPolicy(required: boolean) {
    if (!(await this.organisations.setSecondFactorPolicy(required))) throw new ForbiddenError('Only an institution sets this policy', 'INSTITUTION_ONLY');
    await this.audit.record({ action: 'organisation.second-factor-policy', subjectType: 'organisation', subjectId: this.db.scope.organisationId!, detail: { required } });
    return { required };
  }

  list(query: ListOrganisationsQuery) {
    return this.organisations.list(query.kind, query.q, query.page, query.pageSize);
  }

  async get(id: string) {
    const found = await this.organisations.findVisible(id);
    if (!found) throw OrganisationNotFound();
    return found;
  }

  /** The platform admin creates a center, institution or regulator with its first admin. */
  async create(dto: CreateOrganisationDto) {
    const centerIds = dto.kind === 'regulator' ? (dto.jurisdictionCenterIds ?? []) : [];
    if (dto.kind !== 'regulator' && dto.jurisdictionCenterIds?.length) {
      throw invalidField('jurisdictionCenterIds', 'only regulators have a jurisdiction');
    }
    if (centerIds.length && (await this.organisations.countCenters(centerIds)) !== centerIds.length) {
      throw invalidField('jurisdictionCenterIds', 'every id must be an existing center');
    }
    let id: string;
    try {
      id = await this.organisations.insert({ kind: dto.kind, name: dto.name, code: dto.kind === 'center' ? dto.code : undefined, regionCode: dto.regionCode });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_organisations_code')) throw CodeTaken('code');
      throw error;
    }
    await this.organisations.addJurisdiction(id, centerIds);
    if (dto.kind === 'institution') await this.branches.createHeadOffice(id, dto.name);
    if (dto.kind === 'center') await this.calendar.seedCenter(id);
    const admin = await this.users.createIn(id, { ...dto.admin, roles: [ADMIN_ROLE_BY_KIND[dto.kind]] });
    await this.audit.record({ action: 'organisation.created', subjectType: 'organisation', subjectId: id, detail: { kind: dto.kind, name: dto.name, adminId: admin.id } });
    await this.outbox.add({ type: 'organisation.changed', rooms: [rooms.organisation(this.db.scope.organisationId!)], payload: { organisationId: id } });
    return this.get(id);
  }
}
