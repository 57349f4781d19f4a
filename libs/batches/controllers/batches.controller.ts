import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiCreated, ApiPage, ApiResult, readUpload, Roles, UuidParam } from '@accord/core';
import { BatchesQuery, BookBatchSessionDto, CreateBatchDto, ShareSchemeDto, SuggestionsQuery } from '../dto/batch.dto';
import { BatchService } from '../services/batch.service';

const BatchId = new UuidParam('Case batch');
const INTAKE = ['center_admin', 'intake_officer'] as const;
const READERS = ['center_admin', 'intake_officer', 'mediator'] as const;

/** Similar cases as a batch (类案批量): the center's intake builds batches and applies to every case at once. */
@ApiTags('batches')
@ApiBearerAuth()
@Controller('batches')
export class BatchesController {
  constructor(private readonly batches: BatchService) {}

  /** The center's batches, newest first, each with its progress (cases concluded and settled of all). */
  @Get()
  @Roles(...READERS)
  @ApiPage('CaseBatchView')
  list(@Query() query: BatchesQuery) {
    return this.batches.list(query.page, query.pageSize);
  }

  /** How many batches and how many cases in them (statistics count the cases; this shows the batches). */
  @Get('totals')
  @Roles(...READERS)
  @ApiResult('BatchTotals')
  totals() {
    return this.batches.totals();
  }

  /** Open cases not in a batch that look alike: one institution × dispute type × filing window (× a product or event keyword). */
  @Get('suggestions')
  @Roles(...INTAKE)
  @ApiResult('BatchSuggestions')
  suggestions(@Query() query: SuggestionsQuery) {
    return this.batches.suggestions(query.keyword, query.days);
  }

  /**
   * A batch of open cases of one institution and dispute type under one lead mediator; cases
   * still unassigned go to the lead. Mixing institutions (422 BATCH_MIXES_INSTITUTIONS), dispute
   * types, a case in another batch (409 CASE_ALREADY_IN_BATCH) or another center's case (404): nothing changes.
   */
  @Post()
  @Roles(...INTAKE)
  @ApiCreated('CaseBatchView')
  create(@Body() body: CreateBatchDto) {
    return this.batches.create(body);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiResult('CaseBatchView')
  get(@Param('id', BatchId) id: string) {
    return this.batches.get(id);
  }

  /** One session for every case at the same time with the lead mediator; each case is booked (or refused) on its own. */
  @Post(':id/sessions')
  @HttpCode(200)
  @Roles(...INTAKE)
  @ApiResult('BatchApplyResult')
  bookSession(@Param('id', BatchId) id: string, @Body() body: BookBatchSessionDto) {
    return this.batches.bookSession(id, body);
  }

  /** The proposed settlement scheme on every case's timeline (both parties see it). */
  @Post(':id/scheme')
  @HttpCode(200)
  @Roles(...INTAKE)
  @ApiResult('BatchApplyResult')
  shareScheme(@Param('id', BatchId) id: string, @Body() body: ShareSchemeDto) {
    return this.batches.shareScheme(id, body);
  }

  /** One uploaded document attached to every case of the batch. */
  @Post(':id/attachments')
  @HttpCode(200)
  @Roles(...INTAKE)
  @ApiConsumes('multipart/form-data')
  @ApiResult('BatchApplyResult')
  async attach(@Param('id', BatchId) id: string, @Req() req: FastifyRequest) {
    return this.batches.attachToAll(id, await readUpload(req));
  }
}

@ApiTags('batches')
@ApiBearerAuth()
@Controller('cases')
export class CaseBatchController {
  constructor(private readonly batches: BatchService) {}

  /** The batch the case is in, or null. */
  @Get(':caseId/batch')
  @Roles(...READERS)
  @ApiResult('CaseBatchRef')
  ofCase(@Param('caseId', new UuidParam('Case')) caseId: string) {
    return this.batches.ofCase(caseId);
  }
}
