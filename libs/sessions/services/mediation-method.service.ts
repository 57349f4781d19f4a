import { Injectable } from '@nestjs/common';
import { AuditService, Database, ForbiddenError } from '@accord/core';
import type { MethodStepDto } from '../dto/session-console.dto';
import { MediationMethodRepository, StepRow } from '../repositories/mediation-method.repository';
import { invalid, SessionStateConflict, StepNotFound } from '../sessions.errors';
import { SessionAccess } from './session-access.service';
import { SessionConsoleService } from './session-console.service';

/**
 * The center's mediation method (DOMAIN.md: centers teach a multi-step method): a checklist
 * the center keeps, each step ticked with a time in the session console.
 */
@Injectable()
export class MediationMethodService {
  constructor(
    private readonly db: Database,
    private readonly steps: MediationMethodRepository,
    private readonly access: SessionAccess,
    private readonly console: SessionConsoleService,
    private readonly audit: AuditService,
  ) {}

  async tick(sessionId: string, stepId: string, ticked: boolean) {
    const s = await this.access.runnable(sessionId);
    if (!['waiting', 'in_progress'].includes(s.status)) throw SessionStateConflict(s.status, 'ticked');
    const step = await this.steps.step(stepId, s.centerId);
    if (!step) throw StepNotFound();
    if (ticked) await this.steps.tick(sessionId, s.centerId, step, this.db.scope.userId);
    else await this.steps.untick(sessionId, step.id);
    return this.console.console(sessionId);
  }

  async method(): Promise<{ steps: StepRow[] }> {
    if (this.db.scope.kind !== 'center') throw new ForbiddenError('The mediation method belongs to a center');
    return { steps: await this.steps.steps(this.db.scope.organisationId!) };
  }

  /** Replaces the center's checklist; ticks already given keep the step's title as it was. */
  async saveMethod(steps: MethodStepDto[]) {
    if (this.db.scope.kind !== 'center') throw new ForbiddenError('The mediation method belongs to a center');
    const centerId = this.db.scope.organisationId!;
    const twice = steps.findIndex((step, i) => steps.findIndex((o) => o.title.trim() === step.title.trim()) !== i);
    if (twice >= 0) throw invalid(`steps.${twice}.title`, 'each step has its own title');
    // A step kept by title keeps its id (and its ticks).
    const kept = new Map((await this.steps.titles(centerId)).map((e) => [e.title, e.id]));
    const keep = steps.map((s) => kept.get(s.title)).filter((id): id is string => Boolean(id));
    await this.steps.replace(
      centerId,
      keep,
      steps.map((step) => ({ id: kept.get(step.title), title: step.title, hint: step.hint ?? null })),
    );
    await this.audit.record({ action: 'mediation-method.saved', subjectType: 'organisation', subjectId: centerId, detail: { steps: steps.length } });
    return this.method();
  }
}
