import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

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
