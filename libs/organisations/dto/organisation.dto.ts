import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { USER_LANGUAGES, type UserLanguage } from '@accord/contracts';
import {
  IsBoolean,
  IsEmail,
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { BRANCH_LEVELS, MEMBERSHIP_STATUSES, ROLES } from '@accord/contracts';
import type { BranchLevel, MembershipStatus, Role } from '@accord/contracts';
import { PageQueryDto } from '@accord/core';

export class NewUserDto {
  @ApiProperty({ example: 'qd.admin' })
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: 'username must be 3-64 of a-z 0-9 . _ -, starting with a letter or digit' })
  username: string;

  @ApiProperty({ example: '王明' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName: string;

  /** Length, the common-password list and the username are checked by the password policy (NIST 800-63B). */
  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @MaxLength(512)
  password: string;
}

export class CreateUserDto extends NewUserDto {
  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(4)
  @IsIn(ROLES as Role[], { each: true })
  roles: Role[];

  @ApiPropertyOptional({ description: 'Institution users: pin to a branch (sees its subtree only)' })
  @IsOptional()
  @IsUUID()
  branchId?: string;

  @ApiPropertyOptional({ description: "Centers: a part-time mediator's home institution" })
  @IsOptional()
  @IsUUID()
  affiliatedInstitutionId?: string;

  @ApiPropertyOptional({ description: 'Where session invitations (.ics) go by e-mail', example: 'wang.ming@example.cn' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string;
}

export class CreateOrganisationDto {
  @ApiProperty({ enum: ['center', 'institution', 'regulator'] })
  @IsIn(['center', 'institution', 'regulator'])
  kind: 'center' | 'institution' | 'regulator';

  @ApiProperty({ example: '青岛市银行保险业纠纷调解中心' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ description: "A center's case-number prefix", example: 'QD' })
  @ValidateIf((o: CreateOrganisationDto) => o.kind === 'center' || o.code !== undefined)
  @Matches(/^[A-Z]{2,6}$/, { message: 'code must be 2-6 capital letters (required for centers)' })
  code?: string;

  @ApiPropertyOptional({ example: '370200' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'regionCode must be a 6-digit division code' })
  regionCode?: string;

  @ApiPropertyOptional({ description: "Regulators: the centers of the jurisdiction" })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsUUID('all', { each: true })
  jurisdictionCenterIds?: string[];

  @ApiProperty({ type: NewUserDto, description: "The organisation's first admin" })
  @ValidateNested()
  @Type(() => NewUserDto)
  admin: NewUserDto;
}

export class ListOrganisationsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['platform', 'center', 'institution', 'regulator'] })
  @IsOptional()
  @IsIn(['platform', 'center', 'institution', 'regulator'])
  kind?: 'platform' | 'center' | 'institution' | 'regulator';
}

export class CreateBranchDto {
  @ApiProperty()
  @IsUUID()
  parentId: string;

  @ApiProperty({ example: '青岛市南支行' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: BRANCH_LEVELS })
  @IsIn(BRANCH_LEVELS.filter((l) => l !== 'head_office'))
  level: Exclude<BranchLevel, 'head_office'>;

  @ApiProperty({ example: 'QD-SN-01' })
  @Matches(/^[A-Za-z0-9-]{1,32}$/, { message: 'code must be 1-32 of letters, digits and -' })
  code: string;
}

export class CreateMembershipDto {
  @ApiProperty()
  @IsUUID()
  institutionId: string;

  @ApiProperty({ example: '2026-01-01' })
  @IsDateString({ strict: true })
  since: string;
}

export class UpdateMembershipDto {
  @ApiProperty({ enum: MEMBERSHIP_STATUSES })
  @IsIn(MEMBERSHIP_STATUSES)
  status: MembershipStatus;
}

export class BranchTreeQuery {
  /** For centers and regulators: the member institution whose tree to read. */
  @IsOptional()
  @IsUUID()
  institutionId?: string;
}

export class SecondFactorPolicyDto {
  @ApiProperty({ description: 'all the institution’s users must use a second factor' })
  @IsBoolean()
  required: boolean;
}

/** PUT /me/language: the language of the signed-in user's notification e-mails. */
export class UserLanguageDto {
  @ApiProperty({ enum: USER_LANGUAGES })
  @IsIn(USER_LANGUAGES)
  language: UserLanguage;
}
