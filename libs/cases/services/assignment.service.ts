import { Injectable } from '@nestjs/common';
import type { CaseDetail, CaseloadRow, MediatorChoice, MediatorProposal } from '@accord/contracts';
import { Database } from '@accord/core';
import { DirectoryService } from '@accord/organisations';
import { ConflictOfInterest, invalid, MediatorNotOffered, MediatorRecused, NotAllowed } from '../cases.errors';
import type { AssignCaseDto } from '../dto/case.dto';
import { CaseDetailRow, CaseRepository, NOW } from '../repositories/case.repository';
import { CaseSettingsRepository } from '../repositories/case-settings.repository';

/** How many mediators a consumer may choose from (the issue: up to three). */
const CONSUMER_CHOICES = 3;
import { CaseLifecycle } from './case-lifecycle.service';
import { CaseReading } from './case-reading.service';

/**
 * Who mediates a case (DOMAIN.md "Assignment"): proposals ranked by business-line expertise,
 * then the lightest open caseload, then availability; a mediator affiliated with the
 * respondent institution is never assignable, not even by override; recusal and reassignment.
 */
export function rankProposals(candidates: Omit<MediatorProposal, 'rank'>[]): MediatorProposal[] {
  const eligible = candidates
    .filter((c) => !c.conflictOfInterest && !c.recused && c.acceptingCases)
    .sort((a, b) => Number(b.expertiseMatch) - Number(a.expertiseMatch) || a.openCases - b.openCases || a.name.localeCompare(b.name, 'zh-CN'));
  const rest = candidates
    .filter((c) => !eligible.includes(c))
    .sort((a, b) => Number(a.conflictOfInterest) - Number(b.conflictOfInterest) || a.name.localeCompare(b.name, 'zh-CN'));
  return [...eligible.map((c, i) => ({ ...c, rank: i + 1 })), ...rest.map((c) => ({ ...c, rank: null }))];
}

@Injectable()
export class AssignmentService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseRepository,
    private readonly reading: CaseReading,
    private readonly lifecycle: CaseLifecycle,
    private readonly directory: DirectoryService,
    private readonly settings: CaseSettingsRepository,
  ) {}

  async proposals(caseId: string): Promise<{ items: MediatorProposal[] }> {
    const row = await this.reading.visible(caseId);
    if (this.db.scope.kind !== 'center') throw NotAllowed('see mediator proposals');
    return { items: await this.ranked(row) };
  }

  /**
   * The mediators a consumer may pick from on their consent link: the first three proposals
   * (never one affiliated with the respondent), or none when the center offers no choice.
   */
  async consumerChoices(caseId: string): Promise<MediatorChoice[]> {
    const row = await this.reading.visible(caseId);
    if (!(await this.settings.get(row.centerId)).consumerChoosesMediator) return [];
    return (await this.ranked(row))
      .filter((p) => p.rank !== null && p.rank <= CONSUMER_CHOICES)
      .map((p) => ({ mediatorId: p.mediatorId, name: p.name, expertise: p.expertise }));
  }

  /** The consumer's pick, which must be one of those offered; recorded on the case for intake. */
  async recordConsumerChoice(caseId: string, mediatorId: string): Promise<void> {
    const offered = await this.consumerChoices(caseId);
    if (!offered.some((m) => m.mediatorId === mediatorId)) throw MediatorNotOffered();
    await this.cases.setConsumerChoice(caseId, mediatorId);
  }

  private async ranked(row: CaseDetailRow): Promise<MediatorProposal[]> {
    const [mediators, open, recused] = await Promise.all([
      this.directory.mediators(row.centerId),
      this.cases.openCasesByMediator(row.centerId),
      this.cases.recusedMediators(row.id),
    ]);
    const candidates = mediators.map((m) => {
      const o = open.get(m.id);
      return {
        mediatorId: m.id,
        name: m.name,
        expertise: m.expertise,
        acceptingCases: m.acceptingCases,
        conflictOfInterest: m.affiliatedInstitutionId === row.institutionId,
        expertiseMatch: row.businessLine !== null && m.expertise.includes(row.businessLine),
        openCases: o ? o.assigned + o.scheduled + o.in_session + o.adjourned : 0,
        recused: recused.has(m.id),
        consumerChoice: m.id === row.consumerChosenMediatorId,
      };
    });
    return rankProposals(candidates);
  }

  async assign(caseId: string, dto: AssignCaseDto): Promise<CaseDetail> {
    const row = await this.reading.actionable(caseId, 'assign');
    const { items } = await this.proposals(caseId);
    const chosen = items.find((p) => p.mediatorId === dto.mediatorId);
    if (!chosen) throw invalid('mediatorId', 'not an active mediator of this center');
    if (chosen.conflictOfInterest) throw ConflictOfInterest();
    if (chosen.recused) throw MediatorRecused();
    // Anything but the first proposal or the consumer's own pick is an override, and an override says why.
    if (chosen.rank !== 1 && !chosen.consumerChoice && !dto.overrideReason) throw invalid('overrideReason', 'say why you are not taking the first proposal');
    return this.lifecycle.move(
      row,
      'assigned',
      {
        kind: 'assignment',
        body: dto.overrideReason ?? null,
        detail: { mediatorId: chosen.mediatorId, mediatorName: chosen.name, rank: chosen.rank, override: chosen.rank !== 1 && !chosen.consumerChoice, consumerChoice: chosen.consumerChoice },
      },
      { mediator_id: chosen.mediatorId, mediator_name: chosen.name, assigned_at: NOW },
    );
  }

  /** The mediator steps aside (or a party asked for a change): the case waits for another. */
  async recuse(caseId: string, reason: string) {
    const row = await this.reading.actionable(caseId, 'recuse');
    return this.lifecycle.moveAway(
      row,
      'accepted',
      { kind: 'assignment', body: reason, detail: { recusedMediatorId: row.mediatorId, recusedMediatorName: row.mediatorName } },
      { mediator_id: null, mediator_name: null, assigned_at: null },
    );
  }

  async caseload(): Promise<{ items: CaseloadRow[] }> {
    const centerId = this.db.scope.organisationId!;
    const [mediators, open] = await Promise.all([this.directory.mediators(centerId), this.cases.openCasesByMediator(centerId)]);
    return {
      items: mediators.map((m) => {
        const o = open.get(m.id) ?? { assigned: 0, scheduled: 0, in_session: 0, adjourned: 0, overdue: 0 };
        return {
          mediatorId: m.id,
          name: m.name,
          expertise: m.expertise,
          acceptingCases: m.acceptingCases,
          affiliatedInstitutionName: m.affiliatedInstitutionName,
          byStatus: { assigned: o.assigned, scheduled: o.scheduled, in_session: o.in_session, adjourned: o.adjourned },
          open: o.assigned + o.scheduled + o.in_session + o.adjourned,
          firstSessionOverdue: o.overdue,
        };
      }),
    };
  }
}
