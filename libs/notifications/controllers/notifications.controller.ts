import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, Roles, UuidParam } from '@accord/core';
import { MessagesQuery } from '../dto/messages.dto';
import { MessageService } from '../services/message.service';
import { NotificationService } from '../services/notification.service';
import { ApiResult } from '@accord/core';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationService) {}

  /** The signed-in user's in-app notifications, newest first, with the unread count. */
  @Get()
  @ApiResult('NotificationPage')
  list(@Query() query: PageQueryDto) {
    return this.notifications.listMine(query.page, query.pageSize);
  }

  @Post(':id/read')
  @HttpCode(204)
  markRead(@Param('id', new UuidParam('Notification')) id: string): Promise<void> {
    return this.notifications.markRead(id);
  }
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessageService) {}

  /** The center's SMS and e-mail log with delivery status, attempts and errors (with the development transports, the only place they arrive). */
  @Get()
  @Roles('center_admin', 'intake_officer')
  @ApiResult('MessagePage')
  list(@Query() query: MessagesQuery) {
    return this.messages.list(query.page, query.pageSize, query.channel);
  }

  /** One message of the center's log, its whole body and what was attached; another center's id answers 404. */
  @Get(':id')
  @Roles('center_admin', 'intake_officer')
  @ApiResult('MessageView')
  get(@Param('id', new UuidParam('Message')) id: string) {
    return this.messages.get(id);
  }
}
