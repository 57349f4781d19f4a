import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import type { RankingLevel } from '@accord/contracts';

const MONTH_OR_DAY = /^\d{4}-\d{2}(-\d{2})?$/;
const LEVELS: RankingLevel[] = ['branch', 'sub_branch', 'outlet'];

export class RankingsQuery {
  /** First month (YYYY-MM) or day (YYYY-MM-DD) of the period, Asia/Shanghai. */
  @ApiProperty({ example: '2026-01' })
  @Matches(MONTH_OR_DAY, { message: 'from must be a month YYYY-MM or a date YYYY-MM-DD' })
  from: string;

  /** Last month or day of the period, included; at most 24 months after `from`. */
  @ApiProperty({ example: '2026-06' })
  @Matches(MONTH_OR_DAY, { message: 'to must be a month YYYY-MM or a date YYYY-MM-DD' })
  to: string;

  /** Units with fewer concluded cases (settled, not settled, terminated) in the period are not ranked. Regulators: at least 5. */
  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'min must be a whole number' })
  @Min(1, { message: 'min must be at least 1' })
  @Max(1000, { message: 'min must be at most 1000' })
  min?: number;

  /** How many units the red list and the black list each hold. */
  @ApiPropertyOptional({ default: 5, minimum: 1, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'top must be a whole number' })
  @Min(1, { message: 'top must be at least 1' })
  @Max(50, { message: 'top must be at most 50' })
  top?: number;

  /** Regulators: rank one center of the jurisdiction only (another: 404 CENTER_NOT_FOUND). */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'centerId must be a center id (uuid)' })
  centerId?: string;

  /** Institution users: rank within this branch's subtree (at or below the viewer's root; else 404 BRANCH_NOT_FOUND). */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'branchId must be a branch id (uuid)' })
  branchId?: string;

  /** Institution users: the level of branch ranked (default: the level below the root). */
  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @IsIn(LEVELS, { message: `level must be one of ${LEVELS.join(', ')}` })
  level?: RankingLevel;
}
