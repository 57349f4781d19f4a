import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { byParam, Public, RateLimit, Roles, UuidParam } from '@accord/core';
import { ConsumerLinkService } from '../services/consumer-link.service';
import { ApiCreated, ApiResult } from '@accord/core';

export class VerifyCodeDto {
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code: string;
}

export class ConsumerAnswerDto {
  @IsIn(['confirmed', 'other_time_requested'])
  answer: 'confirmed' | 'other_time_requested';

  @IsOptional()
  @IsString()
  @MaxLength(300)
  note?: string;
}

const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

/** The center sends the link (SMS with the development transport: readable in 提醒消息). */
@ApiTags('consumer')
@Controller('sessions/:sessionId/consumer-link')
export class ConsumerLinkController {
  constructor(private readonly links: ConsumerLinkService) {}

  @Post()
  @Roles('center_admin', 'intake_officer', 'mediator')
  @ApiCreated('ConsumerLinkSent')
  send(@Param('sessionId', new UuidParam('Session')) sessionId: string) {
    return this.links.send(sessionId);
  }
}

/** The consumer's side, without an account: link token → one-time code → a short access token. */
@ApiTags('consumer')
@Public()
@RateLimit({ name: 'consumer.access', by: 'ip' })
@Controller('public')
export class ConsumerController {
  constructor(private readonly links: ConsumerLinkService) {}

  @Post('consumer-links/:token/code')
  // Per address and per link: a guess spread over many addresses still meets the link's own limit.
  @RateLimit({ name: 'consumer.code', by: 'ip' }, { name: 'consumer.code-target', by: byParam('token') })
  @HttpCode(200)
  @ApiResult('ConsumerCodeSent')
  requestCode(@Param('token') token: string) {
    return this.links.requestCode(TOKEN.test(token) ? token : '');
  }

  @Post('consumer-links/:token/verify')
  @RateLimit({ name: 'consumer.code', by: 'ip' }, { name: 'consumer.code-target', by: byParam('token') })
  @HttpCode(200)
  @ApiResult('ConsumerAccess')
  verify(@Param('token') token: string, @Body() body: VerifyCodeDto) {
    return this.links.verify(TOKEN.test(token) ? token : '', body.code);
  }

  /** With `X-Consumer-Token` from verify. */
  @Get('consumer/session')
  @ApiResult('ConsumerSessionView')
  session(@Headers('x-consumer-token') accessToken: string) {
    return this.links.session(accessToken ?? '');
  }

  @Post('consumer/session/answer')
  @HttpCode(200)
  @ApiResult('ConsumerSessionView')
  answer(@Headers('x-consumer-token') accessToken: string, @Body() body: ConsumerAnswerDto) {
    return this.links.answer(accessToken ?? '', body.answer, body.note);
  }
}
