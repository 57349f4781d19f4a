import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { canTransition, caseRooms, rooms } from '@accord/contracts';
import type { CaseDetail, CaseEventView, CaseListItem, CaseStatus, ConsumerIdentityView, Outcome, Page } from '@accord/contracts';
import {
  addWorkingDays,
  AuditService,
  CalendarService,
  CalendarYearMissingError,
  Database,
  FieldError,
  hasRole,
  isValidMobile,
  isValidResidentId,
  maskIdNumber,
  maskName,
  maskPhone,
  normaliseIdNumber,
  normalisePhone,
  OutboxService,
  PiiVault,
  shanghaiDate,
  ValidationFailedError,
} from '@accord/core';
import {
  CaseNotFound,
  IdempotencyKeyReused,
  IdempotentRequestInProgress,
  IllegalTransitionError,
  invalid,
  isUniqueViolation,
  NotAllowed,
  VersionConflict,
} from '../cases.errors';
import type { CaseFieldsDto, ChangeTrackDto, CommentDto, CreateCaseDto, ListCasesQuery, RejectCaseDto, UpdateCaseDto } from '../dto/case.dto';
import { branchLevels, CaseDetailRow, CaseRepository, NOW } from '../repositories/case.repository';
import { CaseValues, FiledRow, FilingRepository } from '../repositories/filing.repository';
import { allowedActions, mayRevealConsumer, toDetail, toListItem } from './case-view';

const NOTIFIED = new Set<CaseStatus>(['submitted', 'returned', 'rejected', 'accepted', 'assigned', 'withdrawn']);

/** The fields a submission cannot do without (a draft may lack any of them). */
const REQUIRED_TO_SUBMIT: (keyof CaseValues)[] = ['businessLine', 'disputeType', 'consumerSealed', 'facts', 'claims'];

/**
 * Referrals and the case lifecycle (DOMAIN.md "The case and its life"): filing, editing and
 * resubmitting on the bank's side; intake review on the center's; one state machine whose
 * every move lands in the timeline and the outbox in the same transaction.
 */
@Injectable()
export class CaseService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseRepository,
    private readonly filing: FilingRepository,
    private readonly vault: PiiVault,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  // ── Filing ────────────────────────────────────────────────────────────────────────────

  /** `commit`: the filing is the request's last write and commits with its final statement. */
  async file(dto: CreateCaseDto, idempotencyKey: string | undefined, commit = false): Promise<{ created: boolean; detail: CaseDetail }> {
    const scope = this.db.scope;
    const isRegulator = scope.kind === 'regulator';
    if (isRegulator && !dto.institutionId) throw invalid('institutionId', 'a regulator referral names the respondent institution');
    if (!isRegulator && dto.institutionId && dto.institutionId !== scope.organisationId) throw invalid('institutionId', 'a bank files for itself');
    // A regulator refers at once: its drafts would be invisible to itself (drafts are the bank's).
    if (isRegulator && dto.submit === false) throw invalid('submit', 'a regulator referral is filed at once, not saved as a draft');
    const institutionId = isRegulator ? dto.institutionId! : scope.organisationId!;
    const branchId = dto.branchId ?? (await this.pinnedBranch());
    if (!branchId) throw invalid('branchId', 'choose the branch that handled the complaint');
    const key = idempotencyKey ?? null;
    const hash = key ? createHash('sha256').update(JSON.stringify(dto)).digest() : null;
    const today = shanghaiDate(new Date());
    const ctx = await this.filing.context(dto.centerId, institutionId, branchId, today, key);
    if (ctx.existing) {
      if (ctx.existing.hash !== hash!.toString('hex')) throw IdempotencyKeyReused();
      return { created: false, detail: await this.get(ctx.existing.id) };
    }
    if (!ctx.centerCode) throw invalid('centerId', 'no such center');
    if (!ctx.member) throw invalid('centerId', 'the institution is not an active member of this center');
    if (!ctx.branchPath) throw invalid('branchId', 'not a branch you may file for');

    const submit = dto.submit ?? true;
    const id = randomUUID();
    const values = this.values(id, dto, { ...ctx, branchPath: ctx.branchPath }, branchId);
    Object.assign(values, {
      centerId: dto.centerId,
      institutionId,
      createdByOrganisationId: scope.organisationId!,
      idempotencyKey: key,
      idempotencyHash: hash,
      source: isRegulator ? 'regulator_referral' : 'branch_referral',
    });
    if (submit) {
      this.assertSubmittable(values, dto.consentGiven === true);
      Object.assign(values, this.intakeClock(values.track, ctx, today));
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
    const values = this.values(id, dto, { branchPath: row.branchPath, smallClaimsMaxFen: await this.smallClaimsMax(row.centerId) }, dto.branchId ?? row.branchId, true);
    if (dto.branchId && dto.branchId !== row.branchId) {
      const [branch] = (await this.db.manager.query(`SELECT path FROM branches WHERE id = $1 AND institution_id = $2`, [dto.branchId, row.institutionId])) as {
        path: string;
      }[];
      if (!branch) throw invalid('branchId', 'not a branch you may file for');
      Object.assign(values, { branchPath: branch.path, ...branchLevels(branch.path) });
    }
    if (!(await this.filing.update(id, dto.version, values))) throw VersionConflict(row.version);
    // A returned referral's corrections are part of the case's story; a draft's are not yet.
    if (row.status === 'returned') {
      const fields = Object.keys(dto).filter((k) => k !== 'version');
      await this.cases.addEvent(row, { kind: 'edited', detail: { fields } });
    }
    await this.changed(row, 'edited', { kind: 'edited' });
    return this.get(id);
  }

  async submit(id: string): Promise<CaseDetail> {
    const row = await this.editable(id);
    const fields = [
      !row.businessLine && 'businessLine',
      !row.disputeType && 'disputeType',
      !row.consumerSealed && 'consumer',
      !row.facts.trim() && 'facts',
      !row.claims.trim() && 'claims',
      !row.consentAt && 'consentGiven',
    ].filter(Boolean) as string[];
    if (fields.length) {
      throw new ValidationFailedError(fields.map((f) => new FieldError(f, f === 'consentGiven' ? 'the consumer must consent to mediation' : 'required to submit')));
    }
    const today = shanghaiDate(new Date());
    const clock = await this.intakeClockFor(row.centerId, row.track, today);
    const number = await this.filing.submit(id, row.status as 'draft' | 'returned', row.centerId, Number(today.slice(0, 4)), row.centerCode!, clock.intakeDueOn, clock.clockProblem);
    if (!number) throw new IllegalTransitionError((await this.cases.currentStatus(id))!, 'submitted');
    await this.cases.addEvent(row, { kind: 'transition', fromStatus: row.status, toStatus: 'submitted' });
    await this.changed(row, 'submitted', { kind: 'transition' }, 'submitted');
    return this.get(id);
  }

  async discard(id: string): Promise<void> {
    const row = await this.visible(id);
    if (row.status !== 'draft') throw new IllegalTransitionError(row.status, 'discarded');
    if (!(await this.filing.discard(id))) throw CaseNotFound();
    await this.audit.record({ action: 'case.draft-discarded', subjectType: 'case', subjectId: id });
  }

  // ── Reading ───────────────────────────────────────────────────────────────────────────

  async list(query: ListCasesQuery): Promise<Page<CaseListItem> & { totalIsCapped: boolean }> {
    const filters = {
      ...query,
      phoneHash: query.phone ? this.vault.searchHash(normalisePhone(query.phone)) : undefined,
      idHash: query.idNumber ? this.vault.searchHash(normaliseIdNumber(query.idNumber)) : undefined,
    };
    const page = await this.cases.list(filters);
    const today = shanghaiDate(new Date());
    return { ...page, items: page.items.map((r) => toListItem(r, today)) };
  }

  async get(id: string): Promise<CaseDetail> {
    return this.view(await this.visible(id));
  }

  private async view(row: CaseDetailRow): Promise<CaseDetail> {
    // Earlier referrals are looked up only when the submission flagged one.
    const candidates = this.db.scope.kind === 'regulator' || !row.possibleRepeatOf ? [] : await this.cases.repeatCandidates(row);
    return toDetail(row, shanghaiDate(new Date()), this.db.scope, candidates);
  }

  /** The consumer's full identity: only for those who serve them, and every view is audited. */
  async revealConsumer(id: string): Promise<ConsumerIdentityView> {
    const row = await this.visible(id);
    if (!mayRevealConsumer(this.db.scope, row) || !row.consumerSealed) throw NotAllowed('view the consumer’s full identity');
    const identity = this.vault.open(row.consumerSealed, row.id);
    // In the viewer's own organisation's trail: each organisation answers for its staff's views.
    await this.audit.record({ action: 'case.consumer-viewed', subjectType: 'case', subjectId: id, detail: { caseNumber: row.caseNumber } });
    return {
      name: identity.name,
      idType: row.consumerIdType as ConsumerIdentityView['idType'],
      idNumber: identity.idNumber,
      phone: identity.phone,
      email: identity.email,
      needsAssistance: row.consumerNeedsAssistance,
    };
  }

  /**
   * How to reach the consumer, for the system's own messages (links, codes, reminders): the
   * caller says why in the audit trail. Never returned to a person.
   */
  async contactOf(id: string, why: string): Promise<{ phone: string; email: string | null; caseNumber: string | null }> {
    const row = await this.visible(id);
    if (!row.consumerSealed) throw CaseNotFound();
    const identity = this.vault.open(row.consumerSealed, row.id);
    await this.audit.record({ action: 'case.consumer-contacted', subjectType: 'case', subjectId: id, organisationId: row.centerId, detail: { caseNumber: row.caseNumber, why } });
    return { phone: identity.phone, email: identity.email, caseNumber: row.caseNumber };
  }

  async timeline(id: string): Promise<{ items: CaseEventView[] }> {
    await this.visible(id);
    // Regulators read cases masked and in aggregate; the conversation is not theirs.
    if (this.db.scope.kind === 'regulator') return { items: [] };
    return { items: (await this.cases.timeline(id, this.db.scope.kind === 'center')) as unknown as CaseEventView[] };
  }

  // ── Intake review and the rest of the state machine ───────────────────────────────────

  async accept(id: string, note?: string): Promise<CaseDetail> {
    const row = await this.actionable(id, 'accept');
    const today = shanghaiDate(new Date());
    let firstSessionDueOn: string | null = null;
    let clockProblem: string | null = row.clockProblem;
    try {
      firstSessionDueOn = await this.calendar.addWorkingDays(row.centerId, today, await this.firstSessionDays(row.centerId));
    } catch (error) {
      if (!(error instanceof CalendarYearMissingError)) throw error;
      clockProblem = error.code;
    }
    return this.move(row, 'accepted', { kind: 'transition', body: note ?? null }, {
      accepted_at: NOW,
      first_session_due_on: firstSessionDueOn,
      clock_problem: clockProblem,
    });
  }

  async reject(id: string, dto: RejectCaseDto): Promise<CaseDetail> {
    const row = await this.actionable(id, 'reject');
    return this.move(row, 'rejected', { kind: 'transition', body: dto.note ?? null, detail: { reason: dto.reason } }, { reject_reason: dto.reason });
  }

  async returnForInformation(id: string, note: string): Promise<CaseDetail> {
    const row = await this.actionable(id, 'return');
    return this.move(row, 'returned', { kind: 'transition', body: note });
  }

  async withdraw(id: string, reason: string): Promise<CaseDetail> {
    const row = await this.actionable(id, 'withdraw');
    return this.move(row, 'withdrawn', { kind: 'transition', body: reason }, { outcome: 'withdrawn', concluded_at: NOW });
  }

  /**
   * The case reaches its outcome (for another lib, which records the details in the same
   * transaction): the status moves, and the outcome, its time and the amount settled are kept
   * on the case for the statistics, also after the case is closed.
   */
  async conclude(row: CaseDetailRow, outcome: Outcome, settledAmountFen: number, event: { body?: string | null; detail?: Record<string, unknown> }): Promise<CaseDetail> {
    return this.move(row, outcome, { kind: 'transition', ...event }, { outcome, concluded_at: NOW, settled_amount_fen: settledAmountFen });
  }

  /** The outcome's details were corrected before anyone signed: the amount on the case follows, and the figures. */
  async amendOutcome(row: CaseDetailRow, settledAmountFen: number, event: { body: string; detail: Record<string, unknown> }): Promise<void> {
    await this.db.manager.query(`UPDATE cases SET settled_amount_fen = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [row.id, settledAmountFen]);
    await this.cases.addEvent(row, { kind: 'outcome', ...event });
    await this.changed(row, 'outcome_amended', { kind: 'outcome', detail: event.detail });
  }

  async changeTrack(id: string, dto: ChangeTrackDto): Promise<CaseDetail> {
    const row = await this.actionable(id, 'change_track');
    if (row.track === dto.track) return this.get(id);
    await this.db.manager.query(`UPDATE cases SET track = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [id, dto.track]);
    await this.cases.addEvent(row, { kind: 'track_changed', body: dto.reason, detail: { from: row.track, to: dto.track } });
    await this.changed(row, 'track_changed', { kind: 'track_changed' });
    return this.get(id);
  }

  async comment(id: string, dto: CommentDto): Promise<CaseEventView> {
    const row = await this.visible(id);
    const action = dto.internal ? 'internal_note' : 'comment';
    if (!allowedActions(this.db.scope, row).includes(action)) throw NotAllowed(dto.internal ? 'write internal notes' : 'comment');
    const eventId = await this.cases.addEvent(row, { kind: action, body: dto.body, centerOnly: Boolean(dto.internal) });
    // Internal notes tell only the center's sockets; the bank's never hear of them.
    await this.changed(row, action, { kind: action }, undefined, Boolean(dto.internal));
    const [event] = (await this.cases.timeline(id, true)).filter((e) => e.id === eventId);
    return event as unknown as CaseEventView;
  }

  // ── Shared by the assignment and attachment services ─────────────────────────────────

  /** The case if the caller may see it; anything else is 404 (ids of others can't be probed). */
  async visible(id: string): Promise<CaseDetailRow> {
    const row = await this.cases.findVisible(id);
    if (!row) throw CaseNotFound();
    return row;
  }

  async actionable(id: string, action: string): Promise<CaseDetailRow> {
    const row = await this.visible(id);
    const allowed = allowedActions(this.db.scope, row) as string[];
    // The route's role guard already admitted the caller: what stands in the way is the state.
    if (!allowed.includes(action)) throw new IllegalTransitionError(row.status, action);
    return row;
  }

  async move(
    row: CaseDetailRow,
    to: CaseStatus,
    event: { kind: 'transition' | 'assignment'; body?: string | null; detail?: Record<string, unknown> },
    set: Record<string, unknown> = {},
  ): Promise<CaseDetail> {
    if (!canTransition(row.status, to)) throw new IllegalTransitionError(row.status, to);
    if (!(await this.cases.transition(row, to, event, set))) {
      throw new IllegalTransitionError((await this.cases.currentStatus(row.id)) ?? row.status, to);
    }
    await this.changed(row, event.kind === 'assignment' ? 'assignment' : to, event, to);
    return this.get(row.id);
  }

  /** A move after which the caller may no longer see the case (a mediator's own recusal). */
  async moveAway(row: CaseDetailRow, to: CaseStatus, event: { kind: 'assignment'; body?: string | null; detail?: Record<string, unknown> }, set: Record<string, unknown>) {
    if (!canTransition(row.status, to)) throw new IllegalTransitionError(row.status, to);
    if (!(await this.cases.transition(row, to, event, set))) {
      throw new IllegalTransitionError((await this.cases.currentStatus(row.id)) ?? row.status, to);
    }
    await this.changed(row, 'assignment', event, to);
    const still = await this.cases.findVisible(row.id);
    return still ? this.get(row.id) : { id: row.id, caseNumber: row.caseNumber, status: to, mediatorId: null, mediatorName: null };
  }

  /** A timeline entry written for another lib (a session booked, moved, cancelled): who and when come from the caller. */
  async note(
    row: Pick<CaseDetailRow, 'id' | 'centerId' | 'institutionId' | 'branchPath'>,
    event: { kind: 'session' | 'outcome'; body?: string | null; detail?: Record<string, unknown> },
  ): Promise<void> {
    await this.cases.addEvent(row, event);
  }

  /** The event every open page and queue listens to, and the audit entry, in the same transaction. */
  async changed(
    row: Pick<CaseDetailRow, 'id' | 'centerId' | 'institutionId' | 'branchPath' | 'status' | 'caseNumber'>,
    change: string,
    event: { kind: string; detail?: Record<string, unknown> },
    to?: CaseStatus,
    centerOnly = false,
  ): Promise<void> {
    const status = to ?? row.status;
    // A move someone must act on also becomes an in-app notice (a recusal is not one).
    const notify = to !== undefined && NOTIFIED.has(to) && (change === to || (change === 'assignment' && to === 'assigned'));
    await this.outbox.add({
      type: 'case.updated',
      rooms: centerOnly ? [rooms.organisation(row.centerId)] : caseRooms(row),
      payload: { caseId: row.id, status, centerId: row.centerId, change },
      job: notify ? 'cases.notify-parties' : undefined,
    });
    // A move, or an edit of a referral, may change a figure: the worker recounts the case's buckets.
    if (to !== undefined || change === 'edited' || change === 'outcome_amended') {
      await this.outbox.add({ type: 'statistics.stale', payload: { caseId: row.id }, job: 'statistics.refresh-case' });
    }
    await this.audit.record({
      action: `case.${change.replace(/_/g, '-')}`,
      subjectType: 'case',
      subjectId: row.id,
      detail: { caseNumber: row.caseNumber, from: row.status, to: status, ...(event.detail ?? {}) },
    });
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────

  private async editable(id: string): Promise<CaseDetailRow> {
    const row = await this.visible(id);
    if (this.db.scope.kind !== 'institution' || !hasRole(this.db.scope, 'complaint_handler', 'branch_manager', 'institution_admin')) {
      throw NotAllowed('edit the referral');
    }
    if (row.status !== 'draft' && row.status !== 'returned') throw new IllegalTransitionError(row.status, 'edited');
    return row;
  }

  private async pinnedBranch(): Promise<string | null> {
    const scope = this.db.scope;
    if (!scope.branchPath) return null;
    return scope.branchPath.split('/').filter(Boolean).at(-1) ?? null;
  }

  private async smallClaimsMax(centerId: string): Promise<string> {
    const [row] = (await this.db.manager.query(`SELECT small_claims_max_fen AS v FROM case_settings WHERE center_id = $1`, [centerId])) as { v: string }[];
    return row?.v ?? '500000';
  }

  private async firstSessionDays(centerId: string): Promise<number> {
    const [row] = (await this.db.manager.query(`SELECT first_session_days AS v FROM case_settings WHERE center_id = $1`, [centerId])) as { v: number }[];
    return row?.v ?? 10;
  }

  /** The intake limit counts from today in the center's calendar; a missing year is shown, not guessed. */
  private intakeClock(track: string, ctx: { intakeDays: number; smallClaimsContactDays: number; years: number[]; days: [string, boolean][] }, today: string) {
    const days = track === 'small_claims' ? ctx.smallClaimsContactDays : ctx.intakeDays;
    try {
      return { intakeDueOn: addWorkingDays(today, days, { coveredYears: new Set(ctx.years), exceptions: new Map(ctx.days) }), clockProblem: null };
    } catch (error) {
      if (error instanceof CalendarYearMissingError) return { intakeDueOn: null, clockProblem: error.code };
      throw error;
    }
  }

  private async intakeClockFor(centerId: string, track: string, today: string) {
    const [s] = (await this.db.manager.query(
      `SELECT coalesce(s.intake_days, 5) AS "intakeDays", coalesce(s.small_claims_contact_days, 2) AS "smallClaimsContactDays"
       FROM (SELECT 1) one LEFT JOIN case_settings s ON s.center_id = $1`,
      [centerId],
    )) as { intakeDays: number; smallClaimsContactDays: number }[];
    try {
      const days = track === 'small_claims' ? s.smallClaimsContactDays : s.intakeDays;
      return { intakeDueOn: await this.calendar.addWorkingDays(centerId, today, days), clockProblem: null };
    } catch (error) {
      if (error instanceof CalendarYearMissingError) return { intakeDueOn: null, clockProblem: error.code };
      throw error;
    }
  }

  /** Validates what the edge can't (ID check digits, dates), seals the identity, derives the track. */
  private values(id: string, dto: CaseFieldsDto, ctx: { branchPath: string; smallClaimsMaxFen: string }, branchId: string, partial = false): CaseValues {
    const errors: FieldError[] = [];
    const c = dto.consumer;
    if (c?.idType === 'resident_id' && !isValidResidentId(c.idNumber)) errors.push(new FieldError('consumer.idNumber', 'not a valid resident ID number'));
    if (c && !isValidMobile(c.phone) && !/^\+/.test(c.phone)) errors.push(new FieldError('consumer.phone', 'not a valid mobile number'));
    if (dto.complaintReceivedOn && dto.complaintReceivedOn > shanghaiDate(new Date())) {
      errors.push(new FieldError('complaintReceivedOn', 'cannot be in the future'));
    }
    if (errors.length) throw new ValidationFailedError(errors);
    const v: Partial<CaseValues> = { id, branchId, branchPath: ctx.branchPath, ...branchLevels(ctx.branchPath) };
    const set = <K extends keyof CaseValues>(k: K, value: CaseValues[K] | undefined, fallback: CaseValues[K]) => {
      if (value !== undefined) v[k] = value;
      else if (!partial) v[k] = fallback;
    };
    set('businessLine', dto.businessLine, null);
    set('disputeType', dto.disputeType, null);
    set('amountFen', dto.amountFen, 0);
    set('facts', dto.facts, '');
    set('claims', dto.claims, '');
    set('bankPosition', dto.bankPosition, '');
    set('priorComplaintRef', dto.priorComplaintRef, null);
    set('complaintReceivedOn', dto.complaintReceivedOn, null);
    set('preferredChannel', dto.preferredChannel, null);
    set('preferredTimes', dto.preferredTimes, null);
    set('consentNote', dto.consentNote, null);
    if (dto.consentGiven !== undefined || !partial) v.consentGiven = dto.consentGiven === true;
    if (dto.amountFen !== undefined || !partial) v.track = BigInt(dto.amountFen ?? 0) <= BigInt(ctx.smallClaimsMaxFen) ? 'small_claims' : 'normal';
    if (c) {
      v.consumerIdType = c.idType;
      v.consumerNeedsAssistance = c.needsAssistance ?? false;
      v.consumerSealed = this.vault.seal({ name: c.name.trim(), idNumber: normaliseIdNumber(c.idNumber), phone: normalisePhone(c.phone), email: c.email ?? null }, id);
      v.consumerNameMasked = maskName(c.name);
      v.consumerPhoneMasked = maskPhone(c.phone);
      v.consumerIdMasked = maskIdNumber(c.idNumber);
      v.consumerPhoneHash = this.vault.searchHash(normalisePhone(c.phone));
      v.consumerIdHash = this.vault.searchHash(normaliseIdNumber(c.idNumber));
    } else if (!partial) {
      Object.assign(v, {
        consumerIdType: null,
        consumerNeedsAssistance: false,
        consumerSealed: null,
        consumerNameMasked: '',
        consumerPhoneMasked: '',
        consumerIdMasked: '',
        consumerPhoneHash: null,
        consumerIdHash: null,
      });
    }
    return v as CaseValues;
  }

  private assertSubmittable(v: CaseValues, consent: boolean): void {
    const errors = REQUIRED_TO_SUBMIT.filter((k) => v[k] === null || v[k] === undefined || (typeof v[k] === 'string' && !(v[k] as string).trim())).map(
      (k) => new FieldError(k === 'consumerSealed' ? 'consumer' : k, 'required to submit'),
    );
    if (!consent) errors.push(new FieldError('consentGiven', 'the consumer must consent to mediation'));
    if (errors.length) throw new ValidationFailedError(errors);
  }
}
