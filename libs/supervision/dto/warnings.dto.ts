import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { WARNING_PERIOD_KINDS, WARNING_STATUSES, type WarningPeriodKind, type WarningStatus } from '@accord/contracts';
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
}

export class AcknowledgeWarningDto {
  @ApiProperty({ minLength: 1, maxLength: 1000, description: 'What the regulator found or will do' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  comment: string;
}
