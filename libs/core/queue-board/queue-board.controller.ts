import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../auth/auth.decorators';
import { QueueBoardService } from './queue-board.service';

export class QueueBoardSessionView {
  @ApiProperty({ example: '/admin/queues', description: 'Open this in a new tab; the cookie set with this answer lets it in for 10 minutes' })
  url: string;
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles('platform_admin')
@Controller('admin/queue-board')
export class QueueBoardController {
  constructor(private readonly board: QueueBoardService) {}

  /** Trades the bearer token for the queue dashboard's cookie (HttpOnly, SameSite=Strict, its path only). */
  @Post('session')
  @HttpCode(200)
  @ApiOkResponse({ type: QueueBoardSessionView })
  async openSession(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<QueueBoardSessionView> {
    const session = await this.board.openSession(request.protocol === 'https');
    void reply.header('set-cookie', session.cookie);
    return { url: session.url };
  }
}
