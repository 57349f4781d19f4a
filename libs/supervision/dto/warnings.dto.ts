import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import {
  WARNING_METRICS,
  WARNING_NOTICE_STATES,
  WARNING_PERIOD_KINDS,
  WARNING_STATUSES,
  type WarningMetric,
  type WarningNoticeState,
  type WarningPeriodKind,
  type WarningStatus,
} from '@accord/contracts';
import { PageQueryDto } from '@accord/core';

export class WarningsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: WARNING_STATUSES })
  @IsOptional()
  @IsIn(WARNING_STATUSES)
  status?: WarningStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @ApiPropertyOptional({ enum: WARNING_PERIOD_KINDS })
  @IsOptional()
  @IsIn(WARNING_PERIOD_KINDS)
  periodKind?: WarningPeriodKind;

  @ApiPropertyOptional({ enum: WARNING_METRICS, description: 'referrals: referral spikes; breaches: rising time-limit breach rates' })
  @IsOptional()
  @IsIn(WARNING_METRICS)
  metric?: WarningMetric;

  @ApiPropertyOptional({ enum: WARNING_NOTICE_STATES, description: 'awaiting_answer: a notice awaits the institution’s answer; answered: all sent are answered' })
  @IsOptional()
  @IsIn(WARNING_NOTICE_STATES)
  noticeState?: WarningNoticeState;
}

export class AcknowledgeWarningDto {
  @ApiProperty({ minLength: 1, maxLength: 1000, description: 'What the regulator found or will do' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  comment: string;
}

export class SendNoticeDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'What the regulator asks or tells the institution (监管提示)' })
  @IsString()
  @Matches(/\S/, { message: 'text must not be blank' })
  @MaxLength(2000)
  text: string;

  @ApiPropertyOptional({ format: 'date', description: 'The Asia/Shanghai day an answer is asked by: a real date, not in the past' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'answerBy must be a date (YYYY-MM-DD)' })
  answerBy?: string;
}

export class AnswerNoticeDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'The institution’s answer' })
  @IsString()
  @Matches(/\S/, { message: 'text must not be blank' })
  @MaxLength(2000)
  text: string;
}
