import { Body, Controller, Delete, Get, HttpCode, Logger, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles, sendListWorkbook, UuidParam } from '@accord/core';
import { AbsenceDto, BookSessionDto, ConfirmSessionDto, RescheduleDto, RoomDto, SaveWorkingHoursDto, SessionReasonDto, SessionsQuery, SlotsQuery, UpdateRoomDto } from '../dto/scheduling.dto';
import { AvailabilityService } from '../services/availability.service';
import { RoomService } from '../services/room.service';
import { SchedulingService } from '../services/scheduling.service';
import { ApiCreated, ApiItems, ApiResult } from '@accord/core';

const CENTER = ['center_admin', 'intake_officer', 'mediator', 'liaison_officer'] as const;
const BOOKERS = ['center_admin', 'intake_officer', 'mediator'] as const;
const CASE_READERS = [...CENTER, 'institution_admin', 'branch_manager', 'complaint_handler', 'viewer'] as const;

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('mediators/:mediatorId')
export class AvailabilityController {
  constructor(private readonly availability: AvailabilityService) {}

  @Get('working-hours')
  @Roles(...CENTER)
  @ApiResult('WorkingHoursView')
  hours(@Param('mediatorId', new UuidParam('Mediator')) mediatorId: string) {
    return this.availability.workingHours(mediatorId);
  }

  @Put('working-hours')
  @Roles('center_admin', 'mediator')
  @ApiResult('WorkingHoursView')
  saveHours(@Param('mediatorId', new UuidParam('Mediator')) mediatorId: string, @Body() body: SaveWorkingHoursDto) {
    return this.availability.saveWorkingHours(mediatorId, body.hours);
  }

  @Get('absences')
  @Roles(...CENTER)
  @ApiItems('AbsenceView')
  absences(@Param('mediatorId', new UuidParam('Mediator')) mediatorId: string) {
    return this.availability.absences(mediatorId);
  }

  @Post('absences')
  @Roles('center_admin', 'mediator')
  @ApiCreated('AbsenceView')
  addAbsence(@Param('mediatorId', new UuidParam('Mediator')) mediatorId: string, @Body() body: AbsenceDto) {
    return this.availability.addAbsence(mediatorId, body);
  }

  @Delete('absences/:absenceId')
  @HttpCode(204)
  @Roles('center_admin', 'mediator')
  async removeAbsence(@Param('mediatorId', new UuidParam('Mediator')) mediatorId: string, @Param('absenceId', new UuidParam('Absence')) absenceId: string) {
    await this.availability.removeAbsence(mediatorId, absenceId);
  }
}

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller()
export class SessionsController {
  private readonly logger = new Logger('SessionsController');

  constructor(
    private readonly scheduling: SchedulingService,
    private readonly roomService: RoomService,
  ) {}

  /** On-site rooms at the center's liaison stations, with the bank outlet each sits at. */
  @Get('rooms')
  @Roles(...CENTER)
  @ApiItems('RoomView')
  rooms() {
    return this.roomService.listRooms();
  }

  /** A room, optionally at an outlet of a member institution (else 422 OUTLET_NOT_MEMBER). */
  @Post('rooms')
  @Roles('center_admin')
  @ApiCreated('RoomView')
  addRoom(@Body() body: RoomDto) {
    return this.roomService.addRoom(body);
  }

  /** Rename, re-address, move to another outlet, or retire (isActive false: no new bookings, booked sessions stay). */
  @Patch('rooms/:roomId')
  @Roles('center_admin')
  @ApiResult('RoomView')
  updateRoom(@Param('roomId', new UuidParam('Room')) roomId: string, @Body() body: UpdateRoomDto) {
    return this.roomService.updateRoom(roomId, body);
  }

  /** Free start times for the case's mediator (and room), in the center's working days and the mediator's hours. */
  @Get('cases/:caseId/slots')
  @Roles(...BOOKERS)
  @ApiItems('Slot')
  slots(@Param('caseId', new UuidParam('Case')) caseId: string, @Query() query: SlotsQuery) {
    return this.scheduling.slots(caseId, query);
  }

  @Get('cases/:caseId/sessions')
  @Roles(...CASE_READERS)
  @ApiItems('SessionView')
  caseSessions(@Param('caseId', new UuidParam('Case')) caseId: string) {
    return this.scheduling.caseSessions(caseId);
  }

  /** Books a session; an overlap with the mediator's or the room's other sessions is refused by the database (409 SLOT_TAKEN). */
  @Post('cases/:caseId/sessions')
  @Roles(...BOOKERS)
  @ApiCreated('SessionView')
  book(@Param('caseId', new UuidParam('Case')) caseId: string, @Body() body: BookSessionDto) {
    return this.scheduling.book(caseId, body);
  }

  /** A calendar of sessions between two instants. */
  @Get('sessions')
  @Roles(...CASE_READERS)
  @ApiItems('SessionView')
  calendar(@Query() query: SessionsQuery) {
    return this.scheduling.calendarSessions(query.from, query.to, query.mediatorId);
  }

  /** The same calendar as XLSX: every session of the window (50,000 at most, else 422 EXPORT_TOO_LARGE), streamed, audited. */
  @Get('sessions.xlsx')
  @Roles(...CASE_READERS)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async exportCalendar(@Query() query: SessionsQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendListWorkbook(reply, await this.scheduling.exportCalendar(query.from, query.to, query.mediatorId), (error) =>
      this.logger.error(`session list export failed: ${error.message}`),
    );
  }

  @Post('sessions/:sessionId/reschedule')
  @HttpCode(200)
  @Roles(...BOOKERS)
  @ApiResult('SessionView')
  reschedule(@Param('sessionId', new UuidParam('Session')) sessionId: string, @Body() body: RescheduleDto) {
    return this.scheduling.reschedule(sessionId, body);
  }

  @Post('sessions/:sessionId/cancel')
  @HttpCode(200)
  @Roles(...BOOKERS)
  @ApiResult('SessionView')
  cancel(@Param('sessionId', new UuidParam('Session')) sessionId: string, @Body() body: SessionReasonDto) {
    return this.scheduling.close(sessionId, 'cancelled', body.reason);
  }

  /** The bank's representative confirms the booked time or asks for another. */
  @Post('sessions/:sessionId/confirm')
  @HttpCode(200)
  @Roles('institution_admin', 'branch_manager', 'complaint_handler')
  @ApiResult('SessionView')
  confirm(@Param('sessionId', new UuidParam('Session')) sessionId: string, @Body() body: ConfirmSessionDto) {
    return this.scheduling.confirmForBank(sessionId, body.answer, body.note);
  }

  /** The invitation (.ics) to add the session to any calendar. */
  @Get('sessions/:sessionId/invitation.ics')
  @Roles(...CASE_READERS)
  async ics(@Param('sessionId', new UuidParam('Session')) sessionId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { fileName, body } = await this.scheduling.invitation(sessionId);
    void reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    return body;
  }

  @Post('sessions/:sessionId/no-show')
  @HttpCode(200)
  @Roles(...BOOKERS)
  @ApiResult('SessionView')
  noShow(@Param('sessionId', new UuidParam('Session')) sessionId: string, @Body() body: SessionReasonDto) {
    return this.scheduling.close(sessionId, 'no_show', body.reason);
  }
}
