import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * A center's working-day calendar, as exceptions to "Monday–Friday work": statutory holidays
 * (is_working false) and weekend days made working days (调休, is_working true).
 */
@Entity('calendar_days')
export class CalendarDayEntity {
  @PrimaryColumn('uuid')
  centerId: string;

  @PrimaryColumn('date')
  day: string;

  @Column({ type: 'boolean' })
  isWorking: boolean;

  @Column({ type: 'varchar', length: 60, default: '' })
  name: string;

  @ManyToOne('OrganisationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'center_id' })
  centerRef?: unknown;
}

/** The years a center's calendar covers; a clock that reaches another year fails loudly. */
@Entity('calendar_years')
export class CalendarYearEntity {
  @PrimaryColumn('uuid')
  centerId: string;

  @PrimaryColumn('int')
  year: number;

  @Column({ type: 'varchar', length: 40, default: 'manual' })
  source: string;

  @ManyToOne('OrganisationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'center_id' })
  centerRef?: unknown;
}

export const calendarEntities = [CalendarDayEntity, CalendarYearEntity];
