import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { REPORT_FORMATS, type ReportFormat } from '../services/monthly-report';

export class MonthlyReportQuery {
  /** The month reported, YYYY-MM (Asia/Shanghai): not in the future, at most 3 years back. */
  @ApiProperty({ example: '2026-11' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be a month YYYY-MM' })
  month: string;

  @ApiProperty({ enum: REPORT_FORMATS })
  @IsIn(REPORT_FORMATS, { message: `format must be one of ${REPORT_FORMATS.join(', ')}` })
  format: ReportFormat;

  /** One center of the jurisdiction only; another (or an unknown id) answers 404 CENTER_NOT_FOUND. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'centerId must be a center id (uuid)' })
  centerId?: string;
}
