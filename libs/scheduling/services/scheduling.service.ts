import { Injectable } from '@nestjs/common';
import { caseRooms } from '@accord/contracts';
import type { CaseStatus } from '@accord/contracts';
import { AuditService, CalendarService, Database, ForbiddenError, hasRole, OutboxService, shanghaiDate, SqlParams } from '@accord/core';
import { CaseService } from '@accord/cases';
import { DirectoryService } from '@accord/organisations';
import type { AbsenceDto, BookSessionDto, RescheduleDto, RoomDto, SlotsQuery, UpdateRoomDto, WorkingHoursDto } from '../dto/scheduling.dto';
import { exclusionViolated, invalid,
  MediatorAway, MediatorNotFound, NotAssigned, OutletNotMember, OutsideHours, RoomInactive, RoomNameTaken, RoomNotFound, SessionNotFound, SessionNotLive, SlotTaken } from '../scheduling.errors';
import { sessionIcs } from './invitation-text';
import { freeSlots, Span, WeeklyHours } from './slots';

export interface SessionView {
  id: string;
  caseId: string;
  caseNumber: string | null;
  mediatorId: string;
  mediatorName: string | null;
  roomId: string | null;
  roomName: string | null;
  channel: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  participants: { role: string; name: string }[];
  statusReason: string | null;
  version: number;
  /** Answers given for the current time (a reschedule asks again). */
  confirmations: { party: 'bank' | 'consumer'; answer: 'confirmed' | 'other_time_requested'; note: string | null; actorName: string; at: Date }[];
}

/** A room at a liaison station, with the bank outlet it sits at (when it does). */
export interface RoomView {
  id: string;
  name: string;
  address: string;
  isActive: boolean;
  outlet: { id: string; name: string | null; institutionId: string | null; institutionName: string | null } | null;
}

const ROOM_COLUMNS = `r.id, r.name, r.address, r.is_active AS "isActive",
  CASE WHEN r.outlet_branch_id IS NULL THEN NULL
       ELSE json_build_object('id', r.outlet_branch_id, 'name', b.name, 'institutionId', b.institution_id, 'institutionName', o.name) END AS outlet`;
const ROOM_FROM = `FROM mediation_rooms r LEFT JOIN branches b ON b.id = r.outlet_branch_id LEFT JOIN organisations o ON o.id = b.institution_id`;

const roomNameTaken = (error: unknown) => {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === 'uq_mediation_rooms_center_name';
};

const SESSION_COLUMNS = `s.id, s.case_id AS "caseId", c.case_number AS "caseNumber", s.mediator_id AS "mediatorId", c.mediator_name AS "mediatorName",
  s.room_id AS "roomId", r.name AS "roomName", s.channel, s.status, s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.participants,
  s.status_reason AS "statusReason", s.version,
  (SELECT coalesce(json_agg(json_build_object('party', f.party, 'answer', f.answer, 'note', f.note, 'actorName', f.actor_name, 'at', f.at) ORDER BY f.party), '[]')
     FROM session_confirmations f WHERE f.session_id = s.id AND f.for_starts_at = s.starts_at) AS confirmations`;
const SESSION_FROM = `FROM mediation_sessions s JOIN cases c ON c.id = s.case_id LEFT JOIN mediation_rooms r ON r.id = s.room_id`;
const LIVE = `s.status IN ('booked', 'waiting', 'in_progress', 'adjourned')`;

/**
 * Availability and booking (DOMAIN.md "Scheduling"): weekly hours and absences per mediator,
 * rooms at liaison stations, free slots in the center's working days, and bookings the
 * database itself keeps from overlapping. Each booking change moves the case, notifies
 * everyone looking (outbox) and re-plans the reminders (a worker job).
 */
@Injectable()
export class SchedulingService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseService,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly directory: DirectoryService,
  ) {}

  // ── Availability ──────────────────────────────────────────────────────────────────────

  async workingHours(mediatorId: string): Promise<{ hours: WeeklyHours[] }> {
    await this.mediator(mediatorId);
    const hours = (await this.db.manager.query(
      `SELECT weekday, to_char(starts_at, 'HH24:MI') AS "startsAt", to_char(ends_at, 'HH24:MI') AS "endsAt"
       FROM mediator_working_hours WHERE mediator_id = $1 ORDER BY weekday, starts_at`,
      [mediatorId],
    )) as WeeklyHours[];
    return { hours };
  }

  async saveWorkingHours(mediatorId: string, hours: WorkingHoursDto[]): Promise<{ hours: WeeklyHours[] }> {
    await this.mediatorForChange(mediatorId);
    const errors = hours.flatMap((h, i) => (h.endsAt > h.startsAt ? [] : [{ i, m: 'endsAt must be after startsAt' }]));
    if (errors.length) throw invalid(`hours[${errors[0].i}].endsAt`, errors[0].m);
    await this.db.manager.query(
      `WITH gone AS (DELETE FROM mediator_working_hours WHERE mediator_id = $1)
       INSERT INTO mediator_working_hours (center_id, mediator_id, weekday, starts_at, ends_at)
       SELECT $2, $1, h.weekday, h.starts_at, h.ends_at FROM unnest($3::smallint[], $4::time[], $5::time[]) AS h(weekday, starts_at, ends_at)`,
      [mediatorId, this.centerId(), hours.map((h) => h.weekday), hours.map((h) => h.startsAt), hours.map((h) => h.endsAt)],
    );
    await this.audit.record({ action: 'mediator.working-hours-saved', subjectType: 'user', subjectId: mediatorId, detail: { spans: hours.length } });
    return this.workingHours(mediatorId);
  }

  async absences(mediatorId: string) {
    await this.mediator(mediatorId);
    return {
      items: await this.db.manager.query(
        `SELECT id, starts_at AS "startsAt", ends_at AS "endsAt", reason FROM mediator_absences
         WHERE mediator_id = $1 AND ends_at > now() - interval '30 days' ORDER BY starts_at LIMIT 200`,
        [mediatorId],
      ),
    };
  }

  async addAbsence(mediatorId: string, dto: AbsenceDto) {
    await this.mediatorForChange(mediatorId);
    if (Date.parse(dto.endsAt) <= Date.parse(dto.startsAt)) throw invalid('endsAt', 'must be after startsAt');
    const [row] = (await this.db.manager.query(
      `INSERT INTO mediator_absences (center_id, mediator_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, starts_at AS "startsAt", ends_at AS "endsAt", reason`,
      [this.centerId(), mediatorId, dto.startsAt, dto.endsAt, dto.reason],
    )) as unknown[];
    return row;
  }

  async removeAbsence(mediatorId: string, absenceId: string): Promise<void> {
    await this.mediatorForChange(mediatorId);
    const [, n] = (await this.db.manager.query(`DELETE FROM mediator_absences WHERE id = $1 AND mediator_id = $2`, [absenceId, mediatorId])) as [unknown, number];
    if (n !== 1) throw SessionNotFound();
  }

  /** The center's rooms, those still taking bookings first. */
  async listRooms(): Promise<{ items: RoomView[] }> {
    return {
      items: (await this.db.manager.query(`SELECT ${ROOM_COLUMNS} ${ROOM_FROM} WHERE r.center_id = $1 ORDER BY r.is_active DESC, r.name`, [
        this.centerId(),
      ])) as RoomView[],
    };
  }

  async addRoom(dto: RoomDto): Promise<RoomView> {
    const outlet = dto.outletId ? await this.memberOutlet(dto.outletId) : null;
    let id: string;
    try {
      [{ id }] = (await this.db.manager.query(
        `INSERT INTO mediation_rooms (center_id, name, address, outlet_branch_id) VALUES ($1, $2, $3, $4) RETURNING id`,
        [this.centerId(), dto.name, dto.address, outlet?.id ?? null],
      )) as { id: string }[];
    } catch (error) {
      if (roomNameTaken(error)) throw RoomNameTaken();
      throw error;
    }
    await this.audit.record({ action: 'room.created', subjectType: 'room', subjectId: id, detail: { name: dto.name, outletId: outlet?.id ?? null } });
    return this.roomView(id);
  }

  /**
   * Renames, re-addresses, moves to another outlet (or none) or retires a room. A retired room
   * is no longer offered for new bookings; the sessions already booked in it keep it.
   */
  async updateRoom(id: string, dto: UpdateRoomDto): Promise<RoomView> {
    const before = await this.roomView(id);
    const p = new SqlParams();
    const sets: string[] = [];
    const changed: Record<string, unknown> = {};
    const set = (column: string, field: keyof UpdateRoomDto, value: unknown) => {
      sets.push(`${column} = ${p.add(value)}`);
      changed[field] = value;
    };
    if (dto.name !== undefined && dto.name !== before.name) set('name', 'name', dto.name);
    if (dto.address !== undefined && dto.address !== before.address) set('address', 'address', dto.address);
    if (dto.outletId !== undefined && dto.outletId !== (before.outlet?.id ?? null)) {
      set('outlet_branch_id', 'outletId', dto.outletId === null ? null : (await this.memberOutlet(dto.outletId)).id);
    }
    if (dto.isActive !== undefined && dto.isActive !== before.isActive) set('is_active', 'isActive', dto.isActive);
    if (!sets.length) return before;
    try {
      await this.db.manager.query(`UPDATE mediation_rooms SET ${sets.join(', ')}, updated_at = now() WHERE id = ${p.add(id)} AND center_id = ${p.add(this.centerId())}`, p.values);
    } catch (error) {
      if (roomNameTaken(error)) throw RoomNameTaken();
      throw error;
    }
    const action = changed.isActive === false ? 'room.retired' : changed.isActive === true ? 'room.reopened' : 'room.updated';
    await this.audit.record({ action, subjectType: 'room', subjectId: id, detail: { name: before.name, ...changed } });
    return this.roomView(id);
  }

  // ── Slots and booking ─────────────────────────────────────────────────────────────────

  async slots(caseId: string, q: SlotsQuery): Promise<{ items: { startsAt: string; endsAt: string }[] }> {
    // A session in progress looks for its next date before adjourning.
    const c = await this.bookable(caseId, ['assigned', 'scheduled', 'in_session', 'adjourned']);
    const fromDay = q.from ?? shanghaiDate(new Date());
    const toDay = new Date(Date.parse(`${fromDay}T00:00:00Z`) + q.days * 86400_000).toISOString().slice(0, 10);
    const [hours, calendar, busy] = await Promise.all([
      this.workingHours(c.mediatorId!).then((h) => h.hours),
      this.calendar.between(c.centerId, fromDay, toDay),
      this.busy(c.mediatorId!, q.roomId ?? null, fromDay, toDay),
    ]);
    const slots = freeSlots({ fromDay, days: q.days, minutes: q.minutes, hours, calendar, busy, now: new Date() });
    return { items: slots.map((s) => ({ startsAt: s.start.toISOString(), endsAt: s.end.toISOString() })) };
  }

  async book(caseId: string, dto: BookSessionDto): Promise<SessionView> {
    const c = await this.bookable(caseId);
    if ((dto.channel === 'on_site') !== Boolean(dto.roomId)) throw invalid('roomId', 'an on-site session takes a room, and only it');
    if (dto.roomId) await this.bookableRoom(dto.roomId);
    const start = new Date(dto.startsAt);
    if (start.getTime() < Date.now()) throw invalid('startsAt', 'must be in the future');
    const end = new Date(start.getTime() + dto.minutes * 60_000);
    await this.assertNotAway(c.mediatorId!, start, end);
    if (!dto.outsideHoursReason) await this.assertWithinHours(c.centerId, c.mediatorId!, start, end);
    let id: string;
    try {
      [{ id }] = (await this.db.manager.query(
        `INSERT INTO mediation_sessions (case_id, center_id, institution_id, branch_path, mediator_id, room_id, channel, during, starts_at, ends_at, participants, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, tstzrange($8, $9, '[)'), $8, $9, $10, $11) RETURNING id`,
        [c.id, c.centerId, c.institutionId, c.branchPath, c.mediatorId, dto.roomId ?? null, dto.channel, start, end, JSON.stringify(dto.participants ?? []), this.db.scope.userId],
      )) as { id: string }[];
    } catch (error) {
      const taken = exclusionViolated(error);
      if (taken) throw SlotTaken(taken);
      throw error;
    }
    // The first session of an assigned (or adjourned) case schedules it.
    if (c.status === 'assigned' || c.status === 'adjourned') {
      await this.cases.move(c, 'scheduled', { kind: 'transition', detail: { sessionId: id, startsAt: start.toISOString(), channel: dto.channel } });
    }
    await this.sessionChanged(id, c, 'booked', start, null);
    return this.session(id);
  }

  async reschedule(sessionId: string, dto: RescheduleDto): Promise<SessionView> {
    // Only a session that has not opened yet moves; an open one is cancelled or run.
    const s = await this.liveSession(sessionId, ['booked']);
    const c = await this.cases.visible(s.caseId);
    const start = new Date(dto.startsAt);
    if (start.getTime() < Date.now()) throw invalid('startsAt', 'must be in the future');
    const end = new Date(start.getTime() + dto.minutes * 60_000);
    await this.assertNotAway(s.mediatorId, start, end);
    if (!dto.outsideHoursReason) await this.assertWithinHours(c.centerId, s.mediatorId, start, end);
    try {
      await this.db.manager.query(
        `UPDATE mediation_sessions SET during = tstzrange($2, $3, '[)'), starts_at = $2, ends_at = $3, status_reason = $4, version = version + 1, updated_at = now()
         WHERE id = $1`,
        [sessionId, start, end, dto.reason],
      );
    } catch (error) {
      const taken = exclusionViolated(error);
      if (taken) throw SlotTaken(taken);
      throw error;
    }
    // The consumer's link follows the session: it must still open on the new day (and a day after).
    await this.db.manager.query(
      `UPDATE consumer_links SET expires_at = least(now() + interval '14 days', $2::timestamptz + interval '1 day')
       WHERE session_id = $1 AND purpose = 'session' AND revoked_at IS NULL`,
      [sessionId, end],
    );
    await this.sessionChanged(sessionId, c, 'rescheduled', start, s.startsAt, dto.reason);
    return this.session(sessionId);
  }

  /** Cancel (with reason) or record a no-show; the case returns to "assigned" when nothing is left booked. */
  async close(sessionId: string, status: 'cancelled' | 'no_show', reason: string): Promise<SessionView> {
    const s = await this.liveSession(sessionId, ['booked', 'waiting']);
    if (status === 'no_show' && s.startsAt.getTime() > Date.now()) throw invalid('status', 'a no-show is recorded once the session has started');
    const c = await this.cases.visible(s.caseId);
    await this.db.manager.query(
      `UPDATE mediation_sessions SET status = $2, status_reason = $3, version = version + 1, updated_at = now() WHERE id = $1`,
      [sessionId, status, reason],
    );
    const [{ live }] = (await this.db.manager.query(
      `SELECT count(*)::int AS live FROM mediation_sessions s WHERE s.case_id = $1 AND ${LIVE}`,
      [s.caseId],
    )) as { live: number }[];
    if (live === 0 && c.status === 'scheduled') {
      await this.cases.move(c, 'assigned', { kind: 'transition', body: reason, detail: { sessionId, [status]: true } });
    }
    await this.sessionChanged(sessionId, c, status, s.startsAt, s.startsAt, reason);
    return this.session(sessionId);
  }

  /** The bank's representative confirms the time, or asks for another. */
  async confirmForBank(sessionId: string, answer: 'confirmed' | 'other_time_requested', note?: string): Promise<SessionView> {
    const s = await this.session(sessionId);
    const c = await this.cases.visible(s.caseId).catch(() => null);
    if (!c || this.db.scope.kind !== 'institution') throw SessionNotFound();
    if (s.status !== 'booked') throw SessionNotLive(s.status);
    await this.db.manager.query(
      `INSERT INTO session_confirmations (session_id, center_id, institution_id, branch_path, party, answer, for_starts_at, note, actor_user_id, actor_name)
       SELECT s.id, s.center_id, s.institution_id, s.branch_path, 'bank', $2, s.starts_at, $3, $4, (SELECT display_name FROM users WHERE id = $4)
       FROM mediation_sessions s WHERE s.id = $1
       ON CONFLICT (session_id, party) DO UPDATE SET answer = EXCLUDED.answer, for_starts_at = EXCLUDED.for_starts_at, note = EXCLUDED.note,
         actor_user_id = EXCLUDED.actor_user_id, actor_name = EXCLUDED.actor_name, at = now()`,
      [sessionId, answer, note ?? null, this.db.scope.userId],
    );
    await this.outbox.add({
      type: 'session.updated',
      rooms: caseRooms(c),
      payload: { sessionId, caseId: c.id, status: `bank_${answer}`, startsAt: s.startsAt.toISOString() },
    });
    await this.audit.record({ action: `session.bank-${answer.replace(/_/g, '-')}`, subjectType: 'session', subjectId: sessionId, detail: { caseNumber: c.caseNumber } });
    return this.session(sessionId);
  }

  /** The invitation as an iCalendar file, for everyone who may see the session. */
  async invitation(sessionId: string): Promise<{ fileName: string; body: string }> {
    const s = await this.session(sessionId);
    await this.cases.visible(s.caseId).catch(() => {
      throw SessionNotFound();
    });
    const [room] = s.roomId ? ((await this.db.manager.query(`SELECT address FROM mediation_rooms WHERE id = $1`, [s.roomId])) as { address: string }[]) : [];
    return sessionIcs({
      ...s,
      caseNumber: s.caseNumber ?? '',
      centerName: '',
      previousStartsAt: null,
      roomAddress: room?.address ?? null,
      reason: s.statusReason,
      cancelled: s.status === 'cancelled',
    });
  }

  async caseSessions(caseId: string): Promise<{ items: SessionView[] }> {
    await this.cases.visible(caseId);
    return {
      items: (await this.db.manager.query(`SELECT ${SESSION_COLUMNS} ${SESSION_FROM} WHERE s.case_id = $1 ORDER BY s.starts_at`, [caseId])) as SessionView[],
    };
  }

  /** A calendar: the center's (or one mediator's), a mediator's own, a bank's cases'. */
  async calendarSessions(from: string, to: string, mediatorId?: string): Promise<{ items: SessionView[] }> {
    const scope = this.db.scope;
    const p = new SqlParams();
    const where = [`s.starts_at < ${p.add(to)}`, `s.ends_at > ${p.add(from)}`];
    if (scope.kind === 'center') {
      where.push(`s.center_id = ${p.add(scope.organisationId)}`);
      const own = !hasRole(scope, 'center_admin', 'intake_officer', 'liaison_officer');
      if (own || mediatorId) where.push(`s.mediator_id = ${p.add(own ? scope.userId : mediatorId)}`);
    } else if (scope.kind === 'institution') {
      where.push(`s.institution_id = ${p.add(scope.organisationId)}`);
      if (scope.branchPath) where.push(`s.branch_path LIKE ${p.add(scope.branchPath)} || '%'`);
    } else {
      throw new ForbiddenError('Calendars belong to centers and banks');
    }
    return {
      items: (await this.db.manager.query(`SELECT ${SESSION_COLUMNS} ${SESSION_FROM} WHERE ${where.join(' AND ')} ORDER BY s.starts_at LIMIT 500`, p.values)) as SessionView[],
    };
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────

  private async session(id: string): Promise<SessionView> {
    const [row] = (await this.db.manager.query(`SELECT ${SESSION_COLUMNS} ${SESSION_FROM} WHERE s.id = $1`, [id])) as SessionView[];
    if (!row) throw SessionNotFound();
    return row;
  }

  /** A live session the caller may change: the center's intake/admin, or the case's mediator. */
  private async liveSession(id: string, live: string[]): Promise<SessionView> {
    const s = await this.session(id);
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

  /** Inside one of the mediator's spans on a working day of the center (DOMAIN.md "Scheduling"). */
  private async assertWithinHours(centerId: string, mediatorId: string, start: Date, end: Date): Promise<void> {
    const day = shanghaiDate(start);
    const [{ hours }, calendar] = await Promise.all([this.workingHours(mediatorId), this.calendar.between(centerId, day, day)]);
    const open = freeSlots({ fromDay: day, days: 1, minutes: (end.getTime() - start.getTime()) / 60_000, stepMinutes: 1, hours, calendar, busy: [], now: new Date(0) });
    if (!open.some((slot) => slot.start.getTime() === start.getTime())) throw OutsideHours();
  }

  /** Leave and training are never booked over, not even outside hours with a reason. */
  private async assertNotAway(mediatorId: string, start: Date, end: Date): Promise<void> {
    const [absence] = (await this.db.manager.query(
      `SELECT starts_at AS "startsAt", ends_at AS "endsAt", reason FROM mediator_absences WHERE mediator_id = $1 AND starts_at < $3 AND ends_at > $2 ORDER BY starts_at LIMIT 1`,
      [mediatorId, start, end],
    )) as { startsAt: Date; endsAt: Date; reason: string }[];
    if (absence) throw MediatorAway(absence);
  }

  private async busy(mediatorId: string, roomId: string | null, fromDay: string, toDay: string): Promise<Span[]> {
    const rows = (await this.db.manager.query(
      `SELECT starts_at AS start, ends_at AS "end" FROM mediation_sessions
         WHERE (mediator_id = $1 OR room_id = $2) AND status <> 'cancelled' AND starts_at < $4::date + 1 AND ends_at > $3::date - 1
       UNION ALL
       SELECT starts_at, ends_at FROM mediator_absences WHERE mediator_id = $1 AND starts_at < $4::date + 1 AND ends_at > $3::date - 1`,
      [mediatorId, roomId, fromDay, toDay],
    )) as Span[];
    return rows;
  }

  private async mediator(id: string): Promise<void> {
    if (this.db.scope.kind !== 'center') throw MediatorNotFound();
    const rows = (await this.db.manager.query(`SELECT 1 FROM users WHERE id = $1 AND organisation_id = $2 AND 'mediator' = ANY(roles)`, [
      id,
      this.centerId(),
    ])) as unknown[];
    if (!rows.length) throw MediatorNotFound();
  }

  /** A mediator keeps their own hours; a center admin keeps everyone's. */
  private async mediatorForChange(id: string): Promise<void> {
    await this.mediator(id);
    if (!hasRole(this.db.scope, 'center_admin') && this.db.scope.userId !== id) throw new ForbiddenError('Only the mediator or a center admin changes these', 'ROLE_REQUIRED');
  }

  /** A room of the center that still takes bookings: another center's is not found, a retired one refused. */
  private async bookableRoom(id: string): Promise<void> {
    // FOR SHARE: a room being retired at this instant waits for the booking, or the booking sees it retired.
    const [room] = (await this.db.manager.query(`SELECT is_active AS "isActive" FROM mediation_rooms WHERE id = $1 AND center_id = $2 FOR SHARE`, [
      id,
      this.centerId(),
    ])) as { isActive: boolean }[];
    if (!room) throw RoomNotFound();
    if (!room.isActive) throw RoomInactive();
  }

  private async roomView(id: string): Promise<RoomView> {
    const [row] = (await this.db.manager.query(`SELECT ${ROOM_COLUMNS} ${ROOM_FROM} WHERE r.id = $1 AND r.center_id = $2`, [id, this.centerId()])) as RoomView[];
    if (!row) throw RoomNotFound();
    return row;
  }

  /** A room sits at an outlet of one of the center's member institutions, or at none. */
  private async memberOutlet(branchId: string) {
    const outlet = await this.directory.memberBranch(this.centerId(), branchId);
    if (!outlet) throw OutletNotMember();
    return outlet;
  }

  private async sessionChanged(
    sessionId: string,
    c: { id: string; centerId: string; institutionId: string; branchPath: string; caseNumber: string | null },
    change: string,
    startsAt: Date,
    previousStartsAt: Date | null,
    reason?: string,
  ): Promise<void> {
    await this.cases.note(c, { kind: 'session', body: reason ?? null, detail: { sessionId, change, startsAt: startsAt.toISOString() } });
    await this.outbox.add({
      type: 'session.updated',
      rooms: caseRooms(c),
      payload: { sessionId, caseId: c.id, status: change, startsAt: startsAt.toISOString(), previousStartsAt: previousStartsAt?.toISOString() ?? null },
      job: 'sessions.plan-reminders',
    });
    if (change === 'booked' || change === 'rescheduled' || change === 'cancelled') {
      // The invitation (.ics) by e-mail, and the consumer's SMS: a job, so no personal data leaves this transaction.
      const [{ version }] = (await this.db.manager.query(`SELECT version FROM mediation_sessions WHERE id = $1`, [sessionId])) as { version: number }[];
      await this.outbox.add({
        type: 'session.invitation',
        payload: { sessionId, change, version, previousStartsAt: previousStartsAt?.toISOString() ?? null },
        job: 'sessions.send-invitation',
      });
    }
    await this.audit.record({ action: `session.${change.replace('_', '-')}`, subjectType: 'session', subjectId: sessionId, detail: { caseNumber: c.caseNumber, startsAt: startsAt.toISOString() } });
  }

  private centerId(): string {
    return this.db.scope.organisationId!;
  }
}
