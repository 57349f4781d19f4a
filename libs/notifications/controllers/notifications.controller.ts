import { Body, Controller, Get, HttpCode, Logger, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles, sendListWorkbook, UuidParam } from '@accord/core';
import { MessagesQuery } from '../dto/messages.dto';
import { NotificationPreferencesDto, NotificationsQuery } from '../dto/notifications.dto';
import { MessageService } from '../services/message.service';
import { NotificationService } from '../services/notification.service';
import { ApiResult } from '@accord/core';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationService) {}

  /** The signed-in user's in-app notifications, newest first (`unread=true`: the unread ones only), with the unread count. */
  @Get()
  @ApiResult('NotificationPage')
  list(@Query() query: NotificationsQuery) {
    return this.notifications.listMine(query.page, query.pageSize, query.unread === 'true');
  }

  /** The bell's number: how many of the signed-in user's notifications are unread. */
  @Get('unread-count')
  @ApiResult('NotificationUnread')
  unread() {
    return this.notifications.unreadCount();
  }

  /** Which kinds of notification also go to the user by e-mail; every kind that can reach the user is listed. */
  @Get('preferences')
  @ApiResult('NotificationPreferences')
  preferences() {
    return this.notifications.myPreferences();
  }

  /** Sets the e-mail choice of the kinds given (others keep theirs); answers all of them. */
  @Put('preferences')
  @ApiResult('NotificationPreferences')
  savePreferences(@Body() body: NotificationPreferencesDto) {
    return this.notifications.savePreferences(body.items);
  }

  /** Marks every unread notification of the signed-in user read. */
  @Post('read-all')
  @HttpCode(200)
  @ApiResult('NotificationReadAll')
  markAllRead() {
    return this.notifications.markAllRead();
  }

  /** Marks one of the signed-in user's notifications read; anyone else's id answers 404. */
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

  /** The organisation's SMS and e-mail log with delivery status, attempts and errors (with the development transports, the only place they arrive): a center's, or an institution's for its admins. */
  @Get()
  @Roles('center_admin', 'intake_officer', 'institution_admin')
  @ApiResult('MessagePage')
  list(@Query() query: MessagesQuery) {
    return this.messages.list(query.page, query.pageSize, query.channel);
  }

  /** One message of the organisation's log, its whole body and what was attached; another organisation's id answers 404. */
  @Get(':id')
  @Roles('center_admin', 'intake_officer', 'institution_admin')
  @ApiResult('MessageView')
  get(@Param('id', new UuidParam('Message')) id: string) {
    return this.messages.get(id);
  }
}

/** The message log as XLSX beside /messages like /cases.xlsx: the channel filter, 50,000 at most (else 422 EXPORT_TOO_LARGE), link tokens and one-time codes masked, audited. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class MessageExportController {
  private readonly logger = new Logger('MessageExportController');

  constructor(private readonly messages: MessageService) {}

  @Get('messages.xlsx')
  @Roles('center_admin', 'intake_officer')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@Query() query: MessagesQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendListWorkbook(reply, await this.messages.exportList(query.channel), (error) => this.logger.error(`message list export failed: ${error.message}`));
  }
}
