import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { caseRooms } from '@accord/contracts';
import type { CaseDetail } from '@accord/contracts';
import { AuditService, CalendarService, canonicalJson, CalendarYearMissingError, Database, FieldError, hasRole, PiiVault, shanghaiDate, ValidationFailedError } from '@accord/core';
import { DirectoryService } from '@accord/organisations';
import { CaseNotFound, ConsentAwaited, ConsentClosed, IdempotencyKeyReused, IdempotentRequestInProgress, IllegalTransitionError, invalid, isUniqueViolation, NotAllowed, VersionConflict } from '../cases.errors';
import type { CreateCaseDto, UpdateCaseDto } from '../dto/case.dto';
import { branchLevels, CaseDetailRow, CaseRepository } from '../repositories/case.repository';
import { CaseSettingsRepository } from '../repositories/case-settings.repository';
import { FiledRow, FilingRepository } from '../repositories/filing.repository';
import { CaseLifecycle } from './case-lifecycle.service';
import { CaseReading } from './case-reading.service';
import { toDetail } from './case-view';
import { assertSubmittable, intakeClock, referralValues } from './referral-values';

/**
 * Referrals on the bank's side (DOMAIN.md "Filing"): filing (by hand, by API with an
 * Idempotency-Key, or in bulk), editing a draft or a returned referral, submitting, discarding.
 */
@Injectable()
export class CaseFiling {
  constructor(
    private readonly db: Database,
    private readonly reading: CaseReading,
    private readonly lifecycle: CaseLifecycle,
    private readonly cases: CaseRepository,
    private readonly filing: FilingRepository,
    private readonly settings: CaseSettingsRepository,
    private readonly directory: DirectoryService,
    private readonly vault: PiiVault,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
  ) {}

  /** `commit`: the filing is the request's last write and commits with its final statement. */
  async file(dto: CreateCaseDto, idempotencyKey: string | undefined, commit = false): Promise<{ created: boolean; detail: CaseDetail }> {
    const scope = this.db.scope;
    const isRegulator = scope.kind === 'regulator';
    if (isRegulator && !dto.institutionId) throw invalid('institutionId', 'a regulator referral names the respondent institution');
    if (!isRegulator && dto.institutionId && dto.institutionId !== scope.organisationId) throw invalid('institutionId', 'a bank files for itself');
    // A regulator refers at once: its drafts would be invisible to itself (drafts are the bank's).
    if (isRegulator && dto.submit === false) throw invalid('submit', 'a regulator referral is filed at once, not saved as a draft');
    const institutionId = isRegulator ? dto.institutionId! : scope.organisationId!;
    const branchId = dto.branchId ?? (this.pinnedBranch());
    if (!branchId) throw invalid('branchId', 'choose the branch that handled the complaint');
    const key = idempotencyKey ?? null;
    const hash = key ? createHash('sha256').update(canonicalJson(dto)).digest() : null;
    const today = shanghaiDate(new Date());
    const ctx = await this.filing.context(dto.centerId, institutionId, branchId, today, key);
    if (ctx.existing) {
      if (ctx.existing.hash !== hash!.toString('hex')) throw IdempotencyKeyReused();
      return { created: false, detail: await this.reading.get(ctx.existing.id) };
    }
    if (!ctx.centerCode) throw invalid('centerId', 'no such center');
    if (!ctx.member) throw invalid('centerId', 'the institution is not an active member of this center');
    if (!ctx.branchPath) throw invalid('branchId', 'not a branch you may file for');

    const submit = dto.submit ?? true;
    const id = randomUUID();
    const values = referralValues(this.vault, id, dto, { ...ctx, branchPath: ctx.branchPath }, branchId);
    Object.assign(values, {
      centerId: dto.centerId,
      institutionId,
      createdByOrganisationId: scope.organisationId!,
      idempotencyKey: key,
      idempotencyHash: hash,
      source: isRegulator ? 'regulator_referral' : 'branch_referral',
    });
    if (submit) {
      assertSubmittable(values, dto.consentGiven === true);
      Object.assign(values, intakeClock(values.track, ctx, today));
    }
    let row: FiledRow;
    try {
      row = await this.filing.insert(values, submit ? { year: Number(today.slice(0, 4)), prefix: ctx.centerCode } : null, {
        type: 'case.updated',
        rooms: caseRooms({ id, centerId: dto.centerId, institutionId, branchPath: ctx.branchPath }),
        job: 'cases.notify-parties',
      }, commit);
    } catch (error) {
      // Two requests with one key at once: the second waits on the first's unique entry.
      if (isUniqueViolation(error, 'uq_cases_idempotency')) throw IdempotentRequestInProgress();
      throw error;
    }
    // The insert answered the row itself and committed: nothing may touch the database now.
    return { created: true, detail: toDetail(row, today, scope, row.repeatCandidates) };
  }

  async update(id: string, dto: UpdateCaseDto): Promise<CaseDetail> {
    const row = await this.editable(id);
    const { smallClaimsMaxFen } = await this.settings.get(row.centerId);
    const values = referralValues(this.vault, id, dto, { branchPath: row.branchPath, smallClaimsMaxFen: String(smallClaimsMaxFen) }, dto.branchId ?? row.branchId, true);
    if (dto.branchId && dto.branchId !== row.branchId) {
      const path = (await this.directory.branch(row.institutionId, dto.branchId))?.path;
      if (!path) throw invalid('branchId', 'not a branch you may file for');
      Object.assign(values, { branchPath: path, ...branchLevels(path) });
    }
    if (!(await this.filing.update(id, dto.version, values))) throw VersionConflict(row.version);
    // A returned referral's corrections are part of the case's story; a draft's are not yet.
    if (row.status === 'returned') {
      const fields = Object.keys(dto).filter((k) => k !== 'version');
      await this.cases.addEvent(row, { kind: 'edited', detail: { fields } });
    }
    await this.lifecycle.changed(row, 'edited', { kind: 'edited' });
    return this.reading.get(id);
  }

  async submit(id: string): Promise<CaseDetail> {
    const row = await this.editable(id);
    this.assertComplete(row, true);
    return this.submitRow(row);
  }

  /**
   * The branch asks the consumer by link (libs/consent sends it): a draft complete but for the
   * consumer's consent waits for their answer, frozen. Asking again (a new link) keeps it waiting.
   */
  async awaitConsent(id: string): Promise<CaseDetailRow> {
    const row = await this.reading.visible(id);
    this.assertFiler();
    if (row.status !== 'draft') throw new IllegalTransitionError(row.status, 'sent for the consumer\'s consent');
    if (row.consentState === 'declined' || row.consentState === 'expired') throw ConsentClosed(row.consentState);
    this.assertComplete(row, false);
    if (row.consentState !== 'awaiting' && !(await this.filing.setConsentState(id, row.consentState, 'awaiting'))) throw VersionConflict(row.version);
    return row;
  }

  /** The branch takes the request back (the consumer is at the counter after all, or the draft needs a change). */
  async cancelConsent(id: string): Promise<CaseDetailRow> {
    const row = await this.reading.visible(id);
    this.assertFiler();
    if (row.status !== 'draft' || row.consentState !== 'awaiting') throw new IllegalTransitionError(row.status, 'withdrawn from the consumer');
    if (!(await this.filing.setConsentState(id, 'awaiting', null))) throw VersionConflict(row.version);
    return row;
  }

  /**
   * The consumer answered by link, or the link expired (the system's scope: the consumer has
   * none). Given: the referral goes to the center now, as if the branch submitted it. Declined or
   * expired: the draft is closed for good; the branch hears it live and by webhook. False when the
   * draft no longer waits (answered or cancelled first).
   */
  async consentAnswered(id: string, answer: 'given' | 'declined' | 'expired', detail: Record<string, unknown> = {}): Promise<boolean> {
    const row = await this.cases.findVisible(id);
    if (!row || row.status !== 'draft' || row.consentState !== 'awaiting') return false;
    if (!(await this.filing.setConsentState(id, 'awaiting', answer))) return false;
    if (answer === 'given') {
      // The consumer's answer moved it: the timeline says so, not "system".
      await this.submitRow({ ...row, consentState: 'given' }, { via: 'consumer_link' }, 'consent_given');
      return true;
    }
    await this.lifecycle.changed(row, `consent_${answer}`, { kind: 'consent', detail });
    return true;
  }

  private assertComplete(row: CaseDetailRow, withConsent: boolean): void {
    const fields = [
      !row.businessLine && 'businessLine',
      !row.disputeType && 'disputeType',
      !row.consumerSealed && 'consumer',
      !row.facts.trim() && 'facts',
      !row.claims.trim() && 'claims',
      withConsent && !row.consentAt && 'consentGiven',
    ].filter(Boolean) as string[];
    if (fields.length) {
      throw new ValidationFailedError(fields.map((f) => new FieldError(f, f === 'consentGiven' ? 'the consumer must consent to mediation' : 'required to submit')));
    }
  }

  private async submitRow(row: CaseDetailRow, detail?: Record<string, unknown>, change = 'submitted'): Promise<CaseDetail> {
    const id = row.id;
    const today = shanghaiDate(new Date());
    const clock = await this.intakeClockFor(row.centerId, row.track, today);
    const number = await this.filing.submit(id, row.status as 'draft' | 'returned', row.centerId, Number(today.slice(0, 4)), row.centerCode!, clock.intakeDueOn, clock.clockProblem);
    if (!number) throw new IllegalTransitionError((await this.cases.currentStatus(id))!, 'submitted');
    await this.cases.addEvent(row, { kind: 'transition', fromStatus: row.status, toStatus: 'submitted', detail });
    await this.lifecycle.changed(row, change, { kind: 'transition' }, 'submitted');
    return this.reading.get(id);
  }

  async discard(id: string): Promise<void> {
    const row = await this.reading.visible(id);
    if (row.status !== 'draft') throw new IllegalTransitionError(row.status, 'discarded');
    if (!(await this.filing.discard(id))) throw CaseNotFound();
    await this.audit.record({ action: 'case.draft-discarded', subjectType: 'case', subjectId: id });
  }

  private async editable(id: string): Promise<CaseDetailRow> {
    const row = await this.reading.visible(id);
    this.assertFiler();
    if (row.status !== 'draft' && row.status !== 'returned') throw new IllegalTransitionError(row.status, 'edited');
    if (row.status === 'draft' && row.consentState === 'awaiting') throw ConsentAwaited();
    if (row.status === 'draft' && row.consentState) throw ConsentClosed(row.consentState);
    return row;
  }

  private assertFiler(): void {
    if (this.db.scope.kind !== 'institution' || !hasRole(this.db.scope, 'complaint_handler', 'branch_manager', 'institution_admin')) {
      throw NotAllowed('edit the referral');
    }
  }

  /** A user pinned to a branch files for that branch unless they name one below it. */
  private pinnedBranch(): string | null {
    const scope = this.db.scope;
    if (!scope.branchPath) return null;
    return scope.branchPath.split('/').filter(Boolean).at(-1) ?? null;
  }

  private async intakeClockFor(centerId: string, track: string, today: string) {
    const s = await this.settings.get(centerId);
    try {
      const days = track === 'small_claims' ? s.smallClaimsContactDays : s.intakeDays;
      return { intakeDueOn: await this.calendar.addWorkingDays(centerId, today, days), clockProblem: null };
    } catch (error) {
      if (error instanceof CalendarYearMissingError) return { intakeDueOn: null, clockProblem: error.code };
      throw error;
    }
  }
}
