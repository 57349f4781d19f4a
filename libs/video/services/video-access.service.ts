import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { VIDEO_OPENS_BEFORE_MS, type VideoRole } from '@accord/contracts';
import { AccessScope, Database, hasRole, SYSTEM_SCOPE } from '@accord/core';
import { CaseReading } from '@accord/cases';
import { DirectoryService } from '@accord/organisations';
import { ConsumerLinkService, SessionRecord, SessionRecords } from '@accord/scheduling';
import { VideoRoomNotFound, VideoRoomNotOpen } from '../video.errors';

/** Who knocks: a signed-in portal user, or a consumer with the access token of their link. */
export type VideoIdentity = { kind: 'staff'; scope: AccessScope } | { kind: 'consumer'; accessToken: string };

/** A place in one session's room: the role, the name others see, and whose consent answers for it. */
export interface RoomSeat {
  sessionId: string;
  caseId: string;
  centerId: string;
  participantId: string;
  role: VideoRole;
  name: string;
  /** The case's mediator: admits, starts a caucus, records. */
  lead: boolean;
  /** `user:<id>` or `link:<id>`. */
  key: string;
  startsAt: Date;
  endsAt: Date;
  opensAt: Date;
}

/** A room exists for a video session until it is concluded, adjourned, cancelled or recorded as a no-show. */
const CLOSED = ['concluded', 'adjourned', 'cancelled', 'no_show'];

/**
 * Who may enter which video room, by the same rules as the case: the center's staff who act on
 * the case (its mediator, the center admin, intake), the respondent bank's users who can see the
 * case (a pinned user only within their branch's subtree), and the consumer holding the access
 * token of exactly that session's link. Anything else is ROOM_NOT_FOUND.
 */
@Injectable()
export class VideoAccessService {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionRecords,
    private readonly cases: CaseReading,
    private readonly links: ConsumerLinkService,
    private readonly directory: DirectoryService,
  ) {}

  /** The seat, or ROOM_NOT_FOUND; `forJoin` also refuses a room that has not opened yet. */
  async seat(identity: VideoIdentity, sessionId: string, options: { forJoin: boolean } = { forJoin: true }): Promise<RoomSeat> {
    if (typeof sessionId !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(sessionId)) throw VideoRoomNotFound();
    const seat = identity.kind === 'staff' ? await this.staffSeat(identity.scope, sessionId.toLowerCase()) : await this.consumerSeat(identity.accessToken, sessionId.toLowerCase());
    if (options.forJoin && Date.now() < seat.opensAt.getTime()) throw VideoRoomNotOpen(seat.opensAt);
    return seat;
  }

  /** Whether the handshake's `consumerToken` is a live access token. */
  async consumerKnown(accessToken: string): Promise<boolean> {
    return (await this.links.sessionForAccess(accessToken)) !== null;
  }

  /** A consumer who entered the room keeps their access until the session is over (a reconnect needs no new code). */
  async keepConsumerAccess(accessToken: string, seat: RoomSeat): Promise<void> {
    await this.links.keepAccessUntil(accessToken, new Date(seat.endsAt.getTime() + 30 * 60_000));
  }

  /** The one session a consumer access token opens, or null. */
  async consumerSession(accessToken: string): Promise<{ sessionId: string } | null> {
    const access = await this.links.sessionForAccess(accessToken);
    return access ? { sessionId: access.sessionId } : null;
  }

  private async staffSeat(scope: AccessScope, sessionId: string): Promise<RoomSeat> {
    return this.db.run(scope, async () => {
      const s = await this.session(sessionId);
      const c = await this.cases.visible(s.caseId).catch(() => null);
      if (!c) throw VideoRoomNotFound();
      let role: VideoRole;
      let lead = false;
      if (scope.kind === 'center') {
        lead = c.mediatorId === scope.userId;
        if (!lead && !hasRole(scope, 'center_admin', 'intake_officer')) throw VideoRoomNotFound();
        role = 'mediator';
      } else if (scope.kind === 'institution') {
        role = 'bank';
      } else {
        throw VideoRoomNotFound();
      }
      const user = scope.userId ? await this.directory.user(scope.userId) : undefined;
      const key = `user:${scope.userId}`;
      return this.toSeat(s, role, user?.displayName ?? '', lead, key);
    });
  }

  private async consumerSeat(accessToken: string, sessionId: string): Promise<RoomSeat> {
    const access = await this.links.sessionForAccess(accessToken);
    if (!access || access.sessionId !== sessionId) throw VideoRoomNotFound();
    return this.db.run(SYSTEM_SCOPE, async () => {
      const s = await this.session(sessionId);
      return this.toSeat(s, 'consumer', access.consumerName, false, `link:${access.linkId}`);
    });
  }

  /** The session as the caller's scope sees it (RLS narrows it), if it has a live video room. */
  private async session(sessionId: string): Promise<SessionRecord> {
    const s = await this.sessions.find(sessionId);
    if (!s || s.channel !== 'video' || CLOSED.includes(s.status)) throw VideoRoomNotFound();
    return s;
  }

  private toSeat(s: SessionRecord, role: VideoRole, name: string, lead: boolean, key: string): RoomSeat {
    // Stable for one person in one session (a reconnect keeps it) and says nothing about who they are.
    const participantId = createHash('sha256').update(`${s.id}|${key}`).digest('hex').slice(0, 20);
    return {
      sessionId: s.id,
      caseId: s.caseId,
      centerId: s.centerId,
      participantId,
      role,
      name,
      lead,
      key,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      opensAt: new Date(s.startsAt.getTime() - VIDEO_OPENS_BEFORE_MS),
    };
  }
}
