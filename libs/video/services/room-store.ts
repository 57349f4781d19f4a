import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, RedisService } from '@accord/core';
import type { CaucusWith, VideoParticipant, VideoRole, VideoRoomState } from '@accord/contracts';

/** A participant as kept in Redis: the view plus what only the server may know. */
export interface StoredParticipant {
  id: string;
  role: VideoRole;
  name: string;
  lead: boolean;
  connId: string;
  socketId: string;
  connected: boolean;
  leftAt: number;
  /** `user:<id>` or `link:<id>`: whose consent row answers for them. */
  key: string;
}

const ROOM_TTL_SECONDS = 12 * 3600;
const ROLE_ORDER: Record<VideoRole, number> = { mediator: 0, bank: 1, consumer: 2 };

/**
 * Joins atomically: a participant coming back within the grace period (or still connected, in
 * another tab) keeps their admission; after it, they wait again. Center staff enter directly.
 * Returns the socket id the participant had before, when another socket held their seat.
 */
const JOIN = `
local prev = redis.call('HGET', KEYS[1], 'p:' .. ARGV[1])
local replaced = ''
local keep = false
if prev then
  local p = cjson.decode(prev)
  if p.connected then
    keep = true
    if p.socketId ~= ARGV[3] then replaced = p.socketId end
  elseif (tonumber(ARGV[4]) - tonumber(p.leftAt)) <= tonumber(ARGV[5]) then
    keep = true
  end
end
if ARGV[6] == '1' then
  redis.call('HSET', KEYS[1], 'a:' .. ARGV[1], '1')
elseif not keep then
  redis.call('HDEL', KEYS[1], 'a:' .. ARGV[1])
end
redis.call('HSET', KEYS[1], 'p:' .. ARGV[1], ARGV[2], 'm:' .. ARGV[1], ARGV[7])
redis.call('EXPIRE', KEYS[1], ARGV[8])
return replaced`;

/** Marks the participant as gone only if this socket still holds their seat (a reconnect may have won). */
const DROP = `
local prev = redis.call('HGET', KEYS[1], 'p:' .. ARGV[1])
if not prev then return 0 end
local p = cjson.decode(prev)
if p.socketId ~= ARGV[2] then return 0 end
p.connected = false
p.leftAt = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], 'p:' .. ARGV[1], cjson.encode(p))
return 1`;

/** Forgets participants gone for longer than the grace period; returns how many. */
const PRUNE = `
local fields = redis.call('HGETALL', KEYS[1])
local n = 0
for i = 1, #fields, 2 do
  local f = fields[i]
  if string.sub(f, 1, 2) == 'p:' then
    local p = cjson.decode(fields[i + 1])
    if (not p.connected) and (tonumber(ARGV[1]) - tonumber(p.leftAt)) > tonumber(ARGV[2]) then
      local id = string.sub(f, 3)
      redis.call('HDEL', KEYS[1], f, 'a:' .. id, 'm:' .. id, 'c:' .. id)
      n = n + 1
    end
  end
end
return n`;

/**
 * The room's live state, in Redis so every API process serves the same room: who is there,
 * admitted or waiting, their mic and camera, the caucus and the recording. One hash per
 * session (expiring); each kind of fact in its own field, so concurrent changes never
 * overwrite each other. PostgreSQL keeps what must last (the recording consents).
 */
@Injectable()
export class RoomStore {
  constructor(
    private readonly redis: RedisService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get graceMs(): number {
    return this.config.VIDEO_REJOIN_GRACE_SECONDS * 1000;
  }

  private key(sessionId: string): string {
    return this.redis.key('video', sessionId);
  }

  async join(sessionId: string, p: Omit<StoredParticipant, 'connected' | 'leftAt'>, media: { mic: boolean; camera: boolean }, autoAdmit: boolean): Promise<{ replacedSocketId: string | null }> {
    const stored: StoredParticipant = { ...p, connected: true, leftAt: 0 };
    const replaced = (await this.redis.client.eval(
      JOIN,
      1,
      this.key(sessionId),
      p.id,
      JSON.stringify(stored),
      p.socketId,
      String(Date.now()),
      String(this.graceMs),
      autoAdmit ? '1' : '0',
      JSON.stringify(media),
      String(ROOM_TTL_SECONDS),
    )) as string;
    return { replacedSocketId: replaced || null };
  }

  async drop(sessionId: string, participantId: string, socketId: string): Promise<boolean> {
    return (await this.redis.client.eval(DROP, 1, this.key(sessionId), participantId, socketId, String(Date.now()))) === 1;
  }

  async prune(sessionId: string): Promise<number> {
    return (await this.redis.client.eval(PRUNE, 1, this.key(sessionId), String(Date.now()), String(this.graceMs))) as number;
  }

  async leave(sessionId: string, participantId: string): Promise<void> {
    await this.redis.client.hdel(this.key(sessionId), `p:${participantId}`, `a:${participantId}`, `m:${participantId}`, `c:${participantId}`);
  }

  /** The room is over: nothing of it stays. */
  async forget(sessionId: string): Promise<void> {
    await this.redis.client.del(this.key(sessionId));
  }

  async participant(sessionId: string, participantId: string): Promise<(StoredParticipant & { admitted: boolean }) | null> {
    const [p, a] = await this.redis.client.hmget(this.key(sessionId), `p:${participantId}`, `a:${participantId}`);
    return p ? { ...(JSON.parse(p) as StoredParticipant), admitted: a === '1' } : null;
  }

  async admit(sessionId: string, participantId: string): Promise<void> {
    await this.redis.client.hset(this.key(sessionId), `a:${participantId}`, '1');
  }

  async setMedia(sessionId: string, participantId: string, media: { mic: boolean; camera: boolean }): Promise<void> {
    await this.redis.client.hset(this.key(sessionId), `m:${participantId}`, JSON.stringify(media));
  }

  async setConsent(sessionId: string, participantId: string, consent: boolean | null): Promise<void> {
    if (consent === null) await this.redis.client.hdel(this.key(sessionId), `c:${participantId}`);
    else await this.redis.client.hset(this.key(sessionId), `c:${participantId}`, consent ? '1' : '0');
  }

  async setCaucus(sessionId: string, caucus: CaucusWith | null): Promise<void> {
    if (caucus) await this.redis.client.hset(this.key(sessionId), 'caucus', JSON.stringify({ with: caucus, since: new Date().toISOString() }));
    else await this.redis.client.hdel(this.key(sessionId), 'caucus');
  }

  async setRecording(sessionId: string, recording: VideoRoomState['recording']): Promise<void> {
    if (recording) await this.redis.client.hset(this.key(sessionId), 'recording', JSON.stringify(recording));
    else await this.redis.client.hdel(this.key(sessionId), 'recording');
  }

  /** Everyone, with the server-only fields (socket ids, consent keys). */
  async stored(sessionId: string): Promise<{ participants: (StoredParticipant & VideoParticipant)[]; caucus: VideoRoomState['caucus']; recording: VideoRoomState['recording'] }> {
    const h = await this.redis.client.hgetall(this.key(sessionId));
    const participants = Object.entries(h)
      .filter(([f]) => f.startsWith('p:'))
      .map(([f, v]) => {
        const id = f.slice(2);
        const p = JSON.parse(v) as StoredParticipant;
        const media = h[`m:${id}`] ? (JSON.parse(h[`m:${id}`]) as { mic: boolean; camera: boolean }) : { mic: false, camera: false };
        const consent = h[`c:${id}`];
        return { ...p, admitted: h[`a:${id}`] === '1', mic: media.mic, camera: media.camera, recordingConsent: consent === undefined ? null : consent === '1' };
      })
      .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return {
      participants,
      caucus: h.caucus ? (JSON.parse(h.caucus) as VideoRoomState['caucus']) : null,
      recording: h.recording ? (JSON.parse(h.recording) as VideoRoomState['recording']) : null,
    };
  }

  /** What the clients see: no socket ids, no user or link ids. */
  async state(sessionId: string): Promise<VideoRoomState> {
    const s = await this.stored(sessionId);
    return {
      sessionId,
      participants: s.participants.map((p) => ({
        id: p.id,
        role: p.role,
        name: p.name,
        lead: p.lead,
        admitted: p.admitted,
        connected: p.connected,
        connId: p.connId,
        mic: p.mic,
        camera: p.camera,
        recordingConsent: p.recordingConsent,
      })),
      caucus: s.caucus,
      recording: s.recording,
    };
  }
}
