import { createHmac } from 'node:crypto';
import type { AppConfig } from '@accord/core';
import type { VideoJoinInfo } from '@accord/contracts';

/**
 * How a session's video room is reached. `webrtc`: the portal's own room (browser WebRTC, mesh,
 * signalling over the /video socket namespace) with STUN/TURN from configuration; `external`: a
 * conference service of the center's choosing, one meeting address per session.
 */
export interface VideoProvider {
  readonly kind: 'webrtc' | 'external';
  joinInfo(sessionId: string, opensAt: Date, now?: Date): VideoJoinInfo;
}

export const VIDEO_PROVIDER = Symbol('VIDEO_PROVIDER');

/**
 * coturn's REST API credentials (`--use-auth-secret`): the username is `expiry:sessionId` and
 * the password is base64(HMAC-SHA1(secret, username)); coturn recomputes it, nothing is stored.
 */
export function turnCredential(secret: string, sessionId: string, ttlSeconds: number, now = new Date()): { username: string; credential: string } {
  const username = `${Math.floor(now.getTime() / 1000) + ttlSeconds}:${sessionId}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export class WebRtcVideoProvider implements VideoProvider {
  readonly kind = 'webrtc' as const;

  constructor(private readonly config: Pick<AppConfig, 'VIDEO_STUN_URLS' | 'VIDEO_TURN_URLS' | 'VIDEO_TURN_SECRET' | 'VIDEO_TURN_TTL_SECONDS'>) {}

  joinInfo(sessionId: string, opensAt: Date, now = new Date()): VideoJoinInfo {
    const iceServers: { urls: string[]; username?: string; credential?: string }[] = [];
    const stun = list(this.config.VIDEO_STUN_URLS);
    if (stun.length) iceServers.push({ urls: stun });
    const turn = list(this.config.VIDEO_TURN_URLS);
    if (turn.length && this.config.VIDEO_TURN_SECRET) {
      iceServers.push({ urls: turn, ...turnCredential(this.config.VIDEO_TURN_SECRET, sessionId, this.config.VIDEO_TURN_TTL_SECONDS, now) });
    }
    return { provider: 'webrtc', sessionId, iceServers, opensAt: opensAt.toISOString() };
  }
}

export class ExternalVideoProvider implements VideoProvider {
  readonly kind = 'external' as const;

  constructor(private readonly template: string) {}

  joinInfo(sessionId: string, opensAt: Date): VideoJoinInfo {
    return { provider: 'external', sessionId, joinUrl: this.template.split('{sessionId}').join(encodeURIComponent(sessionId)), opensAt: opensAt.toISOString() };
  }
}

export function videoProviderFor(config: AppConfig): VideoProvider {
  return config.VIDEO_PROVIDER === 'external' ? new ExternalVideoProvider(config.VIDEO_EXTERNAL_URL_TEMPLATE!) : new WebRtcVideoProvider(config);
}
