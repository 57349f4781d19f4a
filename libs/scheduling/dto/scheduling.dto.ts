import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CHANNELS } from '@accord/contracts';
import type { Channel } from '@accord/contracts';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class WorkingHoursDto {
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: number;

  @Matches(TIME, { message: 'startsAt must be HH:MM' })
  startsAt: string;

  @Matches(TIME, { message: 'endsAt must be HH:MM' })
  endsAt: string;
}

export class SaveWorkingHoursDto {
  @IsArray()
  @ArrayMaxSize(28)
  @ValidateNested({ each: true })
  @Type(() => WorkingHoursDto)
  hours: WorkingHoursDto[];
}

export class AbsenceDto {
  @IsISO8601({ strict: true })
  startsAt: string;

  @IsISO8601({ strict: true })
  endsAt: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reason: string;
}

const OUTLET_DOC = 'The bank outlet (网点) the liaison station sits at: a branch of an institution that is an active member of the center';

export class RoomDto {
  @ApiProperty({ example: '香港中路网点调解工作联络站', maxLength: 120 })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;

  @ApiProperty({ example: '青岛市市南区香港中路 36 号', maxLength: 300 })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  address: string;

  @ApiPropertyOptional({ description: OUTLET_DOC, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  outletId?: string;
}

/** Rename, re-address, move to another outlet (null: none) or retire a room; what is left out stays. */
export class UpdateRoomDto {
  @ApiPropertyOptional({ maxLength: 120 })
  @ValidateIf((o: UpdateRoomDto) => o.name !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @ValidateIf((o: UpdateRoomDto) => o.address !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  address?: string;

  @ApiPropertyOptional({ description: `${OUTLET_DOC}; null takes the room off any outlet`, format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  outletId?: string | null;

  /** false: no longer offered for new bookings; sessions already booked in it stay. */
  @ApiPropertyOptional({ description: 'false: no longer offered for new bookings; sessions already booked in it stay' })
  @ValidateIf((o: UpdateRoomDto) => o.isActive !== undefined)
  @IsBoolean()
  isActive?: boolean;
}

export class SlotsQuery {
  /** First day (Asia/Shanghai), YYYY-MM-DD; today when left out. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be YYYY-MM-DD' })
  from?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(31)
  days = 7;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(15)
  @Max(480)
  minutes = 60;

  @IsOptional()
  @IsUUID()
  roomId?: string;
}

export class ParticipantDto {
  @IsIn(['consumer', 'bank_representative', 'interpreter', 'family_member', 'other'])
  role: string;

  @IsString()
  @MinLength(1)
  @MaxLength(60)
  name: string;
}

export class BookSessionDto {
  @IsIn(CHANNELS)
  channel: Channel;

  @IsISO8601({ strict: true })
  startsAt: string;

  @IsInt()
  @Min(15)
  @Max(480)
  minutes: number;

  /** On-site sessions take a room at a liaison station. */
  @IsOptional()
  @IsUUID()
  roomId?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  participants?: ParticipantDto[];

  /** Booking outside the mediator's hours or the center's working days says why (an evening for a working consumer). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  outsideHoursReason?: string;
}

export class RescheduleDto {
  @IsISO8601({ strict: true })
  startsAt: string;

  @IsInt()
  @Min(15)
  @Max(480)
  minutes: number;

  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  outsideHoursReason?: string;
}

export class SessionReasonDto {
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class SessionsQuery {
  @IsISO8601({ strict: true })
  from: string;

  @IsISO8601({ strict: true })
  to: string;

  @IsOptional()
  @IsUUID()
  mediatorId?: string;
}

export class ConfirmSessionDto {
  @IsIn(['confirmed', 'other_time_requested'])
  answer: 'confirmed' | 'other_time_requested';

  @IsOptional()
  @IsString()
  @MaxLength(300)
  note?: string;
}
