import { Injectable } from '@nestjs/common';
import { Database } from '@accord/core';
import { sessionOpensAt } from '@accord/contracts';
import type { TimelineMessage } from '@accord/contracts';
import { CaseLifecycle, CaseReading } from '@accord/cases';
import { SchedulingService, SessionRecords } from '@accord/scheduling';
import type { AdjournDto, CheckInDto, ConcludeDto } from '../dto/session-console.dto';
import { MediationMethodRepository } from '../repositories/mediation-method.repository';
import { SessionCallRepository } from '../repositories/session-call.repository';
import { SessionNoteRepository } from '../repositories/session-note.repository';
import { SessionRoomRepository } from '../repositories/session-room.repository';
import { CaucusOpen, NoCaucus, SessionStateConflict, TooEarly } from '../sessions.errors';
import { SessionAccess } from './session-access.service';

/**
 * Running a session (DOMAIN.md "Session"): the mediator opens the waiting room and checks the
 * parties in, begins (the case goes in_session), talks with one side alone and brings everyone
 * back (caucus time recorded), and adjourns with the next date or concludes. The method
 * checklist, the notes and the calls have their own services beside this one. Every change
 * reaches every open page through the outbox; the bank reads the status, never the notes,
 * calls or the checklist.
 */
@Injectable()
export class SessionConsoleService {
  constructor(
    private readonly db: Database,
    private readonly access: SessionAccess,
    private readonly records: SessionRecords,
    private readonly room: SessionRoomRepository,
    private readonly method: MediationMethodRepository,
    private readonly calls: SessionCallRepository,
    private readonly notes: SessionNoteRepository,
    private readonly cases: CaseReading,
    private readonly caseLifecycle: CaseLifecycle,
    private readonly scheduling: SchedulingService,
  ) {}

  /** Everything the console shows; the bank gets the live status, check-ins and timer only. */
  async console(sessionId: string) {
    const s = await this.access.visible(sessionId);
    const center = this.db.scope.kind === 'center';
    const [checkIns, caucuses, confirmations] = await Promise.all([
      this.room.checkIns(sessionId),
      this.room.caucuses(sessionId),
      // The parties' answers for the current time: the consumer's confirmation shows up here live.
      this.records.confirmations(sessionId, s.startsAt),
    ]);
    const base = {
      session: {
        id: s.id,
        caseId: s.caseId,
        caseNumber: s.caseNumber,
        mediatorId: s.mediatorId,
        mediatorName: s.mediatorName,
        channel: s.channel,
        status: s.status,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        opensAt: sessionOpensAt(s.startsAt),
        openedAt: s.openedAt,
        beganAt: s.beganAt,
        endedAt: s.endedAt,
        nextSessionId: s.nextSessionId,
        participants: s.participants,
        statusReason: s.statusReason,
        statusReasonMessage: s.statusReasonMessage as TimelineMessage | null,
      },
      checkIns,
      confirmations,
      caucuses,
      openCaucus: caucuses.find((c) => !c.endedAt) ?? null,
      caucusSeconds: caucuses.reduce((sum, c) => sum + c.seconds, 0),
      mayRun: center && this.access.mayRun(s),
    };
    if (!center) return { ...base, steps: [], calls: [], note: null };
    const [steps, calls, note] = await Promise.all([
      this.method.stepsTicked(s.centerId, sessionId),
      this.calls.list(sessionId),
      // RLS keeps notes to their author; the query says so too.
      this.notes.find(sessionId, this.db.scope.userId),
    ]);
    return { ...base, steps, calls, note: note ?? { body: '', version: 0, updatedAt: null } };
  }

  /** Opens the waiting room: the parties check in; the bank sees "waiting". */
  async open(sessionId: string) {
    const s = await this.access.runnable(sessionId);
    if (s.status !== 'booked') throw SessionStateConflict(s.status, 'opened');
    const opensAt = sessionOpensAt(s.startsAt);
    if (Date.now() < opensAt.getTime()) throw TooEarly(opensAt);
    await this.access.setStatus(s, 'waiting');
    await this.access.changed(s, 'waiting', 'opened');
    return this.console(sessionId);
  }

  async checkIn(sessionId: string, dto: CheckInDto) {
    const s = await this.access.runnable(sessionId);
    if (!['waiting', 'in_progress'].includes(s.status)) throw SessionStateConflict(s.status, 'checked in to');
    await this.room.checkIn(s, dto, this.db.scope.userId);
    await this.access.changed(s, s.status, 'checked_in');
    return this.console(sessionId);
  }

  /**
   * The mediator let a party into the video room: they are present. A booked session opens its
   * waiting room with it; the check-in takes the booked participant's name for that side.
   */
  async checkInFromVideo(sessionId: string, party: 'consumer' | 'bank', nameInRoom: string): Promise<void> {
    const s = await this.access.runnable(sessionId);
    if (s.status === 'booked') {
      await this.access.setStatus(s, 'waiting');
      await this.access.changed(s, 'waiting', 'opened');
    }
    if (!['waiting', 'in_progress'].includes(s.status)) return;
    const role = party === 'bank' ? 'bank_representative' : 'consumer';
    const booked = s.participants.filter((p) => p.role === role);
    await this.checkIn(sessionId, { role, name: booked.length === 1 ? booked[0].name : nameInRoom.slice(0, 100), via: 'video' });
  }

  /** The mediation itself begins: the case goes in_session, the timer runs. */
  async begin(sessionId: string) {
    const s = await this.access.runnable(sessionId);
    if (!['booked', 'waiting'].includes(s.status)) throw SessionStateConflict(s.status, 'begun');
    const opensAt = sessionOpensAt(s.startsAt);
    if (Date.now() < opensAt.getTime()) throw TooEarly(opensAt);
    await this.access.setStatus(s, 'in_progress');
    const c = await this.cases.visible(s.caseId);
    if (c.status === 'scheduled') await this.caseLifecycle.move(c, 'in_session', { kind: 'transition', detail: { sessionId, channel: s.channel } });
    await this.access.changed(s, 'in_progress', 'began', { note: true });
    return this.console(sessionId);
  }

  /** 背靠背: the mediator talks with one side alone; the others see that they wait, not what is said. */
  async startCaucus(sessionId: string, withParty: 'consumer' | 'bank') {
    const s = await this.access.runnable(sessionId);
    if (s.status !== 'in_progress') throw SessionStateConflict(s.status, 'split into a private talk');
    const open = await this.room.openCaucus(sessionId);
    if (open) throw CaucusOpen(open);
    try {
      await this.room.startCaucus(s, withParty, this.db.scope.userId);
    } catch (error) {
      // Two clicks at once: the partial unique index lets one caucus be open.
      if ((error as { code?: string }).code === '23505') throw CaucusOpen(withParty);
      throw error;
    }
    await this.access.changed(s, 'in_progress', `caucus_${withParty}`, { note: true });
    return this.console(sessionId);
  }

  async endCaucus(sessionId: string) {
    const s = await this.access.runnable(sessionId);
    if (!(await this.room.endCaucus(sessionId))) throw NoCaucus();
    await this.access.changed(s, s.status, 'caucus_ended', { note: true });
    return this.console(sessionId);
  }

  /** Adjourns; with a next date the next session is booked in the same transaction, or nothing is. */
  async adjourn(sessionId: string, dto: AdjournDto) {
    const s = await this.access.runnable(sessionId);
    if (s.status !== 'in_progress') throw SessionStateConflict(s.status, 'adjourned');
    await this.room.endCaucus(sessionId);
    await this.access.setStatus(s, 'adjourned', dto.reason);
    const c = await this.cases.visible(s.caseId);
    if (c.status === 'in_session') await this.caseLifecycle.move(c, 'adjourned', { kind: 'transition', body: dto.reason, detail: { sessionId } });
    let nextSessionId: string | null = null;
    if (dto.next) {
      const next = await this.scheduling.book(s.caseId, {
        channel: dto.next.channel ?? (s.channel as 'phone' | 'video' | 'on_site'),
        startsAt: dto.next.startsAt,
        minutes: dto.next.minutes,
        roomId: dto.next.roomId,
        participants: s.participants,
        outsideHoursReason: dto.next.outsideHoursReason,
      });
      nextSessionId = next.id;
      await this.records.linkNext(sessionId, nextSessionId);
    }
    await this.access.changed(s, 'adjourned', 'adjourned', { note: true, reason: dto.reason, detail: { nextSessionId } });
    return this.console(sessionId);
  }

  /** Ends the session; the outcome of the case is recorded next (settled, not settled…). */
  async conclude(sessionId: string, dto: ConcludeDto, message?: TimelineMessage) {
    const s = await this.access.runnable(sessionId);
    if (s.status !== 'in_progress') throw SessionStateConflict(s.status, 'concluded');
    await this.room.endCaucus(sessionId);
    await this.access.setStatus(s, 'concluded', dto.summary ?? null, message);
    // a summary the system wrote (the outcome ended the session) comes with its message key
    await this.access.changed(s, 'concluded', 'concluded', { note: true, reason: dto.summary, detail: message ? { message } : undefined });
    return this.console(sessionId);
  }
}
