import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { BranchLevel } from '@accord/contracts';
import { Timestamped } from '@accord/core/database/timestamps';
import { OrganisationEntity } from './organisation.entity';

/**
 * A node of an institution's branch tree. `path` is the materialised path of ids
 * ('/<head>/<branch>/…/<self>/'), so a pinned user's subtree is one prefix match.
 */
@Entity('branches')
@Check('chk_branches_level', `level IN ('head_office', 'branch', 'sub_branch', 'outlet')`)
@Check('chk_branches_root', `(parent_id IS NULL) = (level = 'head_office')`)
@Index('uq_branches_institution_code', ['institutionId', 'code'], { unique: true })
@Index('idx_branches_institution_path', ['institutionId', 'path'])
export class BranchEntity extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  institutionId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id' })
  institution?: OrganisationEntity;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => BranchEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: BranchEntity;

  @Column({ type: 'varchar', length: 16 })
  level: BranchLevel;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'text' })
  path: string;
}
