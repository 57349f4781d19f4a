import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { MembershipStatus } from '@accord/contracts';
import { Timestamped } from '@accord/core/database/timestamps';
import { OrganisationEntity } from './organisation.entity';

/** An institution's membership of a center (会员单位). */
@Entity('memberships')
@Check('chk_memberships_status', `status IN ('active', 'suspended', 'ended')`)
@Index('uq_memberships_center_institution', ['centerId', 'institutionId'], { unique: true })
@Index('idx_memberships_institution', ['institutionId'])
export class MembershipEntity extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  centerId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'center_id' })
  center?: OrganisationEntity;

  @Column('uuid')
  institutionId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id' })
  institution?: OrganisationEntity;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: MembershipStatus;

  @Column({ type: 'date' })
  since: string;
}
