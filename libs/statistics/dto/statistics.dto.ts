import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID, Matches } from 'class-validator';

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

export class StatisticsExportQuery extends StatisticsDashboardQuery {
  /** Also list every case concluded in the period (案件明细; centers and institutions). */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value))
  @IsBoolean({ message: 'cases must be true or false' })
  cases?: boolean;
}
