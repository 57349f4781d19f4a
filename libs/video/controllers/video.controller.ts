import { Controller, Get, Headers, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { VideoJoinInfo } from '@accord/contracts';
import { AccessScope, Public, Roles, Scope, UuidParam } from '@accord/core';
import { VIDEO_PROVIDER, VideoProvider } from '../providers/video-provider';
import { VideoAccessService } from '../services/video-access.service';
import { VideoRoomNotFound } from '../video.errors';

const ROOM_USERS = ['center_admin', 'intake_officer', 'mediator', 'institution_admin', 'branch_manager', 'complaint_handler', 'viewer'] as const;

/** How to reach a session's video room: the portal's WebRTC room (with ICE servers) or an external meeting. */
@ApiTags('video')
@Controller()
export class VideoController {
  constructor(
    private readonly access: VideoAccessService,
    @Inject(VIDEO_PROVIDER) private readonly provider: VideoProvider,
  ) {}

  /** For those who may join the room (the case's mediator, center admin and intake, the respondent bank); anyone else 404. */
  @Get('sessions/:sessionId/video')
  @ApiBearerAuth()
  @Roles(...ROOM_USERS)
  async staff(@Param('sessionId', new UuidParam('Session')) sessionId: string, @Scope() scope: AccessScope): Promise<VideoJoinInfo> {
    const seat = await this.access.seat({ kind: 'staff', scope }, sessionId, { forJoin: false });
    return { ...this.provider.joinInfo(seat.sessionId, seat.opensAt), caseId: seat.caseId };
  }

  /** The consumer's own session (X-Consumer-Token from verifying the code). */
  @Get('public/consumer/video')
  @Public()
  async consumer(@Headers('x-consumer-token') accessToken: string | undefined): Promise<VideoJoinInfo> {
    const { sessionId } = (await this.access.consumerSession(accessToken ?? '')) ?? {};
    if (!sessionId) throw VideoRoomNotFound();
    const seat = await this.access.seat({ kind: 'consumer', accessToken: accessToken! }, sessionId, { forJoin: false });
    return this.provider.joinInfo(seat.sessionId, seat.opensAt);
  }
}
