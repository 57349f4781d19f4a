import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganisationKind } from '@accord/contracts';
import { Timestamped } from '@accord/core/database/timestamps';

@Entity('organisations')
@Check('chk_organisations_kind', `kind IN ('platform', 'center', 'institution', 'regulator')`)
@Check('chk_organisations_center_code', `(kind = 'center') = (code IS NOT NULL)`)
@Index('idx_organisations_kind_name', ['kind', 'name'])
export class OrganisationEntity extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: OrganisationKind;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** A center's case-number prefix (QD in QD-2026-000123). */
  @Index('uq_organisations_code', { unique: true })
  @Column({ type: 'varchar', length: 8, nullable: true })
  code: string | null;

  /** Administrative division code (e.g. 310000 Shanghai, 370200 Qingdao). */
  @Column({ type: 'varchar', length: 12, nullable: true })
  regionCode: string | null;

  @Column({ type: 'boolean', default: true })
  isActive: boolean;

  /** An institution's policy: its users (not only its admins) must use a second factor. */
  @Column({ type: 'boolean', default: false })
  secondFactorRequired: boolean;
}
