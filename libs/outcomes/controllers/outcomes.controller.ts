import { Body, Controller, Get, Headers, HttpCode, Logger, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, RateLimit, Roles, sendListWorkbook, UuidParam } from '@accord/core';
import { CloseCaseDto, FollowUpListQuery, ObligationListQuery, JudicialConfirmationDto, PerformedDto, RecordOutcomeDto, SurveyAnswerDto } from '../dto/outcome.dto';
import { ClosingService } from '../services/closing.service';
import { FollowUpService } from '../services/follow-up.service';
import { JudicialService } from '../services/judicial.service';
import { OutcomeService } from '../services/outcome.service';
import { PerformanceService } from '../services/performance.service';
import { ApiCreated, ApiItems, ApiPage, ApiResult } from '@accord/core';

const CaseId = new UuidParam('Case');
const CENTER = ['center_admin', 'intake_officer', 'mediator'] as const;
const BANK = ['institution_admin', 'branch_manager', 'complaint_handler'] as const;
const READERS = [...CENTER, 'liaison_officer', ...BANK, 'viewer'] as const;

/** The outcome of a case and what follows it: performance and judicial confirmation. */
@ApiTags('outcomes')
@ApiBearerAuth()
@Controller('cases/:id')
export class OutcomesController {
  constructor(
    private readonly outcomes: OutcomeService,
    private readonly closing: ClosingService,
    private readonly performance: PerformanceService,
    private readonly judicial: JudicialService,
    private readonly followUps: FollowUpService,
  ) {}

  /** The mediator concludes the case: settled (terms, obligations), not settled, withdrawn or terminated. */
  @Post('outcome')
  @Roles('mediator', 'center_admin')
  @ApiCreated('OutcomeView')
  record(@Param('id', CaseId) id: string, @Body() body: RecordOutcomeDto) {
    return this.outcomes.record(id, body);
  }

  /** Corrects the outcome's details (the terms, the reason) until a document of the case is signed. */
  @Put('outcome')
  @Roles('mediator', 'center_admin')
  @ApiResult('OutcomeView')
  amend(@Param('id', CaseId) id: string, @Body() body: RecordOutcomeDto) {
    return this.outcomes.amend(id, body);
  }

  @Get('outcome')
  @Roles(...READERS)
  @ApiResult('OutcomeView')
  get(@Param('id', CaseId) id: string) {
    return this.outcomes.get(id);
  }

  /** Closes a concluded case by hand (结案) once nothing is owed any more. */
  @Post('close')
  @HttpCode(200)
  @Roles(...CENTER)
  @ApiResult('CaseDetail')
  close(@Param('id', CaseId) id: string, @Body() body: CloseCaseDto) {
    return this.closing.close(id, body.note);
  }

  /** An obligation performed, with its evidence (a note, and optionally a case attachment). */
  @Post('obligations/:obligationId/performed')
  @HttpCode(200)
  @Roles(...CENTER, ...BANK)
  @ApiResult('ObligationView')
  performed(@Param('id', CaseId) id: string, @Param('obligationId', new UuidParam('Obligation')) obligationId: string, @Body() body: PerformedDto) {
    return this.performance.markPerformed(id, obligationId, body);
  }

  @Get('judicial-confirmation')
  @Roles(...READERS)
  @ApiResult('JudicialConfirmationView')
  judicialConfirmation(@Param('id', CaseId) id: string) {
    return this.judicial.get(id);
  }

  @Put('judicial-confirmation')
  @Roles(...CENTER)
  @ApiResult('JudicialConfirmationView')
  recordJudicial(@Param('id', CaseId) id: string, @Body() body: JudicialConfirmationDto) {
    return this.judicial.record(id, body);
  }

  /** The follow-up survey of the case and its answer: the center's only. */
  @Get('follow-up')
  @Roles(...CENTER)
  @ApiResult('FollowUpView')
  followUp(@Param('id', CaseId) id: string) {
    return this.followUps.forCase(id);
  }

  /** Sends the survey link again (a new link; the old one stops working). */
  @Post('follow-up')
  @HttpCode(200)
  @Roles(...CENTER)
  @ApiResult('FollowUpView')
  sendFollowUp(@Param('id', CaseId) id: string) {
    return this.followUps.send(id);
  }
}

/** The center's follow-up answers, per case and per mediator. */
@ApiTags('outcomes')
@ApiBearerAuth()
@Controller('follow-ups')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpService) {}

  @Get()
  @Roles(...CENTER)
  @ApiPage('FollowUpView')
  list(@Query() query: FollowUpListQuery) {
    return this.followUps.list(query);
  }

  @Get('by-mediator')
  @Roles(...CENTER)
  @ApiItems('MediatorSatisfaction')
  byMediator() {
    return this.followUps.byMediator();
  }
}

/**
 * The answers as XLSX with the list's mediator filter, beside /follow-ups like /cases.xlsx:
 * every one up to 50,000 (422 EXPORT_TOO_LARGE above), streamed, audited.
 */
@ApiTags('outcomes')
@ApiBearerAuth()
@Controller()
export class FollowUpExportController {
  private readonly logger = new Logger('FollowUpExportController');

  constructor(private readonly followUps: FollowUpService) {}

  @Get('follow-ups.xlsx')
  @Roles(...CENTER)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@Query() query: FollowUpListQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendListWorkbook(reply, await this.followUps.exportList(query), (error) => this.logger.error(`follow-up list export failed: ${error.message}`));
  }
}

/** Open obligations across the caller's cases (performance, 履行): what is due or overdue. */
@ApiTags('outcomes')
@ApiBearerAuth()
@Controller('obligations')
export class ObligationsController {
  constructor(private readonly performance: PerformanceService) {}

  @Get()
  @Roles('center_admin', 'intake_officer', ...BANK, 'viewer')
  @ApiPage('ObligationDueItem')
  list(@Query() query: ObligationListQuery) {
    return this.performance.openDue(query);
  }
}

/** The consumer's follow-up survey, behind a link with a one-time code (X-Consumer-Token). */
@ApiTags('consumer')
@Public()
@RateLimit({ name: 'consumer.access', by: 'ip' })
@Controller('public/consumer/survey')
export class ConsumerSurveyController {
  constructor(private readonly followUps: FollowUpService) {}

  @Get()
  @ApiResult('ConsumerSurveyView')
  survey(@Headers('x-consumer-token') accessToken: string) {
    return this.followUps.consumerView(accessToken ?? '');
  }

  @Post()
  @HttpCode(200)
  @ApiResult('ConsumerSurveyView')
  answer(@Headers('x-consumer-token') accessToken: string, @Body() body: SurveyAnswerDto) {
    return this.followUps.answer(accessToken ?? '', body);
  }
}
