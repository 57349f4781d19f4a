import { Injectable } from '@nestjs/common';
import type { CaseDetail, CaseloadRow, MediatorProposal } from '@accord/contracts';
import { Database } from '@accord/core';
import { ConflictOfInterest, invalid, MediatorRecused, NotAllowed } from '../cases.errors';
import type { AssignCaseDto } from '../dto/case.dto';
import { CaseRepository, NOW } from '../repositories/case.repository';
import { CaseService } from './case.service';

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
    private readonly caseService: CaseService,
  ) {}

  async proposals(caseId: string): Promise<{ items: MediatorProposal[] }> {
    const row = await this.caseService.visible(caseId);
    if (this.db.scope.kind !== 'center') throw NotAllowed('see mediator proposals');
    const candidates = await this.cases.mediatorCandidates(row.centerId, row.id, row.institutionId, row.businessLine);
    return { items: rankProposals(candidates) };
  }

  async assign(caseId: string, dto: AssignCaseDto): Promise<CaseDetail> {
    const row = await this.caseService.actionable(caseId, 'assign');
    const { items } = await this.proposals(caseId);
    const chosen = items.find((p) => p.mediatorId === dto.mediatorId);
    if (!chosen) throw invalid('mediatorId', 'not an active mediator of this center');
    if (chosen.conflictOfInterest) throw ConflictOfInterest();
    if (chosen.recused) throw MediatorRecused();
    // Anything but the first proposal is an override, and an override says why.
    if (chosen.rank !== 1 && !dto.overrideReason) throw invalid('overrideReason', 'say why you are not taking the first proposal');
    return this.caseService.move(
      row,
      'assigned',
      {
        kind: 'assignment',
        body: dto.overrideReason ?? null,
        detail: { mediatorId: chosen.mediatorId, mediatorName: chosen.name, rank: chosen.rank, override: chosen.rank !== 1 },
      },
      { mediator_id: chosen.mediatorId, mediator_name: chosen.name, assigned_at: NOW },
    );
  }

  /** The mediator steps aside (or a party asked for a change): the case waits for another. */
  async recuse(caseId: string, reason: string) {
    const row = await this.caseService.actionable(caseId, 'recuse');
    return this.caseService.moveAway(
      row,
      'accepted',
      { kind: 'assignment', body: reason, detail: { recusedMediatorId: row.mediatorId, recusedMediatorName: row.mediatorName } },
      { mediator_id: null, mediator_name: null, assigned_at: null },
    );
  }

  async caseload(): Promise<{ items: CaseloadRow[] }> {
    const rows = await this.cases.caseload(this.db.scope.organisationId!);
    return {
      items: rows.map((r) => ({
        mediatorId: r.mediatorId as string,
        name: r.name as string,
        expertise: r.expertise as string[],
        acceptingCases: r.acceptingCases as boolean,
        affiliatedInstitutionName: (r.affiliatedInstitutionName as string | null) ?? null,
        byStatus: { assigned: r.assigned as number, scheduled: r.scheduled as number, in_session: r.in_session as number, adjourned: r.adjourned as number },
        open: (r.assigned as number) + (r.scheduled as number) + (r.in_session as number) + (r.adjourned as number),
        firstSessionOverdue: r.overdue as number,
      })),
    };
  }
}
