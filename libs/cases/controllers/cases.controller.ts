import { Body, Controller, Delete, Get, Headers, HttpCode, Logger, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AllowApiKey, asDownload, readUpload, ReplicaReads, Roles, sendListWorkbook, UuidParam } from '@accord/core';
import {
  AssignCaseDto,
  CaseSettingsDto,
  ConsumerChoiceSettingsDto,
  RetentionSettingsDto,
  ChangeTrackDto,
  CommentDto,
  CreateCaseDto,
  ListCasesQuery,
  NoteDto,
  ReasonDto,
  RejectCaseDto,
  RequiredNoteDto,
  UpdateCaseDto,
} from '../dto/case.dto';
import { invalid } from '../cases.errors';
import { AssignmentService } from '../services/assignment.service';
import { AttachmentService } from '../services/attachment.service';
import { CaseImportService } from '../services/case-import.service';
import { CaseSettingsService } from '../services/case-settings.service';
import { CaseFiling } from '../services/case-filing.service';
import { CaseLifecycle } from '../services/case-lifecycle.service';
import { CaseReading } from '../services/case-reading.service';
import { ApiCreated, ApiItems, ApiResult } from '@accord/core';

const CASE_READERS = [
  'center_admin',
  'intake_officer',
  'mediator',
  'liaison_officer',
  'institution_admin',
  'branch_manager',
  'complaint_handler',
  'viewer',
  'regulator_analyst',
  'regulator_supervisor',
] as const;
const FILERS = ['branch_manager', 'complaint_handler', 'institution_admin', 'regulator_supervisor'] as const;
const INTAKE = ['intake_officer', 'center_admin'] as const;
const CaseId = new UuidParam('Case');

/**
 * The case list (and the intake queue with view=intake) as XLSX: the list's query, visibility
 * and masking, every row up to 50,000 (422 EXPORT_TOO_LARGE above), streamed, audited. Its own
 * controller because the path sits beside /cases, not under it.
 */
@ApiTags('cases')
@ApiBearerAuth()
@Controller()
export class CaseExportController {
  private readonly logger = new Logger('CaseExportController');

  constructor(private readonly reading: CaseReading) {}

  @Get('cases.xlsx')
  @Roles(...CASE_READERS)
  @ReplicaReads({ scope: 'batches' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@Query() query: ListCasesQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendListWorkbook(reply, await this.reading.exportList(query), (error) => this.logger.error(`case list export failed: ${error.message}`));
  }
}

@ApiTags('cases')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly filing: CaseFiling,
    private readonly reading: CaseReading,
    private readonly lifecycle: CaseLifecycle,
    private readonly assignment: AssignmentService,
    private readonly attachments: AttachmentService,
    private readonly imports: CaseImportService,
  ) {}

  /** File a referral (or save a draft with submit=false). A retried request with the same Idempotency-Key returns the first case. */
  @Post()
  @AllowApiKey()
  @Roles(...FILERS)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string up to 80 characters, reused on retries' })
  @ApiCreated('CaseDetail')
  async file(@Body() body: CreateCaseDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    if (key !== undefined && !/^[\x21-\x7e]{1,80}$/.test(key)) throw invalid('Idempotency-Key', 'must be 1-80 visible ASCII characters');
    const { created, detail } = await this.filing.file(body, key, true);
    void reply.status(created ? 201 : 200);
    return detail;
  }

  @Get()
  @AllowApiKey()
  @Roles(...CASE_READERS)
  @ApiResult('CaseListPage')
  list(@Query() query: ListCasesQuery) {
    return this.reading.list(query);
  }

  /** Batch filing from an XLSX or CSV: good rows are filed whole, bad rows come back with their row number. */
  @Post('import')
  @HttpCode(200)
  @AllowApiKey()
  @Roles(...FILERS)
  @ApiConsumes('multipart/form-data')
  @ApiResult('CaseImportResult')
  async import(@Req() req: FastifyRequest) {
    const upload = await readUpload(req);
    return this.imports.import(upload.fields.centerId, upload);
  }

  @Get('import/template')
  @AllowApiKey()
  @Roles(...FILERS)
  template(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="referrals-template.csv"');
    return this.imports.template();
  }

  @Get(':id')
  @AllowApiKey()
  @Roles(...CASE_READERS)
  @ApiResult('CaseDetail')
  get(@Param('id', CaseId) id: string) {
    return this.reading.get(id);
  }

  @Patch(':id')
  @Roles(...FILERS)
  @ApiResult('CaseDetail')
  update(@Param('id', CaseId) id: string, @Body() body: UpdateCaseDto) {
    return this.filing.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...FILERS)
  async discard(@Param('id', CaseId) id: string) {
    await this.filing.discard(id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @AllowApiKey()
  @Roles(...FILERS)
  @ApiResult('CaseDetail')
  submit(@Param('id', CaseId) id: string) {
    return this.filing.submit(id);
  }

  /** The consumer's full identity; every call is written to the audit log. */
  @Get(':id/consumer')
  @Roles('center_admin', 'intake_officer', 'mediator', 'branch_manager', 'complaint_handler')
  @ApiResult('ConsumerIdentityView')
  consumer(@Param('id', CaseId) id: string) {
    return this.reading.revealConsumer(id);
  }

  @Get(':id/timeline')
  @AllowApiKey()
  @Roles(...CASE_READERS)
  @ApiItems('CaseEventView')
  timeline(@Param('id', CaseId) id: string) {
    return this.reading.timeline(id);
  }

  @Post(':id/comments')
  @Roles('center_admin', 'intake_officer', 'mediator', 'liaison_officer', 'institution_admin', 'branch_manager', 'complaint_handler')
  @ApiCreated('CaseEventView')
  comment(@Param('id', CaseId) id: string, @Body() body: CommentDto) {
    return this.lifecycle.comment(id, body);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles(...INTAKE)
  @ApiResult('CaseDetail')
  accept(@Param('id', CaseId) id: string, @Body() body: NoteDto) {
    return this.lifecycle.accept(id, body.note);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles(...INTAKE)
  @ApiResult('CaseDetail')
  reject(@Param('id', CaseId) id: string, @Body() body: RejectCaseDto) {
    return this.lifecycle.reject(id, body);
  }

  /** Back to the bank for more information; it edits and resubmits. */
  @Post(':id/return')
  @HttpCode(200)
  @Roles(...INTAKE)
  @ApiResult('CaseDetail')
  returnForInformation(@Param('id', CaseId) id: string, @Body() body: RequiredNoteDto) {
    return this.lifecycle.returnForInformation(id, body.note);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles(...INTAKE, 'institution_admin', 'branch_manager', 'complaint_handler')
  @ApiResult('CaseDetail')
  withdraw(@Param('id', CaseId) id: string, @Body() body: ReasonDto) {
    return this.lifecycle.withdraw(id, body.reason);
  }

  @Post(':id/track')
  @HttpCode(200)
  @Roles(...INTAKE)
  @ApiResult('CaseDetail')
  changeTrack(@Param('id', CaseId) id: string, @Body() body: ChangeTrackDto) {
    return this.lifecycle.changeTrack(id, body);
  }

  @Get(':id/mediator-proposals')
  @Roles(...INTAKE)
  @ApiItems('MediatorProposal')
  proposals(@Param('id', CaseId) id: string) {
    return this.assignment.proposals(id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles(...INTAKE)
  @ApiResult('CaseDetail')
  assign(@Param('id', CaseId) id: string, @Body() body: AssignCaseDto) {
    return this.assignment.assign(id, body);
  }

  @Post(':id/recuse')
  @HttpCode(200)
  @Roles(...INTAKE, 'mediator')
  @ApiResult('CaseMoved')
  recuse(@Param('id', CaseId) id: string, @Body() body: ReasonDto) {
    return this.assignment.recuse(id, body.reason);
  }

  @Get(':id/attachments')
  @AllowApiKey()
  @Roles(...CASE_READERS)
  @ApiItems('CaseAttachmentView')
  listAttachments(@Param('id', CaseId) id: string) {
    return this.attachments.list(id);
  }

  @Post(':id/attachments')
  @AllowApiKey()
  @Roles('center_admin', 'intake_officer', 'mediator', 'liaison_officer', ...FILERS)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: 'PDF, image or office document, at most 20 MB' } }, required: ['file'] } })
  @ApiCreated('CaseAttachmentView')
  async addAttachment(@Param('id', CaseId) id: string, @Req() req: FastifyRequest) {
    return this.attachments.add(id, await readUpload(req));
  }

  @Get(':id/attachments/:attachmentId/content')
  @AllowApiKey()
  @Roles('center_admin', 'intake_officer', 'mediator', 'liaison_officer', 'institution_admin', 'branch_manager', 'complaint_handler', 'viewer')
  async attachmentContent(
    @Param('id', CaseId) id: string,
    @Param('attachmentId', new UuidParam('Attachment')) attachmentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return asDownload(reply, await this.attachments.content(id, attachmentId));
  }
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('mediators')
export class MediatorsController {
  constructor(private readonly assignment: AssignmentService) {}

  /** The caseload board: open cases per mediator by state. */
  @Get('caseload')
  @Roles('center_admin', 'intake_officer')
  @ApiItems('CaseloadRow')
  caseload() {
    return this.assignment.caseload();
  }
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('case-settings')
export class CaseSettingsController {
  constructor(private readonly settings: CaseSettingsService) {}

  /** The center's time limits and small-claims threshold. */
  @Get()
  @Roles('center_admin', 'intake_officer', 'mediator')
  @ApiResult('CaseSettingsView')
  get() {
    return this.settings.get();
  }

  @Put()
  @Roles('center_admin')
  @ApiResult('CaseSettingsView')
  save(@Body() body: CaseSettingsDto) {
    return this.settings.save(body);
  }

  /** Whether the consumer may pick one of up to three proposed mediators on their consent link. */
  @Put('consumer-choice')
  @Roles('center_admin')
  @ApiResult('CaseSettingsView')
  saveConsumerChoice(@Body() body: ConsumerChoiceSettingsDto) {
    return this.settings.saveConsumerChoice(body);
  }

  /** How long closed cases' personal data is kept (months after closure); then the daily job erases it. */
  @Put('retention')
  @Roles('center_admin')
  @ApiResult('CaseSettingsView')
  saveRetention(@Body() body: RetentionSettingsDto) {
    return this.settings.saveRetention(body);
  }
}
