import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';

/** A regulator's jurisdiction: the centers whose figures it watches. */
@Entity('regulator_jurisdictions')
@Index('idx_regulator_jurisdictions_center', ['centerId'])
export class RegulatorJurisdictionEntity {
  @PrimaryColumn('uuid')
  regulatorId: string;

  @PrimaryColumn('uuid')
  centerId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'regulator_id' })
  regulator?: OrganisationEntity;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'center_id' })
  center?: OrganisationEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
