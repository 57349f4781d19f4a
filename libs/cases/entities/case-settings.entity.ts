import { JoinColumn, ManyToOne, Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** A center's published time limits and small-claims threshold (DOMAIN.md "Tracks and time limits"). */
@Entity('case_settings')
@Check('chk_case_settings_positive', `small_claims_max_fen >= 0 AND intake_days > 0 AND small_claims_contact_days > 0 AND first_session_days > 0`)
@Check('chk_case_settings_retention', `closed_retention_months BETWEEN 6 AND 360`)
export class CaseSettingsEntity {
  @PrimaryColumn('uuid')
  centerId: string;

  @Column({ type: 'bigint', default: 500000 })
  smallClaimsMaxFen: string;

  @Column({ type: 'int', default: 5 })
  intakeDays: number;

  @Column({ type: 'int', default: 2 })
  smallClaimsContactDays: number;

  @Column({ type: 'int', default: 10 })
  firstSessionDays: number;

  /** How long a closed case's consumer identity and evidence are kept after closure (PIPL); then the erasure job clears them. */
  @Column({ type: 'int', default: 36 })
  closedRetentionMonths: number;

  /** The consumer may pick one of up to three proposed mediators on their consent link (2025 joint opinion). */
  @Column({ type: 'boolean', default: false })
  consumerChoosesMediator: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @ManyToOne('OrganisationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'center_id' })
  centerRef?: unknown;
}
