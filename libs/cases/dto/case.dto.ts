import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  BUSINESS_LINES,
  CASE_STATUSES,
  CHANNELS,
  DISPUTE_TYPES,
  ID_DOCUMENT_TYPES,
  REJECT_REASONS,
  TRACKS,
} from '@accord/contracts';
import type { BusinessLine, CaseStatus, Channel, DisputeType, IdDocumentType, RejectReason, Track } from '@accord/contracts';
import { PageQueryDto } from '@accord/core';

export class ConsumerDto {
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name: string;

  @IsIn(ID_DOCUMENT_TYPES)
  idType: IdDocumentType;

  @IsString()
  @Matches(/^[0-9A-Za-z ]{4,32}$/, { message: 'idNumber must be 4-32 letters or digits' })
  idNumber: string;

  @IsString()
  @Matches(/^\+?[0-9 ()-]{7,20}$/, { message: 'phone must be a phone number' })
  phone: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(120)
  email?: string;

  @IsOptional()
  @IsBoolean()
  needsAssistance?: boolean;
}

/** The referral's own fields: a draft may leave them out, a submission needs them (checked in the service). */
export class CaseFieldsDto {
  @IsOptional()
  @IsUUID()
  branchId?: string;

  @IsOptional()
  @IsIn(BUSINESS_LINES)
  businessLine?: BusinessLine;

  @IsOptional()
  @IsIn(DISPUTE_TYPES)
  disputeType?: DisputeType;

  /** Amount in dispute in fen (integer). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1e14)
  amountFen?: number;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  facts?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  claims?: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  bankPosition?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  priorComplaintRef?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  complaintReceivedOn?: string;

  @IsOptional()
  @IsIn(CHANNELS)
  preferredChannel?: Channel;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  preferredTimes?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ConsumerDto)
  consumer?: ConsumerDto;

  /** Mediation is voluntary: no consent, no submission. */
  @IsOptional()
  @IsBoolean()
  consentGiven?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  consentNote?: string;
}

export class CreateCaseDto extends CaseFieldsDto {
  @IsUUID()
  centerId: string;

  /** Only a regulator's referral names the respondent; a bank files for itself. */
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  /** false saves a draft; the default files it at once (bank systems). */
  @IsOptional()
  @IsBoolean()
  submit?: boolean;
}

export class UpdateCaseDto extends CaseFieldsDto {
  /** The version the editor read: a stale edit is refused, never silently merged. */
  @IsInt()
  @Min(1)
  version: number;
}

export const CASE_LIST_SORTS = ['-updatedAt', 'updatedAt', 'submittedAt', '-submittedAt'] as const;
export type CaseListSort = (typeof CASE_LIST_SORTS)[number];

export class ListCasesQuery extends PageQueryDto {
  /** intake: the center's intake queue, oldest first. */
  @IsOptional()
  @IsIn(['intake', 'all'])
  view?: 'intake' | 'all';

  /** Comma-separated statuses. */
  @IsOptional()
  @Matches(new RegExp(`^(${CASE_STATUSES.join('|')})(,(${CASE_STATUSES.join('|')}))*$`), { message: 'status must be case statuses separated by commas' })
  status?: string;

  @IsOptional()
  @IsIn(TRACKS)
  track?: Track;

  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @IsOptional()
  @IsUUID()
  branchId?: string;

  @IsOptional()
  @IsUUID()
  mediatorId?: string;

  @IsOptional()
  @IsIn(BUSINESS_LINES)
  businessLine?: BusinessLine;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  idNumber?: string;

  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  /**
   * The running clock (intake decision, first session once accepted, or the mediation once it began) falls due on or before
   * this day (YYYY-MM-DD, Beijing): tomorrow's date lists the breached ones and those about to be.
   */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueBy must be a date (YYYY-MM-DD)' })
  dueBy?: string;

  /**
   * institution: the open cases that wait on the bank — returned for more information, or whose
   * last comment visible to the bank came from the center and is not yet answered.
   */
  @IsOptional()
  @IsIn(['institution'])
  awaiting?: 'institution';

  /**
   * Order, each served by an index: the case list by last update (-updatedAt, the default, or
   * updatedAt), the intake queue by submission (submittedAt, the default: oldest first, or -submittedAt).
   */
  @IsOptional()
  @IsIn(CASE_LIST_SORTS)
  sort?: CaseListSort;
}

export class NoteDto {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class RequiredNoteDto {
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note: string;
}

export class RejectCaseDto extends NoteDto {
  @IsIn(REJECT_REASONS)
  reason: RejectReason;
}

export class ReasonDto {
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class ChangeTrackDto extends ReasonDto {
  @IsIn(TRACKS)
  track: Track;
}

export class AssignCaseDto {
  @IsUUID()
  mediatorId: string;

  /** Required when the choice is not the first proposal. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  overrideReason?: string;
}

export class CommentDto {
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  body: string;

  /** An internal note: the center only, never the bank. */
  @IsOptional()
  @IsBoolean()
  internal?: boolean;
}

export type StatusList = CaseStatus[];

/** A center's time limits (working days) and the small-claims fast-track threshold (fen). */
/** How long a closed case's personal data is kept: 6 months to 30 years. */
export class ConsumerChoiceSettingsDto {
  @IsBoolean()
  enabled: boolean;
}

export class RetentionSettingsDto {
  @IsInt()
  @Min(6)
  @Max(360)
  closedRetentionMonths: number;
}

export class CaseSettingsDto {
  @IsInt()
  @Min(0)
  @Max(1e12)
  smallClaimsMaxFen: number;

  @IsInt()
  @Min(1)
  @Max(60)
  intakeDays: number;

  @IsInt()
  @Min(1)
  @Max(30)
  smallClaimsContactDays: number;

  @IsInt()
  @Min(1)
  @Max(90)
  firstSessionDays: number;
}
