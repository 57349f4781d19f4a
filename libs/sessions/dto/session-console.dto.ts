import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

export const PARTY_ROLES = ['consumer', 'bank_representative', 'interpreter', 'family_member', 'other'] as const;

export class CheckInDto {
  @IsIn(PARTY_ROLES)
  role: (typeof PARTY_ROLES)[number];

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  /** How the party is present. */
  @IsIn(['video', 'phone', 'on_site'])
  via: 'video' | 'phone' | 'on_site';
}

export class CaucusDto {
  @IsIn(['consumer', 'bank'])
  with: 'consumer' | 'bank';
}

export class SaveNoteDto {
  @IsString()
  @MaxLength(20000)
  body: string;

  /** The version this text was based on: 0 for the first save. */
  @IsInt()
  @Min(0)
  baseVersion: number;
}

export class NextSessionDto {
  @IsISO8601({ strict: true })
  startsAt: string;

  @IsInt()
  @Min(15)
  @Max(480)
  minutes: number;

  @IsOptional()
  @IsIn(['phone', 'video', 'on_site'])
  channel?: 'phone' | 'video' | 'on_site';

  @IsOptional()
  @IsUUID()
  roomId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  outsideHoursReason?: string;
}

export class AdjournDto {
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;

  /** The next date, booked in the same step (DOMAIN.md: adjourned → scheduled). */
  @IsOptional()
  @ValidateNested()
  @Type(() => NextSessionDto)
  next?: NextSessionDto;
}

export class ConcludeDto {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  summary?: string;
}

export class BridgeCallDto {
  @IsIn(['consumer', 'bank', 'other'])
  party: 'consumer' | 'bank' | 'other';

  /** For the bank or another party; the consumer's number comes from the case's sealed identity. */
  @IsOptional()
  @Matches(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { message: 'phone must be a mainland mobile or landline number' })
  phone?: string;
}

export class LogCallDto {
  @IsIn(['consumer', 'bank', 'other'])
  party: 'consumer' | 'bank' | 'other';

  @IsOptional()
  @Matches(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { message: 'phone must be a mainland mobile or landline number' })
  phone?: string;

  @IsISO8601({ strict: true })
  startedAt: string;

  @IsISO8601({ strict: true })
  endedAt: string;

  @IsOptional()
  @IsIn(['completed', 'no_answer', 'failed'])
  status?: 'completed' | 'no_answer' | 'failed';

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class MethodStepDto {
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  hint?: string;
}

export class SaveMethodDto {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MethodStepDto)
  @ArrayMaxSize(30)
  steps: MethodStepDto[];
}
