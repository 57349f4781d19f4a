import { Injectable } from '@nestjs/common';
import { AuditService, Database } from '@accord/core';
import type { CaseSettingsDto, ConsumerChoiceSettingsDto, RetentionSettingsDto } from '../dto/case.dto';
import { CaseSettingsRepository, CaseSettingsView } from '../repositories/case-settings.repository';

export type { CaseSettingsView };

/** A center's published time limits and small-claims threshold; defaults until it sets its own. */
@Injectable()
export class CaseSettingsService {
  constructor(
    private readonly db: Database,
    private readonly settings: CaseSettingsRepository,
    private readonly audit: AuditService,
  ) {}

  get(): Promise<CaseSettingsView> {
    return this.settings.get(this.db.scope.organisationId!);
  }

  async save(dto: CaseSettingsDto): Promise<CaseSettingsView> {
    await this.settings.save(this.db.scope.organisationId!, dto);
    await this.audit.record({ action: 'case-settings.saved', subjectType: 'case-settings', detail: { ...dto } });
    return this.get();
  }

  /** Whether consumers pick their mediator (from up to three proposals) on their consent link. */
  async saveConsumerChoice(dto: ConsumerChoiceSettingsDto): Promise<CaseSettingsView> {
    await this.settings.saveConsumerChoice(this.db.scope.organisationId!, dto.enabled);
    await this.audit.record({ action: 'case-settings.consumer-choice-saved', subjectType: 'case-settings', detail: { result: dto.enabled } });
    return this.get();
  }

  /** The retention of closed cases' personal data; the next daily erasure run applies it. */
  async saveRetention(dto: RetentionSettingsDto): Promise<CaseSettingsView> {
    await this.settings.saveRetention(this.db.scope.organisationId!, dto.closedRetentionMonths);
    await this.audit.record({ action: 'case-settings.retention-saved', subjectType: 'case-settings', detail: { retentionMonths: dto.closedRetentionMonths } });
    return this.get();
  }
}
