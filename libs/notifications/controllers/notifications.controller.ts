import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, Roles, UuidParam } from '@accord/core';
import { MessageService } from '../services/message.service';
import { NotificationService } from '../services/notification.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationService) {}

  /** The signed-in user's in-app notifications, newest first, with the unread count. */
  @Get()
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

  /** The center's SMS and e-mail log with delivery status (with the development transport, the only place they arrive). */
  @Get()
  @Roles('center_admin', 'intake_officer')
  list(@Query() query: PageQueryDto) {
    return this.messages.list(query.page, query.pageSize);
  }
}
