import { Column } from 'typeorm';

/**
 * The case's owners, copied onto a row that belongs to a case: RLS reads the row like the case
 * (the center; the respondent institution, within a pinned user's branch subtree).
 */
export abstract class CaseOwned {
  @Column('uuid')
  centerId: string;

  @Column('uuid')
  institutionId: string;

  @Column({ type: 'text' })
  branchPath: string;
}
