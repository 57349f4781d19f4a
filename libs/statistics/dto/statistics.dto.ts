import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { BUSINESS_LINES, DISPUTE_TYPES } from '@accord/contracts';
import type { BusinessLine, DisputeType } from '@accord/contracts';

export class StatisticsPeriodQuery {
  /** First day of the period (Asia/Shanghai), YYYY-MM-DD. */
  @ApiProperty({ example: '2026-01-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  /** Last day of the period, included, YYYY-MM-DD. */
  @ApiProperty({ example: '2026-12-31' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date YYYY-MM-DD' })
  to: string;
}

export class StatisticsDashboardQuery extends StatisticsPeriodQuery {
  /**
   * Institution users: open the dashboard at this branch (at or below the viewer's root): the
   * rows are its children and its own cases. Another institution's branch, or one outside a
   * pinned user's subtree, answers 404 BRANCH_NOT_FOUND.
   */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'branchId must be a branch id (uuid)' })
  branchId?: string;
}

/** The dashboard's filters for centers and regulators (the regulator console's institution table). */
export class StatisticsDashboardFilterQuery extends StatisticsDashboardQuery {
  /** One center: a regulator's of its jurisdiction, a center its own; another (or an unknown id) answers 404 CENTER_NOT_FOUND. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'centerId must be a center id (uuid)' })
  centerId?: string;

  /**
   * Only this business line's cases. The roll-ups split by business line hold counts only, per
   * month: the period must be whole months (`to` the last day of its month, or today or later in
   * the current one) and the answer's `figuresAvailable` names the figures served.
   */
  @ApiPropertyOptional({ enum: BUSINESS_LINES })
  @IsOptional()
  @IsIn(BUSINESS_LINES, { message: `businessLine must be one of ${BUSINESS_LINES.join(', ')}` })
  businessLine?: BusinessLine;

  /** Only this dispute type's cases; whole months and counts only, as with `businessLine`. */
  @ApiPropertyOptional({ enum: DISPUTE_TYPES })
  @IsOptional()
  @IsIn(DISPUTE_TYPES, { message: `disputeType must be one of ${DISPUTE_TYPES.join(', ')}` })
  disputeType?: DisputeType;
}

export class StatisticsExportQuery extends StatisticsDashboardQuery {
  /** Also list every case concluded in the period (案件明细; centers and institutions). */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value))
  @IsBoolean({ message: 'cases must be true or false' })
  cases?: boolean;
}
