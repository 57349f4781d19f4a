import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsUUID, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '@accord/core';
import { JUDICIAL_RESULTS, OBLIGATION_PARTIES, OTHER_ROUTES, OUTCOMES, TERMINATION_REASONS } from '@accord/contracts';
import type { JudicialResult, ObligationParty, Outcome, OtherRoute, TerminationReason } from '@accord/contracts';

/** 10 billion yuan: beyond any consumer dispute, and safely inside a JavaScript integer. */
const MAX_FEN = 1_000_000_000_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ObligationDto {
  @IsIn(OBLIGATION_PARTIES)
  owedBy: ObligationParty;

  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description: string;

  @IsOptional()
  @IsInt({ message: 'amountFen must be a whole number of fen' })
  @Min(0)
  @Max(MAX_FEN)
  amountFen?: number | null;

  @Matches(DATE, { message: 'dueOn must be a date (YYYY-MM-DD)' })
  dueOn: string;
}

export class InstalmentDto {
  @IsInt({ message: 'totalFen must be a whole number of fen' })
  @Min(1)
  @Max(MAX_FEN)
  totalFen: number;

  @IsInt()
  @Min(1)
  @Max(120)
  count: number;

  @Matches(DATE, { message: 'firstDueOn must be a date (YYYY-MM-DD)' })
  firstDueOn: string;
}

/** A settlement's terms: amounts in fen (integers), obligations with who owes what by when. */
export class TermsDto {
  @IsInt({ message: 'refundFen must be a whole number of fen' })
  @Min(0)
  @Max(MAX_FEN)
  refundFen: number;

  @IsInt({ message: 'feeWaiverFen must be a whole number of fen' })
  @Min(0)
  @Max(MAX_FEN)
  feeWaiverFen: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => InstalmentDto)
  instalment?: InstalmentDto | null;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  freeText?: string;

  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ObligationDto)
  obligations: ObligationDto[];
}

/** POST /cases/:id/outcome — which details are required depends on the outcome (checked in the service). */
export class RecordOutcomeDto {
  @IsIn(OUTCOMES)
  outcome: Outcome;

  @IsOptional()
  @ValidateNested()
  @Type(() => TermsDto)
  terms?: TermsDto;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  notSettledReason?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(OTHER_ROUTES, { each: true })
  otherRoutes?: OtherRoute[];

  @IsOptional()
  @IsIn(TERMINATION_REASONS)
  terminationReason?: TerminationReason;

  /** Free note for the timeline; for a withdrawal, why and by whom. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** PUT /cases/:id/judicial-confirmation — whether the parties apply, where, when, and the court's answer. */
export class JudicialConfirmationDto {
  @IsBoolean()
  applying: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  court?: string | null;

  @IsOptional()
  @Matches(DATE, { message: 'appliedOn must be a date (YYYY-MM-DD)' })
  appliedOn?: string | null;

  @IsOptional()
  @IsIn(JUDICIAL_RESULTS)
  result?: JudicialResult | null;

  @IsOptional()
  @Matches(DATE, { message: 'resultOn must be a date (YYYY-MM-DD)' })
  resultOn?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** POST /cases/:id/obligations/:obligationId/performed — what proves it. */
export class PerformedDto {
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  note: string;

  /** An attachment of the case (uploaded first) holding the receipt or letter. */
  @IsOptional()
  @IsUUID()
  attachmentId?: string;
}

/** POST /public/consumer/survey — the consumer's answer. */
export class SurveyAnswerDto {
  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction: number;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class FollowUpListQuery extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  mediatorId?: string;
}

/** GET /obligations: the open obligations the caller's organisation can see, due on or before a day. */
export class ObligationListQuery extends PageQueryDto {
  @IsOptional()
  @IsIn(OBLIGATION_PARTIES)
  owedBy?: ObligationParty;

  /** YYYY-MM-DD (Beijing): tomorrow lists the overdue ones and those due today or tomorrow. */
  @IsOptional()
  @Matches(DATE, { message: 'dueBy must be a date (YYYY-MM-DD)' })
  dueBy?: string;
}

export class CloseCaseDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
