import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AllowApiKey, PageQueryDto, Roles, UuidParam } from '@accord/core';
import {
  CreateBranchDto,
  CreateMembershipDto,
  CreateOrganisationDto,
  CreateUserDto,
  BranchTreeQuery,
  ListOrganisationsQuery,
  SecondFactorPolicyDto,
  UpdateMembershipDto,
  UserLanguageDto,
} from '../dto/organisation.dto';
import { BranchService } from '../services/branch.service';
import { MembershipService } from '../services/membership.service';
import { OrganisationService } from '../services/organisation.service';
import { UserService } from '../services/user.service';
import { ApiCreated, ApiItems, ApiPage, ApiResult } from '@accord/core';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationService) {}

  /** What the caller may see: platform all; a center institutions; a regulator its jurisdiction. */
  @Get()
  @Roles('platform_admin', 'center_admin', 'intake_officer', 'institution_admin', 'regulator_analyst', 'regulator_supervisor')
  @ApiPage('OrganisationView')
  list(@Query() query: ListOrganisationsQuery) {
    return this.organisations.list(query);
  }

  /** The institution's own policy: a second factor for all its users, not only its admins. */
  @Put('mine/second-factor-policy')
  @Roles('institution_admin')
  @ApiResult('SecondFactorPolicy')
  setSecondFactorPolicy(@Body() body: SecondFactorPolicyDto) {
    return this.organisations.setSecondFactorPolicy(body.required);
  }

  @Get(':id')
  @ApiResult('OrganisationView')
  get(@Param('id', new UuidParam('Organisation')) id: string) {
    return this.organisations.get(id);
  }

  @Post()
  @Roles('platform_admin')
  @ApiCreated('OrganisationView')
  create(@Body() body: CreateOrganisationDto) {
    return this.organisations.create(body);
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(private readonly users: UserService) {}

  @Get('me')
  @ApiResult('ProfileView')
  me() {
    return this.users.currentProfile();
  }

  /** The signed-in user's language (zh-CN or en): their notification e-mails go in it. */
  @Put('me/language')
  @ApiResult('ProfileView')
  setLanguage(@Body() body: UserLanguageDto) {
    return this.users.setLanguage(body.language);
  }

  @Get('users')
  @Roles('platform_admin', 'center_admin', 'institution_admin')
  @ApiPage('UserView')
  list(@Query() query: PageQueryDto) {
    return this.users.list(query.page, query.pageSize, query.q);
  }

  @Post('users')
  @Roles('platform_admin', 'center_admin', 'institution_admin')
  @ApiCreated('UserView')
  create(@Body() body: CreateUserDto) {
    return this.users.create(body);
  }

  @Post('users/:id/deactivate')
  @HttpCode(200)
  @Roles('platform_admin', 'center_admin', 'institution_admin')
  @ApiResult('UserView')
  deactivate(@Param('id', new UuidParam('User')) id: string) {
    return this.users.setActive(id, false);
  }

  @Post('users/:id/activate')
  @HttpCode(200)
  @Roles('platform_admin', 'center_admin', 'institution_admin')
  @ApiResult('UserView')
  activate(@Param('id', new UuidParam('User')) id: string) {
    return this.users.setActive(id, true);
  }

  /** A lost phone: the user's authenticator and recovery codes go, their sessions end, they enrol again. */
  @Post('users/:id/second-factor/reset')
  @HttpCode(204)
  @Roles('platform_admin', 'center_admin', 'institution_admin')
  resetSecondFactor(@Param('id', new UuidParam('User')) id: string): Promise<void> {
    return this.users.resetSecondFactor(id);
  }

  @Post('users/:id/sessions/revoke')
  @HttpCode(200)
  @Roles('platform_admin', 'center_admin', 'institution_admin')
  @ApiResult('RevokedSessions')
  revokeSessions(@Param('id', new UuidParam('User')) id: string) {
    return this.users.revokeSessions(id);
  }
}

@ApiTags('branches')
@ApiBearerAuth()
@Controller('branches')
@Roles('institution_admin', 'branch_manager', 'complaint_handler', 'viewer')
export class BranchesController {
  constructor(private readonly branches: BranchService) {}

  /** Bank systems read the tree too, to file from the right branch; centers and regulators name a member institution. */
  @Get()
  @AllowApiKey()
  @Roles('institution_admin', 'branch_manager', 'complaint_handler', 'viewer', 'center_admin', 'intake_officer', 'regulator_analyst', 'regulator_supervisor')
  @ApiItems('BranchView')
  tree(@Query() query: BranchTreeQuery) {
    return this.branches.tree(query.institutionId);
  }

  @Post()
  @Roles('institution_admin')
  @ApiCreated('BranchView')
  create(@Body() body: CreateBranchDto) {
    return this.branches.create(body);
  }
}

@ApiTags('memberships')
@ApiBearerAuth()
@Controller('memberships')
export class MembershipsController {
  constructor(private readonly memberships: MembershipService) {}

  /** Branch staff read their institution's centers too: they choose one when they file. */
  @Get()
  @Roles('platform_admin', 'center_admin', 'intake_officer', 'institution_admin', 'branch_manager', 'complaint_handler', 'viewer', 'regulator_analyst', 'regulator_supervisor')
  @ApiPage('MembershipView')
  list(@Query() query: PageQueryDto) {
    return this.memberships.list(query.page, query.pageSize);
  }

  @Post()
  @Roles('center_admin')
  @ApiCreated('MembershipView')
  create(@Body() body: CreateMembershipDto) {
    return this.memberships.create(body);
  }

  @Patch(':id')
  @Roles('center_admin')
  @ApiResult('MembershipView')
  update(@Param('id', new UuidParam('Membership')) id: string, @Body() body: UpdateMembershipDto) {
    return this.memberships.setStatus(id, body.status);
  }
}
