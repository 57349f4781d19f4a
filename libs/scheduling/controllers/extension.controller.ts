import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiCreated, ApiResult, Public, RateLimit, Roles, UuidParam } from '@accord/core';
import { AnswerExtensionDto, ProposeExtensionDto } from '../dto/extension.dto';
import { ExtensionService } from '../services/extension.service';

const CASE_READERS = ['center_admin', 'intake_officer', 'mediator', 'liaison_officer', 'quality_reviewer', 'institution_admin', 'branch_manager', 'complaint_handler', 'viewer'] as const;

/** The mediation clock's one extension: the center proposes, the bank answers here, the consumer by link. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases/:caseId/extensions')
export class ExtensionController {
  constructor(private readonly extensions: ExtensionService) {}

  @Get()
  @Roles(...CASE_READERS)
  @ApiResult('CaseExtensionList')
  list(@Param('caseId', new UuidParam('Case')) caseId: string) {
    return this.extensions.list(caseId);
  }

  @Post()
  @Roles('center_admin', 'intake_officer', 'mediator')
  @ApiCreated('CaseExtensionView')
  propose(@Param('caseId', new UuidParam('Case')) caseId: string, @Body() body: ProposeExtensionDto) {
    return this.extensions.propose(caseId, body);
  }

  @Post(':extensionId/withdraw')
  @HttpCode(200)
  @Roles('center_admin', 'intake_officer', 'mediator')
  @ApiResult('CaseExtensionView')
  withdraw(@Param('caseId', new UuidParam('Case')) caseId: string, @Param('extensionId', new UuidParam('Extension')) extensionId: string) {
    return this.extensions.withdraw(caseId, extensionId);
  }

  /** The respondent bank agrees or declines. */
  @Post(':extensionId/answer')
  @HttpCode(200)
  @Roles('institution_admin', 'branch_manager', 'complaint_handler')
  @ApiResult('CaseExtensionView')
  answer(
    @Param('caseId', new UuidParam('Case')) caseId: string,
    @Param('extensionId', new UuidParam('Extension')) extensionId: string,
    @Body() body: AnswerExtensionDto,
  ) {
    return this.extensions.answerAsInstitution(caseId, extensionId, body);
  }
}

/** The consumer's side, with X-Consumer-Token from an extension link's one-time code. */
@ApiTags('consumer')
@Public()
@RateLimit({ name: 'consumer.access', by: 'ip' })
@Controller('public/consumer/extension')
export class ConsumerExtensionController {
  constructor(private readonly extensions: ExtensionService) {}

  @Get()
  @ApiResult('ConsumerExtensionView')
  view(@Headers('x-consumer-token') accessToken: string) {
    return this.extensions.consumerView(accessToken ?? '');
  }

  @Post()
  @HttpCode(200)
  @ApiResult('ConsumerExtensionView')
  answer(@Headers('x-consumer-token') accessToken: string, @Body() body: AnswerExtensionDto) {
    return this.extensions.answerAsConsumer(accessToken ?? '', body);
  }
}
