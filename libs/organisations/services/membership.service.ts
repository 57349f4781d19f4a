import { Injectable } from '@nestjs/common';
import { rooms } from '@accord/contracts';
import type { MembershipStatus } from '@accord/contracts';
import { AuditService, Database, OutboxService } from '@accord/core';
import { CreateMembershipDto } from '../dto/organisation.dto';
import { invalidField, isUniqueViolation, MembershipExists, MembershipNotFound } from '../organisations.errors';
import { MembershipRepository } from '../repositories/membership.repository';
import { OrganisationRepository } from '../repositories/organisation.repository';

@Injectable()
export class MembershipService {
  constructor(
    private readonly db: Database,
    private readonly memberships: MembershipRepository,
    private readonly organisations: OrganisationRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  list(page: number, pageSize: number) {
    return this.memberships.list(page, pageSize);
  }

  /** A center admits an institution as a member. */
  async create(dto: CreateMembershipDto) {
    const centerId = this.db.scope.organisationId!;
    const institution = await this.organisations.findVisible(dto.institutionId);
    if (institution?.kind !== 'institution') throw invalidField('institutionId', 'not an institution');
    let id: string;
    try {
      id = await this.memberships.insert(centerId, dto.institutionId, dto.since);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_memberships_center_institution')) throw MembershipExists();
      throw error;
    }
    await this.changed(id, dto.institutionId, 'active', 'membership.created');
    return (await this.memberships.findForCenter(id, centerId))!;
  }

  async setStatus(id: string, status: MembershipStatus) {
    const centerId = this.db.scope.organisationId!;
    const found = await this.memberships.findForCenter(id, centerId);
    if (!found) throw MembershipNotFound();
    if (found.status === status) return found;
    await this.memberships.setStatus(id, status);
    await this.changed(id, found.institutionId, status, 'membership.status-changed');
    return { ...found, status };
  }

  private async changed(id: string, institutionId: string, status: MembershipStatus, action: string): Promise<void> {
    const centerId = this.db.scope.organisationId!;
    await this.audit.record({ action, subjectType: 'membership', subjectId: id, detail: { institutionId, status } });
    await this.outbox.add({
      type: 'membership.changed',
      rooms: [rooms.organisation(centerId), rooms.organisation(institutionId)],
      payload: { membershipId: id, status },
      job: 'notifications.membership-changed',
    });
  }
}
