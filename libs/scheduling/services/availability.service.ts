import { Injectable } from '@nestjs/common';
import { AuditService, CalendarService, Database, ForbiddenError, hasRole, shanghaiDate } from '@accord/core';
import { DirectoryService } from '@accord/organisations';
import type { AbsenceDto, WorkingHoursDto } from '../dto/scheduling.dto';
import { AbsenceRow, AvailabilityRepository } from '../repositories/availability.repository';
import { invalid, MediatorAway, MediatorNotFound, OutsideHours, SessionNotFound } from '../scheduling.errors';
import { freeSlots, Span, WeeklyHours } from './slots';

/**
 * When a mediator can be booked (DOMAIN.md "Scheduling"): their weekly hours and absences,
 * kept by themselves or a center admin, and the checks a booking passes against them.
 */
@Injectable()
export class AvailabilityService {
  constructor(
    private readonly db: Database,
    private readonly availability: AvailabilityRepository,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly directory: DirectoryService,
  ) {}

  async workingHours(mediatorId: string): Promise<{ hours: WeeklyHours[] }> {
    await this.mediator(mediatorId);
    return { hours: await this.availability.workingHours(mediatorId) };
  }

  async saveWorkingHours(mediatorId: string, hours: WorkingHoursDto[]): Promise<{ hours: WeeklyHours[] }> {
    await this.mediatorForChange(mediatorId);
    const errors = hours.flatMap((h, i) => (h.endsAt > h.startsAt ? [] : [{ i, m: 'endsAt must be after startsAt' }]));
    if (errors.length) throw invalid(`hours[${errors[0].i}].endsAt`, errors[0].m);
    await this.availability.replaceWorkingHours(this.centerId(), mediatorId, hours);
    await this.audit.record({ action: 'mediator.working-hours-saved', subjectType: 'user', subjectId: mediatorId, detail: { spans: hours.length } });
    return this.workingHours(mediatorId);
  }

  async absences(mediatorId: string): Promise<{ items: AbsenceRow[] }> {
    await this.mediator(mediatorId);
    return { items: await this.availability.absences(mediatorId) };
  }

  async addAbsence(mediatorId: string, dto: AbsenceDto): Promise<AbsenceRow> {
    await this.mediatorForChange(mediatorId);
    if (Date.parse(dto.endsAt) <= Date.parse(dto.startsAt)) throw invalid('endsAt', 'must be after startsAt');
    return this.availability.addAbsence(this.centerId(), mediatorId, dto);
  }

  async removeAbsence(mediatorId: string, absenceId: string): Promise<void> {
    await this.mediatorForChange(mediatorId);
    if (!(await this.availability.removeAbsence(mediatorId, absenceId))) throw SessionNotFound();
  }

  /** What keeps the mediator (or the room) from a new booking between the two days. */
  busy(mediatorId: string, roomId: string | null, fromDay: string, toDay: string): Promise<Span[]> {
    return this.availability.busy(mediatorId, roomId, fromDay, toDay);
  }

  /** Inside one of the mediator's spans on a working day of the center (DOMAIN.md "Scheduling"). */
  async assertWithinHours(centerId: string, mediatorId: string, start: Date, end: Date): Promise<void> {
    const day = shanghaiDate(start);
    const [{ hours }, calendar] = await Promise.all([this.workingHours(mediatorId), this.calendar.between(centerId, day, day)]);
    const open = freeSlots({ fromDay: day, days: 1, minutes: (end.getTime() - start.getTime()) / 60_000, stepMinutes: 1, hours, calendar, busy: [], now: new Date(0) });
    if (!open.some((slot) => slot.start.getTime() === start.getTime())) throw OutsideHours();
  }

  /** Leave and training are never booked over, not even outside hours with a reason. */
  async assertNotAway(mediatorId: string, start: Date, end: Date): Promise<void> {
    const absence = await this.availability.absenceDuring(mediatorId, start, end);
    if (absence) throw MediatorAway(absence);
  }

  private async mediator(id: string): Promise<void> {
    if (this.db.scope.kind !== 'center') throw MediatorNotFound();
    if (!(await this.directory.holdsRole(id, this.centerId(), 'mediator'))) throw MediatorNotFound();
  }

  /** A mediator keeps their own hours; a center admin keeps everyone's. */
  private async mediatorForChange(id: string): Promise<void> {
    await this.mediator(id);
    if (!hasRole(this.db.scope, 'center_admin') && this.db.scope.userId !== id) throw new ForbiddenError('Only the mediator or a center admin changes these', 'ROLE_REQUIRED');
  }

  private centerId(): string {
    return this.db.scope.organisationId!;
  }
}
