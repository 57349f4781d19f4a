import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiPage, ApiResult, Roles, UuidParam } from '@accord/core';
import { AcknowledgeWarningDto, WarningsQuery } from '../dto/warnings.dto';
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
    return this.warnings.list({ status: query.status, institutionId: query.institutionId, periodKind: query.periodKind }, query.page, query.pageSize);
  }

  /** One warning with the period's referrals behind it (masked) and its timeline. */
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
}
