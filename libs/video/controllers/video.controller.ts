import { Controller, Get, Headers, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VideoJoinInfo } from '@accord/contracts';
import { AccessScope, FieldError, Public, RateLimit, Roles, Scope, UuidParam, ValidationFailedError } from '@accord/core';
import { VIDEO_PROVIDER, VideoProvider } from '../providers/video-provider';
import { VideoAccessService } from '../services/video-access.service';
import { VideoRecordingService } from '../services/video-recording.service';
import { VideoRoomNotFound } from '../video.errors';
import { ApiCreated, ApiItems, ApiResult } from '@accord/core';

const ROOM_USERS = ['center_admin', 'intake_officer', 'mediator', 'institution_admin', 'branch_manager', 'complaint_handler', 'viewer'] as const;

/** How to reach a session's video room: the portal's WebRTC room (with ICE servers) or an external meeting. */
@ApiTags('video')
@Controller()
export class VideoController {
  constructor(
    private readonly access: VideoAccessService,
    @Inject(VIDEO_PROVIDER) private readonly provider: VideoProvider,
    private readonly recordings: VideoRecordingService,
  ) {}

  /** For those who may join the room (the case's mediator, center admin and intake, the respondent bank); anyone else 404. */
  @Get('sessions/:sessionId/video')
  @ApiBearerAuth()
  @Roles(...ROOM_USERS)
  @ApiResult('VideoJoinInfo')
  async staff(@Param('sessionId', new UuidParam('Session')) sessionId: string, @Scope() scope: AccessScope): Promise<VideoJoinInfo> {
    const seat = await this.access.seat({ kind: 'staff', scope }, sessionId, { forJoin: false });
    return { ...this.provider.joinInfo(seat.sessionId, seat.opensAt), caseId: seat.caseId };
  }

  /** The consumer's own session (X-Consumer-Token from verifying the code). */
  @Get('public/consumer/video')
  @Public()
  @RateLimit({ name: 'consumer.access', by: 'ip' })
  @ApiResult('VideoJoinInfo')
  async consumer(@Headers('x-consumer-token') accessToken: string | undefined): Promise<VideoJoinInfo> {
    const { sessionId } = (await this.access.consumerSession(accessToken ?? '')) ?? {};
    if (!sessionId) throw VideoRoomNotFound();
    const seat = await this.access.seat({ kind: 'consumer', accessToken: accessToken! }, sessionId, { forJoin: false });
    return this.provider.joinInfo(seat.sessionId, seat.opensAt);
  }

  /** The session's recordings (each made with every admitted party's consent). */
  @Get('sessions/:sessionId/video/recordings')
  @ApiBearerAuth()
  @Roles(...ROOM_USERS)
  @ApiItems('VideoRecordingView')
  listRecordings(@Param('sessionId', new UuidParam('Session')) sessionId: string, @Scope() scope: AccessScope) {
    return this.recordings.list(scope, sessionId);
  }

  /** The mediator's browser uploads the recording as it goes: chunk `seq` (0, 1, 2 …) as multipart `file`. */
  @Post('sessions/:sessionId/video/recordings/:recordingId/chunks')
  @ApiBearerAuth()
  @Roles('mediator')
  @ApiConsumes('multipart/form-data')
  @ApiCreated('VideoRecordingView')
  async addChunk(
    @Param('sessionId', new UuidParam('Session')) sessionId: string,
    @Param('recordingId', new UuidParam('Recording')) recordingId: string,
    @Query('seq') seq: string,
    @Req() req: FastifyRequest,
    @Scope() scope: AccessScope,
  ) {
    if (!/^\d{1,6}$/.test(seq ?? '')) throw new ValidationFailedError([new FieldError('seq', 'the chunk number, from 0')]);
    if (!req.isMultipart()) throw new ValidationFailedError([new FieldError('file', 'send the chunk as multipart/form-data')]);
    const part = await req.file();
    if (!part) throw new ValidationFailedError([new FieldError('file', 'no file in the request')]);
    let body: Buffer | undefined;
    try {
      body = await part.toBuffer();
    } catch (error) {
      if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
    }
    return this.recordings.addChunk(scope, sessionId, recordingId, Number(seq), body);
  }

  @Get('sessions/:sessionId/video/recordings/:recordingId/content')
  @ApiBearerAuth()
  @Roles('center_admin', 'intake_officer', 'mediator')
  async recording(
    @Param('sessionId', new UuidParam('Session')) sessionId: string,
    @Param('recordingId', new UuidParam('Recording')) recordingId: string,
    @Scope() scope: AccessScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.recordings.content(scope, sessionId, recordingId);
    void reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('cache-control', 'private, no-store');
    return file.body;
  }
}
