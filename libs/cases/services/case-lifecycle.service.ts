import { Injectable } from '@nestjs/common';
import { canTransition, caseRooms, MEDIATION_DAYS, rooms } from '@accord/contracts';
import type { CaseDetail, CaseEventView, CaseStatus, Outcome } from '@accord/contracts';
import { addDays, AuditService, CalendarService, CalendarYearMissingError, Database, OutboxService, shanghaiDate } from '@accord/core';
import { IllegalTransitionError, NotAllowed } from '../cases.errors';
import type { ChangeTrackDto, CommentDto, RejectCaseDto } from '../dto/case.dto';
import { CaseDetailRow, CaseRepository, NOW } from '../repositories/case.repository';
import { CaseSettingsRepository } from '../repositories/case-settings.repository';
import { CaseReading } from './case-reading.service';
import { allowedActions } from './case-view';

const NOTIFIED = new Set<CaseStatus>(['submitted', 'returned', 'rejected', 'accepted', 'assigned', 'withdrawn']);

type CaseRef = Pick<CaseDetailRow, 'id' | 'centerId' | 'institutionId' | 'branchPath'>;

/**
 * The case's state machine after filing (DOMAIN.md "The case and its life"): intake review,
 * track changes, the conversation, and the moves other libs make (a session noted, an outcome
 * reached). Every move lands in the timeline, the outbox and the audit trail in the same
 * transaction.
 */
@Injectable()
export class CaseLifecycle {
  constructor(
    private readonly db: Database,
    private readonly reading: CaseReading,
    private readonly cases: CaseRepository,
    private readonly settings: CaseSettingsRepository,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  // ── Intake review ─────────────────────────────────────────────────────────────────────

  async accept(id: string, note?: string): Promise<CaseDetail> {
    const row = await this.reading.actionable(id, 'accept');
    const today = shanghaiDate(new Date());
    let firstSessionDueOn: string | null = null;
    let clockProblem: string | null = row.clockProblem;
    try {
      const { firstSessionDays } = await this.settings.get(row.centerId);
      firstSessionDueOn = await this.calendar.addWorkingDays(row.centerId, today, firstSessionDays);
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
    const row = await this.reading.actionable(id, 'reject');
    return this.move(row, 'rejected', { kind: 'transition', body: dto.note ?? null, detail: { reason: dto.reason } }, { reject_reason: dto.reason });
  }

  async returnForInformation(id: string, note: string): Promise<CaseDetail> {
    const row = await this.reading.actionable(id, 'return');
    return this.move(row, 'returned', { kind: 'transition', body: note });
  }

  async withdraw(id: string, reason: string): Promise<CaseDetail> {
    const row = await this.reading.actionable(id, 'withdraw');
    return this.move(row, 'withdrawn', { kind: 'transition', body: reason }, { outcome: 'withdrawn', concluded_at: NOW });
  }

  async changeTrack(id: string, dto: ChangeTrackDto): Promise<CaseDetail> {
    const row = await this.reading.actionable(id, 'change_track');
    if (row.track === dto.track) return this.reading.get(id);
    await this.cases.setTrack(id, dto.track);
    await this.cases.addEvent(row, { kind: 'track_changed', body: dto.reason, detail: { from: row.track, to: dto.track } });
    await this.changed(row, 'track_changed', { kind: 'track_changed' });
    return this.reading.get(id);
  }

  async comment(id: string, dto: CommentDto): Promise<CaseEventView> {
    const row = await this.reading.visible(id);
    const action = dto.internal ? 'internal_note' : 'comment';
    if (!allowedActions(this.db.scope, row).includes(action)) throw NotAllowed(dto.internal ? 'write internal notes' : 'comment');
    const eventId = await this.cases.addEvent(row, { kind: action, body: dto.body, centerOnly: Boolean(dto.internal) });
    // Internal notes tell only the center's sockets; the bank's never hear of them.
    await this.changed(row, action, { kind: action }, undefined, Boolean(dto.internal));
    // A comment to the other side is a notice for it (an internal note is not).
    if (!dto.internal) {
      await this.outbox.add({ type: 'case.commented', payload: { caseId: row.id, status: row.status, change: 'comment', eventId }, job: 'cases.notify-parties' });
    }
    const [event] = (await this.cases.timeline(id, true)).filter((e) => e.id === eventId);
    return event as unknown as CaseEventView;
  }

  // ── Moves other libs make ─────────────────────────────────────────────────────────────

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
    await this.cases.setSettledAmount(row.id, settledAmountFen);
    await this.cases.addEvent(row, { kind: 'outcome', ...event });
    await this.changed(row, 'outcome_amended', { kind: 'outcome', detail: event.detail });
  }

  async move(
    row: CaseDetailRow,
    to: CaseStatus,
    event: { kind: 'transition' | 'assignment'; body?: string | null; detail?: Record<string, unknown> },
    set: Record<string, unknown> = {},
  ): Promise<CaseDetail> {
    // The first session begins: the mediation clock starts (DOMAIN.md: 30 days from the first session).
    if (to === 'in_session' && !row.mediationStartedOn) set = { ...set, ...(await this.startMediationClock(row)) };
    await this.transition(row, to, event, set);
    await this.changed(row, event.kind === 'assignment' ? 'assignment' : to, event, to);
    return this.reading.get(row.id);
  }

  /**
   * The mediation's due day: `MEDIATION_DAYS` plus the agreed extension, counted in calendar days
   * from the first session's day, moved to the center's next working day when it falls on a
   * weekend or holiday. Throws CALENDAR_YEAR_MISSING when the center's calendar lacks the year.
   */
  mediationDueOn(centerId: string, startedOn: string, extensionDays: number): Promise<string> {
    return this.calendar.addWorkingDays(centerId, addDays(startedOn, MEDIATION_DAYS + extensionDays - 1), 1);
  }

  /**
   * An extension both parties agreed to (for libs/scheduling, in its transaction): the due day
   * moves, the days are kept on the case, and the timeline, sockets and audit hear of it.
   */
  async extendMediation(row: CaseDetailRow, days: number, newDueOn: string, detail: Record<string, unknown>): Promise<void> {
    if (!(await this.cases.extendMediation(row.id, days, newDueOn))) throw new IllegalTransitionError((await this.cases.currentStatus(row.id)) ?? row.status, row.status);
    await this.cases.addEvent(row, { kind: 'session', body: null, detail: { change: 'mediation_extended', days, previousDueOn: row.mediationDueOn, newDueOn, ...detail } });
    await this.changed(row, 'mediation_extended', { kind: 'session', detail: { days, previousDueOn: row.mediationDueOn, newDueOn, ...detail } });
  }

  private async startMediationClock(row: CaseDetailRow): Promise<Record<string, unknown>> {
    const startedOn = shanghaiDate(new Date());
    try {
      return { mediation_started_on: startedOn, mediation_due_on: await this.mediationDueOn(row.centerId, startedOn, 0) };
    } catch (error) {
      if (!(error instanceof CalendarYearMissingError)) throw error;
      return { mediation_started_on: startedOn, clock_problem: error.code };
    }
  }

  /** A move after which the caller may no longer see the case (a mediator's own recusal). */
  async moveAway(row: CaseDetailRow, to: CaseStatus, event: { kind: 'assignment'; body?: string | null; detail?: Record<string, unknown> }, set: Record<string, unknown>) {
    await this.transition(row, to, event, set);
    await this.changed(row, 'assignment', event, to);
    const still = await this.cases.findVisible(row.id);
    return still ? this.reading.get(row.id) : { id: row.id, caseNumber: row.caseNumber, status: to, mediatorId: null, mediatorName: null };
  }

  /** A timeline entry written for another lib (a session booked, moved, cancelled): who and when come from the caller. */
  async note(row: CaseRef, event: { kind: 'session' | 'outcome'; body?: string | null; detail?: Record<string, unknown> }): Promise<void> {
    await this.cases.addEvent(row, event);
  }

  /** The event every open page and queue listens to, and the audit entry, in the same transaction. */
  async changed(
    row: CaseRef & Pick<CaseDetailRow, 'status' | 'caseNumber'>,
    change: string,
    event: { kind: string; detail?: Record<string, unknown>; notice?: Record<string, string | number> },
    to?: CaseStatus,
    centerOnly = false,
  ): Promise<void> {
    const status = to ?? row.status;
    // A move someone must act on also becomes an in-app notice (a recusal is not one).
    // The consumer's answer by link (given, declined, expired) is news for the branch that asked.
    const notify =
      (to !== undefined && NOTIFIED.has(to) && (change === to || (change === 'assignment' && to === 'assigned'))) ||
      change.startsWith('consent_') ||
      // An extension needs the bank's yes: the branch that filed the case hears it is asked.
      change === 'extension_proposed';
    // A draft is the bank's alone: the center's sockets never hear of it.
    const bankOnly = status === 'draft';
    await this.outbox.add({
      type: 'case.updated',
      rooms: centerOnly ? [rooms.organisation(row.centerId)] : caseRooms(row).filter((r) => !bankOnly || r !== rooms.organisation(row.centerId)),
      // A reason code (a rejection's, a declined consent's) travels with the event: a bank's webhook tells it.
      payload: {
        caseId: row.id,
        status,
        centerId: row.centerId,
        change,
        ...(typeof event.detail?.reason === 'string' ? { reason: event.detail.reason } : {}),
        ...(event.notice ? { notice: event.notice } : {}),
      },
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

  /** No row moved means someone moved it first: 409 with the state it is in now. */
  private async transition(row: CaseDetailRow, to: CaseStatus, event: { kind: 'transition' | 'assignment'; body?: string | null; detail?: Record<string, unknown> }, set: Record<string, unknown>) {
    if (!canTransition(row.status, to)) throw new IllegalTransitionError(row.status, to);
    if (!(await this.cases.transition(row, to, event, set))) {
      throw new IllegalTransitionError((await this.cases.currentStatus(row.id)) ?? row.status, to);
    }
  }
}
