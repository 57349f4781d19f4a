import { Injectable } from '@nestjs/common';
import { caseRooms } from '@accord/contracts';
import type { CaseStatus, TimelineMessage } from '@accord/contracts';
import { assertExportable, AuditService, CalendarService, Database, describeListExport, DomainError, ForbiddenError, hasRole, LIST_EXPORT_BATCH, LIST_EXPORT_MAX_ROWS, type ListExport, OutboxService, placedBatches, shanghaiDate } from '@accord/core';
import { CaseLifecycle, CaseReading } from '@accord/cases';
import { DirectoryService } from '@accord/organisations';
import type { BookSessionDto, RescheduleDto, SlotsQuery } from '../dto/scheduling.dto';
import { ConsumerLinkRepository } from '../repositories/consumer-link.repository';
import { type CalendarOf, SessionRepository } from '../repositories/session.repository';
import { exclusionViolated, invalid, NotAssigned, SessionNotFound, SessionNotLive, SlotTaken } from '../scheduling.errors';
import { AvailabilityService } from './availability.service';
import { sessionIcs } from './invitation-text';
import { RoomService } from './room.service';
import { sessionListColumns } from './session-list-columns';
import { SessionView, SessionViews } from './session-views.service';
import { freeSlots } from './slots';

export type { SessionView };

/**
 * Booking (DOMAIN.md "Scheduling"): free slots in the mediator's hours on the center's working
 * days, and bookings the database itself keeps from overlapping. Each booking change moves the
 * case, notifies everyone looking (outbox) and re-plans the reminders (a worker job).
 */
@Injectable()
export class SchedulingService {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionRepository,
    private readonly links: ConsumerLinkRepository,
    private readonly views: SessionViews,
    private readonly availability: AvailabilityService,
    private readonly rooms: RoomService,
    private readonly cases: CaseReading,
    private readonly caseLifecycle: CaseLifecycle,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly directory: DirectoryService,
  ) {}

  async slots(caseId: string, q: SlotsQuery): Promise<{ items: { startsAt: string; endsAt: string }[] }> {
    // A session in progress looks for its next date before adjourning.
    const c = await this.bookable(caseId, ['assigned', 'scheduled', 'in_session', 'adjourned']);
    const fromDay = q.from ?? shanghaiDate(new Date());
    const toDay = new Date(Date.parse(`${fromDay}T00:00:00Z`) + q.days * 86400_000).toISOString().slice(0, 10);
    const [hours, calendar, busy] = await Promise.all([
      this.availability.workingHours(c.mediatorId!).then((h) => h.hours),
      this.calendar.between(c.centerId, fromDay, toDay),
      this.availability.busy(c.mediatorId!, q.roomId ?? null, fromDay, toDay),
    ]);
    const slots = freeSlots({ fromDay, days: q.days, minutes: q.minutes, hours, calendar, busy, now: new Date() });
    return { items: slots.map((s) => ({ startsAt: s.start.toISOString(), endsAt: s.end.toISOString() })) };
  }

  /**
   * Books a session of the case. `jointId` (a batch of similar cases heard together) lets the
   * sessions booked under it share the mediator's and the room's time; every other rule holds.
   */
  async book(caseId: string, dto: BookSessionDto, jointId?: string): Promise<SessionView> {
    const c = await this.bookable(caseId);
    if ((dto.channel === 'on_site') !== Boolean(dto.roomId)) throw invalid('roomId', 'an on-site session takes a room, and only it');
    if (dto.roomId) await this.rooms.assertBookable(dto.roomId);
    const start = new Date(dto.startsAt);
    if (start.getTime() < Date.now()) throw invalid('startsAt', 'must be in the future');
    const end = new Date(start.getTime() + dto.minutes * 60_000);
    await this.availability.assertNotAway(c.mediatorId!, start, end);
    if (!dto.outsideHoursReason) await this.availability.assertWithinHours(c.centerId, c.mediatorId!, start, end);
    let id: string;
    try {
      id = await this.sessions.insert({
        caseId: c.id,
        centerId: c.centerId,
        institutionId: c.institutionId,
        branchPath: c.branchPath,
        mediatorId: c.mediatorId!,
        roomId: dto.roomId ?? null,
        channel: dto.channel,
        start,
        end,
        participants: dto.participants ?? [],
        createdBy: this.db.scope.userId,
        jointId: jointId ?? null,
      });
    } catch (error) {
      const taken = exclusionViolated(error);
      if (taken) throw SlotTaken(taken);
      throw error;
    }
    // The first session of an assigned (or adjourned) case schedules it. Two first bookings at
    // once both read `assigned`: the one that waited finds the case scheduled by the other —
    // what it came to do — and books its session all the same (it answered 409 ILLEGAL_TRANSITION,
    // 4 of 661 bookings under the fault suite's mixed load).
    if (c.status === 'assigned' || c.status === 'adjourned') {
      try {
        await this.caseLifecycle.move(c, 'scheduled', { kind: 'transition', detail: { sessionId: id, startsAt: start.toISOString(), channel: dto.channel } });
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'ILLEGAL_TRANSITION' && error.extensions.currentStatus === 'scheduled')) throw error;
      }
    }
    await this.sessionChanged(id, c, 'booked', start, null);
    return this.views.one(id);
  }

  async reschedule(sessionId: string, dto: RescheduleDto): Promise<SessionView> {
    // Only a session that has not opened yet moves; an open one is cancelled or run.
    const s = await this.liveSession(sessionId, ['booked']);
    const c = await this.cases.visible(s.caseId);
    const start = new Date(dto.startsAt);
    if (start.getTime() < Date.now()) throw invalid('startsAt', 'must be in the future');
    const end = new Date(start.getTime() + dto.minutes * 60_000);
    await this.availability.assertNotAway(s.mediatorId, start, end);
    if (!dto.outsideHoursReason) await this.availability.assertWithinHours(c.centerId, s.mediatorId, start, end);
    try {
      await this.sessions.move(sessionId, start, end, dto.reason);
    } catch (error) {
      const taken = exclusionViolated(error);
      if (taken) throw SlotTaken(taken);
      throw error;
    }
    // The consumer's link follows the session: it must still open on the new day (and a day after).
    await this.links.followSession(sessionId, end);
    await this.sessionChanged(sessionId, c, 'rescheduled', start, s.startsAt, dto.reason);
    return this.views.one(sessionId);
  }

  /** Cancel (with reason) or record a no-show; the case returns to "assigned" when nothing is left booked. */
  async close(sessionId: string, status: 'cancelled' | 'no_show', reason: string, message?: TimelineMessage): Promise<SessionView> {
    const s = await this.liveSession(sessionId, ['booked', 'waiting']);
    if (status === 'no_show' && s.startsAt.getTime() > Date.now()) throw invalid('status', 'a no-show is recorded once the session has started');
    const c = await this.cases.visible(s.caseId);
    await this.sessions.close(sessionId, status, reason, message ?? null);
    if ((await this.sessions.liveCount(s.caseId)) === 0 && c.status === 'scheduled') {
      await this.caseLifecycle.move(c, 'assigned', { kind: 'transition', body: reason, detail: { sessionId, [status]: true, ...(message ? { message } : {}) } });
    }
    await this.sessionChanged(sessionId, c, status, s.startsAt, s.startsAt, reason, message);
    return this.views.one(sessionId);
  }

  /** The bank's representative confirms the time, or asks for another. */
  async confirmForBank(sessionId: string, answer: 'confirmed' | 'other_time_requested', note?: string): Promise<SessionView> {
    const s = await this.views.one(sessionId);
    const c = await this.cases.visible(s.caseId).catch(() => null);
    if (!c || this.db.scope.kind !== 'institution') throw SessionNotFound();
    if (s.status !== 'booked') throw SessionNotLive(s.status);
    const userId = this.db.scope.userId;
    const actorName = userId ? ((await this.directory.user(userId))?.displayName ?? null) : null;
    await this.sessions.confirm(sessionId, 'bank', answer, note ?? null, { userId, name: actorName });
    await this.outbox.add({
      type: 'session.updated',
      rooms: caseRooms(c),
      payload: { sessionId, caseId: c.id, status: `bank_${answer}`, startsAt: s.startsAt.toISOString() },
    });
    await this.audit.record({ action: `session.bank-${answer.replace(/_/g, '-')}`, subjectType: 'session', subjectId: sessionId, detail: { caseNumber: c.caseNumber } });
    return this.views.one(sessionId);
  }

  /** The invitation as an iCalendar file, for everyone who may see the session. */
  async invitation(sessionId: string): Promise<{ fileName: string; body: string }> {
    const s = await this.views.one(sessionId);
    await this.cases.visible(s.caseId).catch(() => {
      throw SessionNotFound();
    });
    const roomAddress = s.roomId ? ((await this.rooms.address(s.roomId)) ?? null) : null;
    return sessionIcs({
      ...s,
      caseNumber: s.caseNumber ?? '',
      centerName: '',
      previousStartsAt: null,
      roomAddress,
      reason: s.statusReason,
      cancelled: s.status === 'cancelled',
    });
  }

  async caseSessions(caseId: string): Promise<{ items: SessionView[] }> {
    await this.cases.visible(caseId);
    return { items: await this.views.of(await this.sessions.forCase(caseId)) };
  }

  /** A calendar: the center's (or one mediator's), a mediator's own, a bank's cases'. */
  async calendarSessions(from: string, to: string, mediatorId?: string): Promise<{ items: SessionView[] }> {
    return { items: await this.views.of(await this.sessions.inCalendar(from, to, this.calendarOf(mediatorId))) };
  }

  /**
   * The calendar as XLSX: the same sessions as `calendarSessions` for the same window and
   * mediator, every one of them (no 500 cap: keyset batches), refused past 50,000; audited.
   */
  async exportCalendar(from: string, to: string, mediatorId?: string): Promise<ListExport<SessionView>> {
    const of = this.calendarOf(mediatorId);
    const rows = await this.sessions.countInCalendar(from, to, of, LIST_EXPORT_MAX_ROWS);
    assertExportable(rows);
    await this.audit.record({ action: 'session.list-exported', subjectType: 'session', detail: { from, to, ...(mediatorId ? { mediatorId } : {}), rows } });
    const scope = this.db.scope;
    const read = (after: { at: string; id: string } | null) =>
      this.db.run(scope, async () => {
        const batch = await this.sessions.calendarBatch(from, to, of, after, LIST_EXPORT_BATCH);
        const views = new Map((await this.views.of(batch)).map((v) => [v.id, v]));
        return batch.map((r) => ({ cursor: { at: r.cursorAt, id: r.id }, item: views.get(r.id) ?? null }));
      });
    return describeListExport(
      { zh: '调解日程', en: 'Sessions', file: 'sessions' },
      rows,
      { from, to, mediatorId },
      sessionListColumns(scope.kind === 'institution' ? 'institution' : 'center'),
      placedBatches(read),
    );
  }

  /** Whose sessions the caller's calendar holds: a center's (a mediator only their own), a bank's (a pinned user's subtree). */
  private calendarOf(mediatorId?: string): CalendarOf {
    const scope = this.db.scope;
    if (scope.kind === 'center') {
      const own = !hasRole(scope, 'center_admin', 'intake_officer', 'liaison_officer');
      return { centerId: scope.organisationId, mediatorId: own ? scope.userId : mediatorId || undefined };
    }
    if (scope.kind === 'institution') return { institutionId: scope.organisationId, branchPath: scope.branchPath };
    throw new ForbiddenError('Calendars belong to centers and banks');
  }

  /** A live session the caller may change: the center's intake/admin, or the case's mediator. */
  private async liveSession(id: string, live: string[]): Promise<SessionView> {
    const s = await this.views.one(id);
    const c = await this.cases.visible(s.caseId).catch(() => null);
    if (!c || this.db.scope.kind !== 'center') throw SessionNotFound();
    this.assertMayBook(c.mediatorId);
    if (!live.includes(s.status)) throw SessionNotLive(s.status);
    return s;
  }

  private async bookable(caseId: string, allowed: CaseStatus[] = ['assigned', 'scheduled', 'adjourned']) {
    const c = await this.cases.visible(caseId);
    if (this.db.scope.kind !== 'center') throw new ForbiddenError('Only the center books sessions');
    this.assertMayBook(c.mediatorId);
    if (!c.mediatorId || !allowed.includes(c.status)) throw NotAssigned();
    return c;
  }

  private assertMayBook(mediatorId: string | null): void {
    const scope = this.db.scope;
    if (hasRole(scope, 'intake_officer', 'center_admin')) return;
    if (mediatorId && mediatorId === scope.userId) return;
    throw new ForbiddenError('Only the case’s mediator or the intake officers book its sessions', 'ROLE_REQUIRED');
  }

  private async sessionChanged(
    sessionId: string,
    c: { id: string; centerId: string; institutionId: string; branchPath: string; caseNumber: string | null },
    change: string,
    startsAt: Date,
    previousStartsAt: Date | null,
    reason?: string,
    message?: TimelineMessage,
  ): Promise<void> {
    await this.caseLifecycle.note(c, { kind: 'session', body: reason ?? null, detail: { sessionId, change, startsAt: startsAt.toISOString(), ...(message ? { message } : {}) } });
    await this.outbox.add({
      type: 'session.updated',
      rooms: caseRooms(c),
      payload: { sessionId, caseId: c.id, status: change, startsAt: startsAt.toISOString(), previousStartsAt: previousStartsAt?.toISOString() ?? null },
      job: 'sessions.plan-reminders',
    });
    if (change === 'booked' || change === 'rescheduled' || change === 'cancelled') {
      // The invitation (.ics) by e-mail, and the consumer's SMS: a job, so no personal data leaves this transaction.
      await this.outbox.add({
        type: 'session.invitation',
        payload: { sessionId, change, version: await this.sessions.version(sessionId), previousStartsAt: previousStartsAt?.toISOString() ?? null },
        job: 'sessions.send-invitation',
      });
    }
    await this.audit.record({ action: `session.${change.replace('_', '-')}`, subjectType: 'session', subjectId: sessionId, detail: { caseNumber: c.caseNumber, startsAt: startsAt.toISOString() } });
  }
}
