import { JoinColumn, ManyToOne, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last case number a center gave out in a year. Allocation is an UPDATE … RETURNING in the
 * filing transaction: concurrent filings queue on the row and a rolled-back filing gives its
 * number back, so numbers have neither duplicates nor gaps.
 */
@Entity('case_number_counters')
export class CaseNumberCounterEntity {
  @PrimaryColumn('uuid')
  centerId: string;

  @PrimaryColumn('int')
  year: number;

  @Column({ type: 'int', default: 0 })
  lastValue: number;

  @ManyToOne('OrganisationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'center_id' })
  centerRef?: unknown;
}
