import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiPage, ApiResult, Roles, UuidParam } from '@accord/core';
import { DrawQueueDto, QualityRuleDto, ReturnAgreementDto, ReviewsQuery, ScoreReviewDto, ScoresQuery } from '../dto/quality.dto';
import { QualityService } from '../services/quality.service';

const ReviewId = new UuidParam('Quality review');

@ApiTags('quality')
@ApiBearerAuth()
@Controller('quality')
export class QualityController {
  constructor(private readonly quality: QualityService) {}

  /** The center's sampling rule and checklist (defaults until the admin saves one). */
  @Get('rule')
  @Roles('center_admin', 'quality_reviewer')
  @ApiResult('QualityRule')
  rule() {
    return this.quality.rule();
  }

  /** The center admin sets the sampling rule and edits the checklist; audited. */
  @Put('rule')
  @Roles('center_admin')
  @ApiResult('QualityRule')
  saveRule(@Body() body: QualityRuleDto) {
    return this.quality.saveRule(body);
  }

  /** Draws the center's cases concluded in [from, to] by the rule into the queue (cases concluded from now on enter by themselves). */
  @Post('queue/draw')
  @HttpCode(200)
  @Roles('center_admin')
  @ApiResult('QualityDrawResult')
  draw(@Body() body: DrawQueueDto) {
    return this.quality.draw(body.from, body.to);
  }

  /** The review queue and the reviews, newest first: the admin and reviewers all the center's, a mediator their own cases'. */
  @Get('reviews')
  @Roles('center_admin', 'quality_reviewer', 'mediator')
  @ApiPage('QualityReviewView')
  list(@Query() query: ReviewsQuery) {
    return this.quality.list(query.status, query.mine === 'true', query.page, query.pageSize);
  }

  @Get('reviews/:id')
  @Roles('center_admin', 'quality_reviewer', 'mediator')
  @ApiResult('QualityReviewView')
  get(@Param('id', ReviewId) id: string) {
    return this.quality.get(id);
  }

  /** A reviewer (never the case's mediator: 422 REVIEWER_IS_CASE_MEDIATOR) scores the case on the checklist, once. */
  @Post('reviews/:id/score')
  @HttpCode(200)
  @Roles('quality_reviewer')
  @ApiResult('QualityReviewView')
  score(@Param('id', ReviewId) id: string, @Body() body: ScoreReviewDto) {
    return this.quality.score(id, body);
  }

  /** A reviewer sends the agreement draft back to the mediator for correction before anyone signs (409 once signing began). */
  @Post('reviews/:id/return-agreement')
  @HttpCode(200)
  @Roles('quality_reviewer')
  @ApiResult('QualityReviewView')
  returnAgreement(@Param('id', ReviewId) id: string, @Body() body: ReturnAgreementDto) {
    return this.quality.returnAgreement(id, body.note);
  }

  /** Review scores per mediator and month beside their success rate, with the 口径 of both. */
  @Get('scores')
  @Roles('center_admin', 'quality_reviewer')
  @ApiResult('QualityScores')
  scores(@Query() query: ScoresQuery) {
    return this.quality.scores(query.from, query.to);
  }
}
