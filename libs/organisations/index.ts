import { BranchEntity } from './entities/branch.entity';
import { MembershipEntity } from './entities/membership.entity';
import { OrganisationEntity } from './entities/organisation.entity';
import { RegulatorJurisdictionEntity } from './entities/regulator-jurisdiction.entity';
import { UserEntity } from './entities/user.entity';

export const organisationEntities = [
  OrganisationEntity,
  RegulatorJurisdictionEntity,
  BranchEntity,
  MembershipEntity,
  UserEntity,
];

export { OrganisationsModule } from './organisations.module';
export { DirectoryService } from './services/directory.service';
export type { Mediator, MemberBranch } from './services/directory.service';
export { directorySql } from './repositories/directory.sql';
