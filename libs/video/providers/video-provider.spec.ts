import { createHmac } from 'node:crypto';
import { validateEnvironment, ConfigError } from '@accord/core';
import { ExternalVideoProvider, turnCredential, videoProviderFor, WebRtcVideoProvider } from './video-provider';

const session = '0b9e4c1e-4a57-4c3e-9d0f-3f2a1b7c9d11';
const opens = new Date('2027-03-03T05:30:00Z');

describe('video providers', () => {
  it('webrtc without STUN/TURN answers no ICE servers (loopback)', () => {
    const p = videoProviderFor(validateEnvironment({}));
    expect(p.kind).toBe('webrtc');
    expect(p.joinInfo(session, opens)).toEqual({ provider: 'webrtc', sessionId: session, iceServers: [], opensAt: opens.toISOString() });
  });

  it('gives a coturn REST credential: expiry:sessionId and base64 HMAC-SHA1 of it', () => {
    const now = new Date('2027-03-03T06:00:00Z');
    const p = new WebRtcVideoProvider({ VIDEO_STUN_URLS: 'stun:stun.example.com:3478', VIDEO_TURN_URLS: 'turn:turn.example.com:3478?transport=udp,turns:turn.example.com:5349', VIDEO_TURN_SECRET: 'a-secret-of-coturn-0123', VIDEO_TURN_TTL_SECONDS: 3600 });
    const info = p.joinInfo(session, opens, now);
    if (info.provider !== 'webrtc') throw new Error('webrtc expected');
    expect(info.iceServers[0]).toEqual({ urls: ['stun:stun.example.com:3478'] });
    const turn = info.iceServers[1];
    expect(turn.urls).toEqual(['turn:turn.example.com:3478?transport=udp', 'turns:turn.example.com:5349']);
    expect(turn.username).toBe(`${now.getTime() / 1000 + 3600}:${session}`);
    expect(turn.credential).toBe(createHmac('sha1', 'a-secret-of-coturn-0123').update(turn.username!).digest('base64'));
    expect(turnCredential('a-secret-of-coturn-0123', session, 3600, now)).toEqual({ username: turn.username, credential: turn.credential });
  });

  it('external: one meeting address per session from the template', () => {
    const p = new ExternalVideoProvider('https://meet.example.com/accord-{sessionId}');
    expect(p.joinInfo(session, opens)).toEqual({ provider: 'external', sessionId: session, joinUrl: `https://meet.example.com/accord-${session}`, opensAt: opens.toISOString() });
  });

  it('configuration is checked at start', () => {
    expect(() => validateEnvironment({ VIDEO_PROVIDER: 'zoom' })).toThrow(/VIDEO_PROVIDER/);
    expect(() => validateEnvironment({ VIDEO_PROVIDER: 'external' })).toThrow(/VIDEO_EXTERNAL_URL_TEMPLATE is required/);
    expect(() => validateEnvironment({ VIDEO_EXTERNAL_URL_TEMPLATE: 'https://meet.example.com/x' })).toThrow(/\{sessionId\}/);
    expect(() => validateEnvironment({ VIDEO_TURN_URLS: 'turn:t.example.com:3478' })).toThrow(ConfigError);
    expect(() => validateEnvironment({ VIDEO_STUN_URLS: 'http://x' })).toThrow(/VIDEO_STUN_URLS/);
    expect(() => validateEnvironment({ VIDEO_TURN_URLS: 'turn:t.example.com:3478', VIDEO_TURN_SECRET: 'short' })).toThrow(/VIDEO_TURN_SECRET must be at least 16/);
    expect(validateEnvironment({ VIDEO_TURN_URLS: 'turn:t.example.com:3478', VIDEO_TURN_SECRET: 'long-enough-secret-1' }).VIDEO_TURN_URLS).toBe('turn:t.example.com:3478');
  });
});
