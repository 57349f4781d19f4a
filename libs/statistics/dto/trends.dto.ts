import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { BUSINESS_LINES, DISPUTE_TYPES } from '@accord/contracts';
import type { BusinessLine, DisputeType, TrendGrouping } from '@accord/contracts';

export class TrendFilterQuery {
  /** First month, YYYY-MM (Asia/Shanghai); by default 12 months before `to`. */
  @ApiPropertyOptional({ example: '2025-12' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'from must be a month YYYY-MM' })
  from?: string;

  /** Last month, included, YYYY-MM; by default the current one. At most 24 months from `from`. */
  @ApiPropertyOptional({ example: '2026-12' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'to must be a month YYYY-MM' })
  to?: string;

  /** One center of the jurisdiction; another (or an unknown id) answers 404 CENTER_NOT_FOUND. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'centerId must be a center id (uuid)' })
  centerId?: string;

  @ApiPropertyOptional({ enum: BUSINESS_LINES })
  @IsOptional()
  @IsIn(BUSINESS_LINES, { message: `businessLine must be one of ${BUSINESS_LINES.join(', ')}` })
  businessLine?: BusinessLine;

  @ApiPropertyOptional({ enum: DISPUTE_TYPES })
  @IsOptional()
  @IsIn(DISPUTE_TYPES, { message: `disputeType must be one of ${DISPUTE_TYPES.join(', ')}` })
  disputeType?: DisputeType;
}

export class TrendSeriesQuery extends TrendFilterQuery {
  /** One line per institution (default) or per business line. */
  @ApiPropertyOptional({ enum: ['institution', 'businessLine'], default: 'institution' })
  @IsOptional()
  @IsIn(['institution', 'businessLine'], { message: 'by must be institution or businessLine' })
  by?: TrendGrouping;
}
