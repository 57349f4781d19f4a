import { Global, Module } from '@nestjs/common';
import { PROFILE_READER } from '@accord/core';
import {
  BranchesController,
  MembershipsController,
  OrganisationsController,
  UsersController,
} from './controllers/organisations.controller';
import { DirectoryRepository } from './repositories/directory.repository';
import { BranchRepository } from './repositories/branch.repository';
import { MembershipRepository } from './repositories/membership.repository';
import { OrganisationRepository } from './repositories/organisation.repository';
import { UserRepository } from './repositories/user.repository';
import { BranchService } from './services/branch.service';
import { DirectoryService } from './services/directory.service';
import { MembershipService } from './services/membership.service';
import { OrganisationService } from './services/organisation.service';
import { UserService } from './services/user.service';

/** Tenants and people: organisations, branch trees, memberships, users. */
@Global()
@Module({
  controllers: [OrganisationsController, UsersController, BranchesController, MembershipsController],
  providers: [
    OrganisationRepository,
    UserRepository,
    BranchRepository,
    MembershipRepository,
    DirectoryRepository,
    OrganisationService,
    UserService,
    BranchService,
    MembershipService,
    DirectoryService,
    { provide: PROFILE_READER, useExisting: UserService },
  ],
  exports: [PROFILE_READER, DirectoryService],
})
export class OrganisationsModule {}
