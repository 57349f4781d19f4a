import { Controller, Get, Headers, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { asDownload, Public } from '@accord/core';
import { ConsumerDataService } from '../services/consumer-data.service';

/** The consumer's own data, with `X-Consumer-Token` from verifying the code of any of their case links. */
@ApiTags('consumer')
@Public()
@Controller('public/consumer/my-data')
export class ConsumerDataController {
  constructor(private readonly data: ConsumerDataService) {}

  /** A PDF copy of what the center holds about the link's consumer for this case (PIPL art. 45); each request is audited. */
  @Get('pdf')
  @ApiProduces('application/pdf')
  async pdf(@Headers('x-consumer-token') accessToken: string | undefined, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return asDownload(reply, await this.data.copy(accessToken ?? '', { ip: req.ip, userAgent: req.headers['user-agent'], requestId: String(req.id) }));
  }
}
