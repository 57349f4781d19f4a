import { Body, Controller, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { asDownload, readUpload, Roles, UuidParam } from '@accord/core';
import { AdjournDto, BridgeCallDto, CaucusDto, CheckInDto, ConcludeDto, LogCallDto, SaveMethodDto, SaveNoteDto } from '../dto/session-console.dto';
import { MediationMethodService } from '../services/mediation-method.service';
import { SessionCallService } from '../services/session-call.service';
import { SessionConsoleService } from '../services/session-console.service';
import { SessionNoteService } from '../services/session-note.service';
import { ApiResult } from '@accord/core';

const CENTER = ['center_admin', 'intake_officer', 'mediator', 'liaison_officer'] as const;
const RUNNERS = ['center_admin', 'mediator'] as const;
const READERS = [...CENTER, 'institution_admin', 'branch_manager', 'complaint_handler', 'viewer'] as const;

export class TickDto {
  @IsBoolean()
  ticked: boolean;
}

/** The mediator's session console; the bank and the center's supervisors watch it live. */
@ApiTags('sessions')
@ApiBearerAuth()
@Controller('sessions/:sessionId')
export class SessionConsoleController {
  constructor(
    private readonly console: SessionConsoleService,
    private readonly notes: SessionNoteService,
    private readonly method: MediationMethodService,
    private readonly calls: SessionCallService,
  ) {}

  @Get('console')
  @Roles(...READERS)
  @ApiResult('ConsoleView')
  view(@Param('sessionId', new UuidParam('Session')) sessionId: string) {
    return this.console.console(sessionId);
  }

  @Post('open')
  @HttpCode(200)
  @Roles(...RUNNERS)
  @ApiResult('ConsoleView')
  open(@Param('sessionId', new UuidParam('Session')) sessionId: string) {
    return this.console.open(sessionId);
  }

  @Post('check-ins')
  @HttpCode(200)
  @Roles(...RUNNERS)
  @ApiResult('ConsoleView')
  checkIn(@Param('sessionId', new UuidParam('Session')) sessionId: string, @Body() body: CheckInDto) {
    return this.console.checkIn(sessionId, body);
  }

  @Post('begin')
  @HttpCode(200)
  @Roles(...RUNNERS)
  @ApiResult('ConsoleView')
  begin(@Param('sessionId', new UuidParam('Session')) sessionId: string) {
    return this.console.begin(sessionId);
  }

  @Post('caucus')
  @HttpCode(200)
  @Roles(...RUNNERS)
  @ApiResult('ConsoleView')
  caucus(@Param('sessionId', new UuidParam('Session')) sessionId: string, @Body() body: CaucusDto) {
    return this.console.startCaucus(sessionId, body.with);
  }

  @Post('caucus/end')
  @HttpCode(200)
  @Roles(...RUNNERS)
  @ApiResult('ConsoleView')
  endCaucus(@Param('sessionId', new UuidParam('Session')) sessionId: string) {
    return this.console.endCaucus(sessionId);
  }

  @Post('adjourn')
  @HttpCode(200)
  @Roles(...RUNNERS)
  @ApiResult('ConsoleView')
  adjourn(@Param('sessionId', new UuidParam('Session')) sessionId: string, @Body() body: AdjournDto) {
    return this.console.adjourn(sessionId, body);
  }

  @Post('conclude')
  @HttpCode(200)
  @Roles(...RUNNERS)
  @ApiResult('ConsoleView')
  conclude(@Param('sessionId', new UuidParam('Session')) sessionId: string, @Body() body: ConcludeDto) {
    return this.console.conclude(sessionId, body);
  }

  /** Saved as typed, with the version the text started from. */
  @Put('notes')
  @Roles(...RUNNERS)
  @ApiResult('SavedNote')
  saveNote(@Param('sessionId', new UuidParam('Session')) sessionId: string, @Body() body: SaveNoteDto) {
    return this.notes.saveNote(sessionId, body.body, body.baseVersion);
  }

  @Put('steps/:stepId')
  @Roles(...RUNNERS)
  @ApiResult('ConsoleView')
  tick(@Param('sessionId', new UuidParam('Session')) sessionId: string, @Param('stepId', new UuidParam('Method step')) stepId: string, @Body() body: TickDto) {
    return this.method.tick(sessionId, stepId, body.ticked);
  }

  /** Rings the party through the telephony provider (the development provider simulates it). */
  @Post('calls')
  @HttpCode(200)
  @Roles(...RUNNERS)
  @ApiResult('ConsoleView')
  call(@Param('sessionId', new UuidParam('Session')) sessionId: string, @Body() body: BridgeCallDto) {
    return this.calls.bridgeCall(sessionId, body);
  }

  @Post('calls/log')
  @HttpCode(200)
  @Roles(...RUNNERS)
  @ApiResult('ConsoleView')
  logCall(@Param('sessionId', new UuidParam('Session')) sessionId: string, @Body() body: LogCallDto) {
    return this.calls.logCall(sessionId, body);
  }

  @Post('calls/:callId/end')
  @HttpCode(200)
  @Roles(...RUNNERS)
  @ApiResult('ConsoleView')
  endCall(@Param('sessionId', new UuidParam('Session')) sessionId: string, @Param('callId', new UuidParam('Call')) callId: string) {
    return this.calls.endCall(sessionId, callId);
  }

  /** The call's recording (multipart `file`, and `consentConfirmed=true`: every party agreed). */
  @Post('calls/:callId/recording')
  @HttpCode(200)
  @Roles(...RUNNERS)
  @ApiConsumes('multipart/form-data')
  @ApiResult('ConsoleView')
  async addRecording(@Param('sessionId', new UuidParam('Session')) sessionId: string, @Param('callId', new UuidParam('Call')) callId: string, @Req() req: FastifyRequest) {
    return this.calls.attachRecording(sessionId, callId, await readUpload(req));
  }

  @Get('calls/:callId/recording')
  @Roles(...CENTER)
  async recording(
    @Param('sessionId', new UuidParam('Session')) sessionId: string,
    @Param('callId', new UuidParam('Call')) callId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return asDownload(reply, await this.calls.recording(sessionId, callId));
  }
}

/** The center's mediation method: an ordered checklist ticked in every session. */
@ApiTags('sessions')
@ApiBearerAuth()
@Controller('mediation-method')
export class MediationMethodController {
  constructor(private readonly method: MediationMethodService) {}

  @Get()
  @Roles(...CENTER)
  @ApiResult('MediationMethodView')
  get() {
    return this.method.method();
  }

  @Put()
  @Roles('center_admin')
  @ApiResult('MediationMethodView')
  save(@Body() body: SaveMethodDto) {
    return this.method.saveMethod(body.steps);
  }
}
