import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiCreated, ApiResult, Public, RateLimit, Roles, UuidParam } from '@accord/core';
import { ConsumerConsentAnswerDto, ConsumerConsentQuery } from '../dto/consent.dto';
import { ConsentService } from '../services/consent.service';

/** The branch asks the consumer for their consent by link (and may take the request back). */
@ApiTags('cases')
@Controller('cases/:id')
export class ConsentController {
  constructor(private readonly consent: ConsentService) {}

  /** Sends the consumer the link by SMS and answers it once, for a QR code on screen or on paper. */
  @Post('consent-request')
  @Roles('complaint_handler', 'branch_manager', 'institution_admin')
  @ApiCreated('ConsentRequestSent')
  request(@Param('id', new UuidParam('Case')) id: string) {
    return this.consent.request(id);
  }

  @Delete('consent-request')
  @Roles('complaint_handler', 'branch_manager', 'institution_admin')
  @HttpCode(204)
  async cancel(@Param('id', new UuidParam('Case')) id: string): Promise<void> {
    await this.consent.cancel(id);
  }

  /** The case's consent requests and their evidence (the center sees the given one). */
  @Get('consent')
  @ApiResult('ConsentRequestList')
  list(@Param('id', new UuidParam('Case')) id: string) {
    return this.consent.list(id);
  }
}

/** The consumer's side, with X-Consumer-Token from a consent link's one-time code. */
@ApiTags('consumer')
@Public()
@RateLimit({ name: 'consumer.access', by: 'ip' })
@Controller('public/consumer/consent')
export class ConsumerConsentController {
  constructor(private readonly consent: ConsentService) {}

  @Get()
  @ApiResult('ConsumerConsentView')
  view(@Headers('x-consumer-token') accessToken: string, @Query() query: ConsumerConsentQuery) {
    return this.consent.consumerView(accessToken ?? '', query.lang);
  }

  @Post()
  @HttpCode(200)
  @ApiResult('ConsumerConsentView')
  answer(@Headers('x-consumer-token') accessToken: string, @Body() body: ConsumerConsentAnswerDto, @Req() req: FastifyRequest) {
    const device = req.headers['user-agent'];
    return this.consent.answer(accessToken ?? '', body, { ip: req.ip ?? null, device: typeof device === 'string' ? device : null });
  }
}
