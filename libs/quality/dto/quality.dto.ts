import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { REVIEW_STATUSES, type ReviewStatus } from '@accord/contracts';
import { PageQueryDto } from '@accord/core';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class ChecklistItemDto {
  @ApiProperty({ example: 'method' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,39}$/, { message: 'lower-case letters, digits and _ (at most 40)' })
  key: string;

  @ApiProperty({ example: '调解方法步骤完整规范' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'must not be blank' })
  label: string;

  @ApiProperty({ example: 25 })
  @IsInt()
  @Min(1)
  @Max(100)
  maxScore: number;
}

export class QualityRuleDto {
  @ApiProperty()
  @IsBoolean()
  includeNotSettled: boolean;

  @ApiProperty()
  @IsBoolean()
  includeTerminated: boolean;

  @ApiProperty()
  @IsBoolean()
  includeBreached: boolean;

  @ApiProperty({ minimum: 0, maximum: 100, example: 10 })
  @IsInt()
  @Min(0)
  @Max(100)
  settledPercent: number;

  @ApiProperty({ example: '2026-Q4' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  seed: string;

  @ApiProperty({ type: [ChecklistItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemDto)
  checklist: ChecklistItemDto[];
}

export class DrawQueueDto {
  @ApiProperty({ example: '2026-11-01', description: 'first Asia/Shanghai day of conclusion' })
  @Matches(DAY, { message: 'a day YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2026-11-30' })
  @Matches(DAY, { message: 'a day YYYY-MM-DD' })
  to: string;
}

export class ReviewsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES })
  @IsOptional()
  @IsIn(REVIEW_STATUSES)
  status?: ReviewStatus;

  /** `true`: only the reviews of the caller's own cases (a mediator always gets only those). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsIn(['true', 'false'])
  mine?: 'true' | 'false';
}

export class ScoreItemDto {
  @ApiProperty()
  @IsString()
  @MaxLength(40)
  key: string;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(100)
  score: number;
}

export class ScoreReviewDto {
  @ApiProperty({ type: [ScoreItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ScoreItemDto)
  scores: ScoreItemDto[];

  @ApiProperty({ example: '调解过程规范，协议条款清楚。' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  @Matches(/\S/, { message: 'must not be blank' })
  findings: string;
}

export class ReturnAgreementDto {
  @ApiProperty({ example: '分期条款未写明每期金额，请修改后重新生成。' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  @Matches(/\S/, { message: 'must not be blank' })
  note: string;
}

export class ScoresQuery {
  @ApiProperty({ example: '2026-01' })
  @Matches(MONTH, { message: 'a month YYYY-MM' })
  from: string;

  @ApiProperty({ example: '2026-12' })
  @Matches(MONTH, { message: 'a month YYYY-MM' })
  to: string;
}
