import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Role, UserLanguage } from '@accord/contracts';
import { Timestamped } from '@accord/core/database/timestamps';
import { BranchEntity } from './branch.entity';
import { OrganisationEntity } from './organisation.entity';

@Entity('users')
@Check('chk_users_roles', `cardinality(roles) > 0`)
@Check('chk_users_language', `language IN ('zh-CN', 'en')`)
@Index('uq_users_username', ['username'], { unique: true })
@Index('idx_users_organisation_name', ['organisationId', 'displayName'])
export class UserEntity extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  /** An institution user pinned to a branch sees that branch's subtree only. */
  @Column({ type: 'uuid', nullable: true })
  branchId: string | null;

  @ManyToOne(() => BranchEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'branch_id' })
  branch?: BranchEntity;

  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 100 })
  displayName: string;

  /** Where invitations (.ics) and notices go by e-mail; staff data, not a consumer's. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'text' })
  passwordHash: string;

  @Column({ type: 'text', array: true })
  roles: Role[];

  /** A part-time mediator's home institution: never assigned to its cases. */
  @Column({ type: 'uuid', nullable: true })
  affiliatedInstitutionId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'affiliated_institution_id' })
  affiliatedInstitution?: OrganisationEntity;

  @Column({ type: 'boolean', default: true })
  isActive: boolean;

  /** Bumped by a trigger when roles, branch, organisation or activity change: older tokens stop (see the access-version migration). */
  @Column({ type: 'integer', default: 0 })
  accessVersion: number;

  /** A mediator's business lines (DOMAIN.md business lines): assignment ranks by these. */
  @Column({ type: 'text', array: true, default: '{}' })
  expertise: string[];

  /** Languages or needs a mediator serves besides Mandarin (dialects, sign language, elderly). */
  @Column({ type: 'text', array: true, default: '{}' })
  languages: string[];

  /** The language of the user's notification e-mails (their choice in the security settings). */
  @Column({ type: 'varchar', length: 8, default: 'zh-CN' })
  language: UserLanguage;

  /** Off for a mediator on leave or at capacity: never proposed, still overridable. */
  @Column({ type: 'boolean', default: true })
  acceptingCases: boolean;
}
