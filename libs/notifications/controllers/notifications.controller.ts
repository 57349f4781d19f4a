import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, UuidParam } from '@accord/core';
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
