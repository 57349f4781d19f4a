import { Body, Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsISO8601, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Roles } from '../auth/auth.decorators';
import { CalendarService } from './calendar.service';
import { ApiList, ApiResult } from '../http/api-result';

export class CalendarDayDto {
  @IsISO8601({ strict: true })
  day: string;

  @IsBoolean()
  isWorking: boolean;

  @IsString()
  @MaxLength(60)
  name: string;
}

export class SaveCalendarYearDto {
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CalendarDayDto)
  days: CalendarDayDto[];
}

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
@Roles('center_admin', 'intake_officer', 'mediator', 'liaison_officer')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** The years the center's calendar covers. */
  @Get()
  @ApiList('CalendarYearSummary')
  years() {
    return this.calendar.listYears();
  }

  /** A year's holidays and make-up working days; `covered: false` when nobody entered it yet. */
  @Get(':year')
  @ApiResult('CalendarYearView')
  year(@Param('year', ParseIntPipe) year: number) {
    return this.calendar.year(year);
  }

  @Put(':year')
  @Roles('center_admin')
  @ApiResult('CalendarYearView')
  save(@Param('year', ParseIntPipe) year: number, @Body() body: SaveCalendarYearDto) {
    return this.calendar.saveYear(year, body.days);
  }
}
