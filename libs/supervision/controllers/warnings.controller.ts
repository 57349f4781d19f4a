import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiCreated, ApiPage, ApiResult, Roles, UuidParam } from '@accord/core';
import { AcknowledgeWarningDto, AnswerNoticeDto, SendNoticeDto, WarningsQuery } from '../dto/warnings.dto';
import { WarningService } from '../services/warning.service';

const WarningId = new UuidParam('Warning');

@ApiTags('supervision')
@ApiBearerAuth()
@Controller('warnings')
export class WarningsController {
  constructor(private readonly warnings: WarningService) {}

  /** Early warnings (投诉风险预警), newest period first: a regulator its jurisdiction's, an institution its own. */
  @Get()
  @ApiPage('WarningView')
  list(@Query() query: WarningsQuery) {
    return this.warnings.list({ status: query.status, institutionId: query.institutionId, periodKind: query.periodKind, metric: query.metric, noticeState: query.noticeState }, query.page, query.pageSize);
  }

  /**
   * One warning with the cases behind it (masked) and its timeline: for referrals the period's
   * referrals; for breaches every case the institution concluded at the center in the month (at
   * most 200, the breached ones among them: which case missed a clock is not kept per case).
   */
  @Get(':id')
  @ApiResult('WarningDetail')
  get(@Param('id', WarningId) id: string) {
    return this.warnings.get(id);
  }

  /** The regulator acknowledges the warning with a comment; audited. */
  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles('regulator_analyst', 'regulator_supervisor')
  @ApiResult('WarningDetail')
  acknowledge(@Param('id', WarningId) id: string, @Body() body: AcknowledgeWarningDto) {
    return this.warnings.acknowledge(id, body.comment);
  }

  /** The regulator sends the institution a supervisory notice (监管提示) on an open warning, with an optional answer-by day; audited, notified. */
  @Post(':id/notices')
  @Roles('regulator_analyst', 'regulator_supervisor')
  @ApiCreated('WarningDetail')
  sendNotice(@Param('id', WarningId) id: string, @Body() body: SendNoticeDto) {
    return this.warnings.sendNotice(id, body.text, body.answerBy ?? null);
  }

  /** The institution's admin answers a notice, once; audited, the regulator who sent it notified. */
  @Post(':id/notices/:noticeId/answer')
  @HttpCode(200)
  @Roles('institution_admin')
  @ApiResult('WarningDetail')
  answerNotice(@Param('id', WarningId) id: string, @Param('noticeId', new UuidParam('Notice')) noticeId: string, @Body() body: AnswerNoticeDto) {
    return this.warnings.answerNotice(id, noticeId, body.text);
  }
}
