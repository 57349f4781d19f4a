import { Injectable } from '@nestjs/common';
import { caseRooms, JUDICIAL_WINDOW_DAYS, timelineMessage } from '@accord/contracts';
import type { JudicialConfirmationView, JudicialResult } from '@accord/contracts';
import { AuditService, Database, FieldError, hasRole, NotFoundError, OutboxService, shanghaiDate, ValidationFailedError } from '@accord/core';
import { CaseLifecycle, CaseReading } from '@accord/cases';
import type { JudicialConfirmationDto } from '../dto/outcome.dto';
import { JudicialRepository } from '../repositories/judicial.repository';
import type { CaseOwners } from '../repositories/outcome.repository';

const JudicialNotFound = () => new NotFoundError('Judicial confirmation', 'JUDICIAL_CONFIRMATION_NOT_FOUND');

const DAY_MS = 86400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * Judicial confirmation (司法确认, DOMAIN.md): within 30 days of the agreement taking effect the
 * parties may jointly apply to a court. The row is opened when the agreement is signed; the
 * center records whether they apply, the court, the date and the court's answer. The window is
 * a clock the case page shows, with reminders from delayed jobs.
 */
@Injectable()
export class JudicialService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseReading,
    private readonly caseLifecycle: CaseLifecycle,
    private readonly judicial: JudicialRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The agreement took effect (its last signature, `effectiveOn` a Shanghai day): the window
   * opens, in the signing transaction, and its reminders are planned from the worker.
   */
  async open(c: CaseOwners, effectiveOn: string): Promise<void> {
    await this.judicial.open(c, effectiveOn, JUDICIAL_WINDOW_DAYS);
    await this.outbox.add({ type: 'case.judicial-window-opened', rooms: [], payload: { caseId: c.id }, job: 'outcomes.plan-reminders' });
  }

  async get(caseId: string): Promise<JudicialConfirmationView> {
    const row = await this.cases.visible(caseId);
    return this.view(row.id);
  }

  async record(caseId: string, dto: JudicialConfirmationDto): Promise<JudicialConfirmationView> {
    const row = await this.cases.visible(caseId);
    const scope = this.db.scope;
    if (scope.kind !== 'center') throw JudicialNotFound();
    if (row.mediatorId !== scope.userId && !hasRole(scope, 'center_admin', 'intake_officer')) throw JudicialNotFound();
    const current = await this.view(row.id);
    const today = shanghaiDate(new Date());
    const errors: FieldError[] = [];
    const result: JudicialResult | null = dto.applying ? (dto.result ?? 'pending') : null;
    if (dto.applying) {
      if (!dto.court?.trim()) errors.push(new FieldError('court', 'name the court applied to'));
      if (!dto.appliedOn) errors.push(new FieldError('appliedOn', 'give the date of the application'));
      else if (dto.appliedOn < current.effectiveOn) errors.push(new FieldError('appliedOn', `must not be before the agreement took effect (${current.effectiveOn})`));
      else if (dto.appliedOn > today) errors.push(new FieldError('appliedOn', 'must not be in the future'));
      else if (dto.appliedOn > current.windowEndsOn) errors.push(new FieldError('appliedOn', `the 30-day window closed on ${current.windowEndsOn}`));
      if (result === 'pending' && dto.resultOn) errors.push(new FieldError('resultOn', 'only once the court has decided'));
      if (result !== 'pending') {
        if (!dto.resultOn) errors.push(new FieldError('resultOn', "give the date of the court's decision"));
        else if (dto.resultOn > today) errors.push(new FieldError('resultOn', 'must not be in the future'));
        else if (dto.appliedOn && dto.resultOn < dto.appliedOn) errors.push(new FieldError('resultOn', 'must not be before the application'));
      }
    } else {
      for (const f of ['court', 'appliedOn', 'result', 'resultOn'] as const) if (dto[f] !== undefined && dto[f] !== null) errors.push(new FieldError(f, 'only when the parties apply'));
    }
    if (errors.length) throw new ValidationFailedError(errors);
    await this.judicial.record(row.id, {
      applying: dto.applying,
      court: dto.applying ? dto.court!.trim() : null,
      appliedOn: dto.applying ? (dto.appliedOn ?? null) : null,
      result,
      resultOn: result && result !== 'pending' ? (dto.resultOn ?? null) : null,
      note: dto.note?.trim() || null,
      updatedBy: scope.userId ?? null,
    });
    const body = dto.applying
      ? `司法确认：${dto.court!.trim()}，${dto.appliedOn} 申请${result === 'confirmed' ? `，${dto.resultOn} 裁定确认有效` : result === 'refused' ? `，${dto.resultOn} 裁定驳回` : ''}`
      : '双方不申请司法确认';
    await this.caseLifecycle.note(row, { kind: 'outcome', body, detail: {
        judicial: { applying: dto.applying, result },
        ...(dto.applying
          ? timelineMessage('judicialApplied', { court: dto.court!.trim(), appliedOn: dto.appliedOn!, result: result ?? 'pending', resultOn: dto.resultOn ?? null })
          : timelineMessage('judicialDeclined', {})),
      },
    });
    await this.outbox.add({ type: 'case.updated', rooms: caseRooms(row), payload: { caseId: row.id, centerId: row.centerId, status: row.status, change: 'judicial_confirmation' } });
    // A confirmation counts in the statistics (on the court's result day): the worker recounts the case's buckets.
    await this.outbox.add({ type: 'statistics.stale', payload: { caseId: row.id }, job: 'statistics.refresh-case' });
    await this.audit.record({ action: 'case.judicial-confirmation', subjectType: 'case', subjectId: row.id, detail: { caseNumber: row.caseNumber, applying: dto.applying, result } });
    return this.view(row.id);
  }

  private async view(caseId: string): Promise<JudicialConfirmationView> {
    const j = await this.judicial.view(caseId);
    if (!j) throw JudicialNotFound();
    const left = daysBetween(shanghaiDate(new Date()), j.windowEndsOn);
    const state = j.applying === true ? 'applied' : j.applying === false ? 'declined' : left < 0 ? 'closed' : left <= 7 ? 'closing' : 'open';
    return { ...j, daysLeft: j.applying === null ? left : null, state };
  }
}
