import { createHmac, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { sockets } from './support/sockets';
import { assignedCase } from './support/stories';
import { eventually, SignedIn, TestWorld } from './support/test-world';
import { consumerAccess, openVideo, videoSession, VideoTab, videoTab } from './support/video';

const TURN_SECRET = 'test-turn-secret-0123456789';
const GRACE_SECONDS = 3;

/**
 * The video room (issue 4, "Video"): who may enter (the case's rules, a consumer only their own
 * session), the waiting room the mediator admits from, signalling only between admitted
 * participants — across two API processes —, a reconnect within the grace period, the caucus
 * and the recording-consent gate, and the ICE servers with coturn REST credentials.
 */
describe('video rooms', () => {
  let world: TestWorld;
  let intake: SignedIn;
  let handler: SignedIn;
  let mediator: SignedIn;
  let caseId: string;
  let sessionId: string;
  let phoneSessionId: string;
  let otherSessionId: string;
  let consumerToken: string;
  let otherConsumerToken: string;
  let api2Url: string;
  const notFound = { ok: false, code: 'ROOM_NOT_FOUND' };

  beforeAll(async () => {
    world = await TestWorld.start({
      VIDEO_STUN_URLS: 'stun:stun.accord.test:3478',
      VIDEO_TURN_URLS: 'turn:turn.accord.test:3478?transport=udp,turn:turn.accord.test:3478?transport=tcp',
      VIDEO_TURN_SECRET: TURN_SECRET,
      VIDEO_REJOIN_GRACE_SECONDS: String(GRACE_SECONDS),
    });
    // the worker sends the (development) SMS with the link and the code
    await world.startWorker();
    [intake, handler, mediator] = await Promise.all([world.signIn('qd.intake'), world.signIn('icbc.qd.handler'), world.signIn('qd.mediator')]);
    caseId = await assignedCase(world, { handler, intake }, 'qd.mediator');
    sessionId = await videoSession(world, intake, caseId, 2);
    phoneSessionId = await videoSession(world, intake, caseId, 180, 'phone');
    const otherCase = await assignedCase(world, { handler, intake }, 'qd.mediator2', '李四');
    otherSessionId = await videoSession(world, intake, otherCase, 2);
    [consumerToken, otherConsumerToken] = await Promise.all([consumerAccess(world, intake, caseId, sessionId), consumerAccess(world, intake, otherCase, otherSessionId)]);
    const api2 = await world.startApi();
    api2Url = await api2.getUrl();
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await world?.stop();
  });

  const refusedWith = (auth: Record<string, unknown>, query?: Record<string, string>) =>
    new Promise<{ data?: { code?: string } }>((resolve, reject) => {
      const socket = openVideo(world.url, auth, query);
      socket.once('connect', () => reject(new Error('accepted a socket it should have refused')));
      socket.once('connect_error', (e) => resolve(e as { data?: { code?: string } }));
    });

  it('the handshake needs a portal access token or a consumer access token in auth, never the query string', async () => {
    expect((await refusedWith({})).data?.code).toBe('UNAUTHENTICATED');
    expect((await refusedWith({ token: 'not-a-jwt' })).data?.code).toBe('UNAUTHENTICATED');
    expect((await refusedWith({ token: mediator.refreshToken })).data?.code).toBe('UNAUTHENTICATED');
    expect((await refusedWith({ consumerToken: 'forged-consumer-token-xxxxxxxx' })).data?.code).toBe('UNAUTHENTICATED');
    expect((await refusedWith({}, { token: mediator.accessToken })).data?.code).toBe('UNAUTHENTICATED');
    expect((await refusedWith({}, { consumerToken })).data?.code).toBe('UNAUTHENTICATED');
    // a signed-out user's token stops working at once
    const signedOut = await world.signIn('qd.admin');
    await world.http.post('/api/v1/auth/sign-out').set(signedOut.auth).expect(204);
    expect((await refusedWith({ token: signedOut.accessToken })).data?.code).toBe('UNAUTHENTICATED');
  });

  it('join: anyone who may not act on the case, another session\'s consumer, a phone session or a made-up id all get ROOM_NOT_FOUND', async () => {
    const outsiders = await Promise.all(['cmb.admin', 'qdbank.admin', 'sh.mediator', 'sh.admin', 'qd.mediator2', 'qd.liaison', 'qd.regulator'].map((u) => world.signIn(u)));
    for (const who of outsiders) {
      const tab = await videoTab(world.url, { token: who.accessToken });
      expect(await tab.join(sessionId)).toEqual(notFound);
      // nothing of the room reaches them
      expect(tab.states).toEqual([]);
    }
    const mediatorTab = await videoTab(world.url, { token: mediator.accessToken });
    expect(await mediatorTab.join(phoneSessionId)).toEqual(notFound);
    expect(await mediatorTab.join(randomUUID())).toEqual(notFound);
    expect(await mediatorTab.join('not-a-uuid')).toEqual(notFound);
    expect(await mediatorTab.join({ sessionId: [sessionId] } as unknown as string)).toEqual(notFound);
    // the consumer of another session knocks on this one
    const stranger = await videoTab(world.url, { consumerToken: otherConsumerToken });
    expect(await stranger.join(sessionId)).toEqual(notFound);
    // …and may enter only their own
    expect((await stranger.join(otherSessionId)).ok).toBe(true);
    // a room opens 30 minutes before the start
    const later = await videoSession(world, intake, caseId, 24 * 60);
    const early = await mediatorTab.join(later);
    expect(early).toMatchObject({ ok: false, code: 'ROOM_NOT_OPEN' });
    expect(Date.parse(early.opensAt!)).toBeGreaterThan(Date.now() + 23 * 3600_000);
    // a cancelled session has no room
    await world.http.post(`/api/v1/sessions/${later}/cancel`).set(intake.auth).send({ reason: '测试取消' }).expect(200);
    expect(await mediatorTab.join(later)).toEqual(notFound);
    // no one else's actions without a seat
    expect(await stranger.emit('video.admit', { sessionId, participantId: 'x' })).toMatchObject({ ok: false, code: 'NOT_IN_ROOM' });
    expect(await stranger.emit('video.signal', { sessionId, to: 'x', pc: 'p' })).toMatchObject({ ok: false, code: 'NOT_IN_ROOM' });
  });

  it('waiting room, admission and signalling between admitted participants, with the consumer on another API process', async () => {
    const m = await videoTab(world.url, { token: mediator.accessToken });
    const joined = await m.join(sessionId);
    expect(joined.ok).toBe(true);
    expect(m.me(joined.state)).toMatchObject({ role: 'mediator', name: '张伟', lead: true, admitted: true, connected: true, mic: true, camera: true });

    // the consumer joins through the second API process, and waits
    const c = await videoTab(api2Url, { consumerToken });
    const cj = await c.join(sessionId);
    expect(cj.ok).toBe(true);
    const consumerName = (await world.http.get(`/api/v1/cases/${caseId}`).set(intake.auth)).body.consumerName as string;
    expect(consumerName).toMatch(/\*/);
    expect(c.me(cj.state)).toMatchObject({ role: 'consumer', name: consumerName, lead: false, admitted: false });
    // in the room, the consumer's 30-minute access lasts until the session is over (a reconnect needs no new code)
    const owner = new Client({ connectionString: world.env.DATABASE_URL });
    await owner.connect();
    const [access] = (
      await owner.query(
        `SELECT l.access_expires_at AS "expiresAt", s.ends_at AS "endsAt" FROM consumer_links l JOIN mediation_sessions s ON s.id = l.session_id WHERE l.session_id = $1 AND l.access_hash IS NOT NULL`,
        [sessionId],
      )
    ).rows;
    await owner.end();
    expect(access.expiresAt.getTime()).toBe(access.endsAt.getTime() + 30 * 60_000);
    // the mediator (first process) sees them waiting
    const waiting = await m.until((s) => s.participants.some((p) => p.id === c.participantId && !p.admitted));
    expect(JSON.stringify(waiting)).not.toMatch(/socket|user:|link:/);

    // the bank's handler joins too and waits
    const b = await videoTab(world.url, { token: handler.accessToken });
    expect((await b.join(sessionId)).ok).toBe(true);
    await m.until((s) => s.participants.length === 3);
    expect(m.state!.participants.map((p) => [p.role, p.admitted])).toEqual([
      ['mediator', true],
      ['bank', false],
      ['consumer', false],
    ]);

    // waiting parties can neither admit nor signal; nobody signals to them
    expect(await c.emit('video.admit', { sessionId, participantId: c.participantId })).toMatchObject({ ok: false, code: 'MEDIATOR_ONLY' });
    expect(await b.emit('video.admit', { sessionId, participantId: c.participantId })).toMatchObject({ ok: false, code: 'MEDIATOR_ONLY' });
    expect(await c.emit('video.signal', { sessionId, to: m.participantId, pc: 'pc1', description: { type: 'offer', sdp: 'v=0' } })).toMatchObject({ ok: false, code: 'NOT_ADMITTED' });
    expect(await m.emit('video.signal', { sessionId, to: c.participantId, pc: 'pc1', description: { type: 'offer', sdp: 'v=0' } })).toMatchObject({ ok: false, code: 'PEER_NOT_FOUND' });
    expect(await m.emit('video.admit', { sessionId, participantId: 'nobody' })).toMatchObject({ ok: false, code: 'PARTICIPANT_NOT_FOUND' });

    // the mediator admits the consumer: both processes' sockets see it
    expect(await m.emit('video.admit', { sessionId, participantId: c.participantId })).toEqual({ ok: true });
    await c.until((s) => c.me(s)?.admitted === true);
    await b.until((s) => s.participants.find((p) => p.id === c.participantId)?.admitted === true);
    // admitted is present: the session console has the consumer checked in, its waiting room open
    const seen = (await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(mediator.auth)).body;
    expect(seen.session.status).toBe('waiting');
    expect(seen.checkIns).toEqual([expect.objectContaining({ role: 'consumer', via: 'video' })]);

    // an offer from process 1 reaches the consumer on process 2, and the answer comes back
    const offer = { sessionId, to: c.participantId, pc: 'pc-1', description: { type: 'offer', sdp: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n' } };
    expect(await m.emit('video.signal', offer)).toEqual({ ok: true });
    const got = await eventually(async () => c.signals.find((s) => s.pc === 'pc-1'));
    expect(got).toEqual({ from: m.participantId, pc: 'pc-1', description: offer.description });
    expect(await c.emit('video.signal', { sessionId, to: m.participantId, pc: 'pc-1', description: { type: 'answer', sdp: 'v=0' } })).toEqual({ ok: true });
    expect(await c.emit('video.signal', { sessionId, to: m.participantId, pc: 'pc-1', candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } })).toEqual({ ok: true });
    await eventually(async () => m.signals.filter((s) => s.from === c.participantId).length === 2);
    expect(m.signals.filter((s) => s.from === c.participantId)[1]).toMatchObject({ candidate: { candidate: expect.stringContaining('typ host'), sdpMid: '0', sdpMLineIndex: 0 } });
    // the waiting bank hears none of it, and can't be reached
    expect(b.signals).toEqual([]);
    expect(await c.emit('video.signal', { sessionId, to: b.participantId, pc: 'x', candidate: null })).toMatchObject({ ok: false, code: 'PEER_NOT_FOUND' });
    // malformed signals are refused
    expect(await m.emit('video.signal', { sessionId, to: c.participantId, pc: 'p', description: { type: 'evil' } })).toMatchObject({ ok: false, code: 'SIGNAL_INVALID' });
    expect(await m.emit('video.signal', { sessionId, to: c.participantId, pc: 'p', description: { type: 'offer', sdp: 'x'.repeat(70_000) } })).toMatchObject({ ok: false, code: 'SIGNAL_INVALID' });

    // mute and camera flags are shared
    expect(await c.emit('video.media', { sessionId, mic: false, camera: true })).toEqual({ ok: true });
    await m.until((s) => s.participants.find((p) => p.id === c.participantId)?.mic === false);

    // ── reconnect: the consumer's network drops and comes back within the grace period ──
    c.socket.disconnect();
    await m.until((s) => s.participants.find((p) => p.id === c.participantId)?.connected === false);
    const back = new VideoTab(openVideo(api2Url, { consumerToken }));
    await new Promise<void>((r) => back.socket.once('connect', () => r()));
    const rejoined = await back.join(sessionId);
    expect(rejoined.participantId).toBe(c.participantId);
    expect(back.me(rejoined.state)).toMatchObject({ admitted: true, connected: true });
    await m.until((s) => s.participants.find((p) => p.id === c.participantId)?.connected === true);
    // …and signalling works again without the mediator admitting anyone
    expect(await back.emit('video.signal', { sessionId, to: m.participantId, pc: 'pc-2', description: { type: 'offer', sdp: 'v=0' } })).toEqual({ ok: true });
    await eventually(async () => m.signals.find((s) => s.pc === 'pc-2' && s.from === c.participantId));

    // the same person in a second tab takes the seat over; the first one steps aside
    const second = await videoTab(world.url, { consumerToken });
    expect((await second.join(sessionId)).participantId).toBe(c.participantId);
    await eventually(async () => back.events.find((e) => e.event === 'video.replaced'));
    expect(await back.emit('video.signal', { sessionId, to: m.participantId, pc: 'pc-3', candidate: null })).toMatchObject({ ok: false, code: 'NOT_IN_ROOM' });

    // gone for longer than the grace period: forgotten, and waits again when back
    second.socket.disconnect();
    await m.until((s) => !s.participants.some((p) => p.id === c.participantId), (GRACE_SECONDS + 5) * 1000);
    const late = await videoTab(api2Url, { consumerToken });
    expect(late.me((await late.join(sessionId)).state)).toMatchObject({ admitted: false });
    expect(await m.emit('video.admit', { sessionId, participantId: late.participantId })).toEqual({ ok: true });
    await late.until((s) => late.me(s)?.admitted === true);

    // leaving explicitly frees the seat at once
    expect(await b.emit('video.leave', { sessionId })).toEqual({ ok: true });
    await m.until((s) => !s.participants.some((p) => p.id === b.participantId));
  }, 60_000);

  it('caucus (背靠背): only the mediator starts and ends it; everyone sees with whom', async () => {
    const m = await videoTab(world.url, { token: mediator.accessToken });
    await m.join(sessionId);
    const b = await videoTab(api2Url, { token: handler.accessToken });
    await b.join(sessionId);
    const c = await videoTab(world.url, { consumerToken });
    await c.join(sessionId);

    expect(await b.emit('video.caucus', { sessionId, with: 'bank' })).toMatchObject({ ok: false, code: 'MEDIATOR_ONLY' });
    expect(await c.emit('video.caucus', { sessionId, with: null })).toMatchObject({ ok: false, code: 'MEDIATOR_ONLY' });
    expect(await m.emit('video.caucus', { sessionId, with: 'everyone' })).toMatchObject({ ok: false, code: 'CAUCUS_INVALID' });

    expect(await m.emit('video.caucus', { sessionId, with: 'consumer' })).toEqual({ ok: true });
    for (const tab of [m, b, c]) await tab.until((s) => s.caucus?.with === 'consumer');
    expect(Date.parse(b.state!.caucus!.since)).toBeLessThanOrEqual(Date.now());
    expect(await m.emit('video.caucus', { sessionId, with: null })).toEqual({ ok: true });
    for (const tab of [m, b, c]) await tab.until((s) => s.caucus === null);
    // another case's mediator, in their own room, can't touch this one
    const other = await videoTab(world.url, { token: (await world.signIn('qd.mediator2')).accessToken });
    await other.join(otherSessionId);
    expect(await other.emit('video.caucus', { sessionId, with: 'bank' })).toMatchObject({ ok: false, code: 'NOT_IN_ROOM' });
    expect(m.state!.caucus).toBeNull();
  });

  it('recording only with every admitted party\'s recorded consent, kept in PostgreSQL under RLS', async () => {
    const m = await videoTab(world.url, { token: mediator.accessToken });
    await m.join(sessionId);
    const c = await videoTab(api2Url, { consumerToken });
    await c.join(sessionId);
    await m.emit('video.admit', { sessionId, participantId: c.participantId });
    await c.until((s) => c.me(s)?.admitted === true);
    // the bank's handler is in the waiting room (not admitted): not asked yet
    const b = await videoTab(world.url, { token: handler.accessToken });
    await b.join(sessionId);
    await m.until((s) => s.participants.some((p) => p.id === b.participantId && !p.admitted));

    const refused = await m.emit<{ ok: boolean; code: string; missing: { role: string; name: string }[] }>('video.recording.start', { sessionId });
    expect(refused).toMatchObject({ ok: false, code: 'RECORDING_CONSENT_MISSING' });
    expect(refused.missing.map((x) => x.role).sort()).toEqual(['consumer', 'mediator']);
    expect(await c.emit('video.recording.start', { sessionId })).toMatchObject({ ok: false, code: 'MEDIATOR_ONLY' });

    expect(await m.emit('video.consent', { sessionId, recording: true })).toEqual({ ok: true });
    expect(await c.emit('video.consent', { sessionId, recording: 'yes' })).toMatchObject({ ok: false, code: 'CONSENT_INVALID' });
    expect(await c.emit('video.consent', { sessionId, recording: false })).toEqual({ ok: true });
    const stillMissing = await m.emit<{ ok: boolean; missing: { role: string }[] }>('video.recording.start', { sessionId });
    expect(stillMissing.missing.map((x) => x.role)).toEqual(['consumer']);
    expect(await c.emit('video.consent', { sessionId, recording: true })).toEqual({ ok: true });
    await m.until((s) => s.participants.filter((p) => p.admitted).every((p) => p.recordingConsent === true));

    expect(await m.emit('video.recording.start', { sessionId })).toEqual({ ok: true });
    for (const tab of [m, c, b]) await tab.until((s) => s.recording?.by === '张伟');

    // admitting the bank, who hasn't consented, stops the recording
    expect(await m.emit('video.admit', { sessionId, participantId: b.participantId })).toEqual({ ok: true });
    await c.until((s) => s.recording === null);
    expect((await m.emit<{ missing: { role: string }[] }>('video.recording.start', { sessionId })).missing.map((x) => x.role)).toEqual(['bank']);
    expect(await b.emit('video.consent', { sessionId, recording: true })).toEqual({ ok: true });
    expect(await m.emit('video.recording.start', { sessionId })).toEqual({ ok: true });
    await b.until((s) => s.recording !== null);
    // the mediator's browser uploads the recording in order, as WebM
    const recordingId = b.state!.recording!.id;
    const upload = (who: SignedIn, seq: number | string, bytes: Buffer, id = recordingId) =>
      world.http.post(`/api/v1/sessions/${sessionId}/video/recordings/${id}/chunks?seq=${seq}`).set(who.auth).attach('file', bytes, { filename: 'chunk.webm', contentType: 'video/webm' });
    const first = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(2000, 7)]);
    const second = Buffer.alloc(3000, 9);
    expect((await upload(mediator, 0, Buffer.from('not a video at all'))).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await upload(mediator, 1, second)).body).toMatchObject({ code: 'CHUNK_OUT_OF_ORDER', expectedSeq: 0 });
    expect((await upload(mediator, 'x', first)).status).toBe(400);
    expect((await upload(mediator, 0, first)).body).toMatchObject({ chunkCount: 1, sizeBytes: first.length, contentType: 'video/webm' });
    // nobody else adds to it: the bank (role), another mediator of the center, another center
    expect((await upload(handler, 1, second)).status).toBe(403);
    for (const u of ['qd.mediator2', 'sh.mediator']) {
      const r = await upload(await world.signIn(u), 1, second);
      expect([u, r.status, r.body.code]).toEqual([u, 404, 'ROOM_NOT_FOUND']);
    }
    expect((await upload(mediator, 1, second, randomUUID())).body.code).toBe('RECORDING_NOT_FOUND');

    // a party withdrawing consent stops it too
    expect(await c.emit('video.consent', { sessionId, recording: false })).toEqual({ ok: true });
    await m.until((s) => s.recording === null);
    // the last slice may still arrive just after the stop
    expect((await upload(mediator, 1, second)).status).toBe(201);
    const list = await world.http.get(`/api/v1/sessions/${sessionId}/video/recordings`).set(handler.auth);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ endReason: 'participant-without-consent-admitted', chunkCount: 0, consentedParticipants: [{ role: 'mediator', name: '张伟' }, { role: 'consumer', name: expect.stringMatching(/\*/) }] }),
      expect.objectContaining({ id: recordingId, endReason: 'consent-withdrawn', chunkCount: 2, sizeBytes: first.length + second.length, startedByName: '张伟' }),
    ]);
    expect(list.body.items[1].consentedParticipants.map((x: { role: string }) => x.role)).toEqual(['mediator', 'bank', 'consumer']);
    const file = await world.http.get(`/api/v1/sessions/${sessionId}/video/recordings/${recordingId}/content`).set(intake.auth).buffer(true).parse((res, cb) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => cb(null, Buffer.concat(parts)));
    });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('video/webm');
    expect(Buffer.compare(file.body as Buffer, Buffer.concat([first, second]))).toBe(0);
    expect((await world.http.get(`/api/v1/sessions/${sessionId}/video/recordings`).set((await world.signIn('cmb.admin')).auth)).status).toBe(404);
    expect((await world.http.get(`/api/v1/sessions/${sessionId}/video/recordings/${recordingId}/content`).set((await world.signIn('sh.admin')).auth)).status).toBe(404);

    // the answers are rows in PostgreSQL: the center and the bank read them, another center none
    const owner = new Client({ connectionString: world.env.DATABASE_URL });
    const app = new Client({ connectionString: world.env.APP_DATABASE_URL });
    await Promise.all([owner.connect(), app.connect()]);
    try {
      const rows = (await owner.query(`SELECT party, recording, actor_name FROM video_consents WHERE session_id = $1 ORDER BY party`, [sessionId])).rows;
      expect(rows).toEqual([
        { party: 'bank', recording: true, actor_name: '吴婷' },
        { party: 'consumer', recording: false, actor_name: expect.stringMatching(/\*/) },
        { party: 'mediator', recording: true, actor_name: '张伟' },
      ]);
      const as = async (kind: string, org: string, user = '') => {
        await app.query('BEGIN');
        await app.query(`SELECT set_config('app.kind', $1, true), set_config('app.org_id', $2, true), set_config('app.user_id', $3, true), set_config('app.branch_path', '', true), set_config('app.center_ids', '', true)`, [kind, org, user]);
        try {
          return (await app.query(`SELECT party FROM video_consents WHERE session_id = $1`, [sessionId])).rowCount;
        } finally {
          await app.query('ROLLBACK');
        }
      };
      expect(await as('center', world.org('qd-center'))).toBe(3);
      const recordingsAs = async (kind: string, org: string) => {
        await app.query('BEGIN');
        await app.query(`SELECT set_config('app.kind', $1, true), set_config('app.org_id', $2, true), set_config('app.user_id', '', true), set_config('app.branch_path', '', true), set_config('app.center_ids', '', true)`, [kind, org]);
        try {
          return (await app.query(`SELECT id FROM video_recordings WHERE session_id = $1`, [sessionId])).rowCount;
        } finally {
          await app.query('ROLLBACK');
        }
      };
      expect(await recordingsAs('center', world.org('qd-center'))).toBe(2);
      expect(await recordingsAs('institution', world.org('icbc'))).toBe(2);
      expect(await recordingsAs('center', world.org('sh-center'))).toBe(0);
      expect(await recordingsAs('institution', world.org('cmb'))).toBe(0);
      expect(await as('institution', world.org('icbc'))).toBe(3);
      expect(await as('center', world.org('sh-center'))).toBe(0);
      expect(await as('institution', world.org('cmb'))).toBe(0);
      expect(await app.query(`SELECT count(*) FROM video_consents`).then((r) => Number(r.rows[0].count))).toBe(0);
      // a center user can't write an answer in someone else's name
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.kind', 'center', true), set_config('app.org_id', $1, true), set_config('app.user_id', $2, true)`, [world.org('qd-center'), world.ids.users['qd.intake']]);
      await expect(
        app.query(`UPDATE video_consents SET recording = true WHERE session_id = $1 AND party = 'consumer' RETURNING id`, [sessionId]).then((r) => r.rowCount),
      ).resolves.toBe(0);
      await app.query('ROLLBACK');
    } finally {
      await Promise.all([owner.end(), app.end()]);
    }

    // the mediator's socket drops and comes back on the same page: the recording goes on;
    // the mediator opens the room on another page: the recording the old page made ends
    expect(await c.emit('video.consent', { sessionId, recording: true })).toEqual({ ok: true });
    expect(await m.emit('video.recording.start', { sessionId })).toEqual({ ok: true });
    const third = (await b.until((s) => s.recording !== null)).recording!.id;
    m.socket.disconnect();
    const samePage = await videoTab(world.url, { token: mediator.accessToken }, m.connId);
    expect((await samePage.join(sessionId)).state!.recording?.id).toBe(third);
    const otherPage = await videoTab(world.url, { token: mediator.accessToken });
    expect((await otherPage.join(sessionId)).state!.recording).toBeNull();
    const ended = (await world.http.get(`/api/v1/sessions/${sessionId}/video/recordings`).set(intake.auth)).body.items.find((r: { id: string }) => r.id === third);
    expect(ended).toMatchObject({ endReason: 'mediator-page-changed' });
    expect(ended.endedAt).not.toBeNull();
    // the mediator leaves: the recording stops with them
    expect(await otherPage.emit('video.recording.start', { sessionId })).toEqual({ ok: true });
    const fourth = (await b.until((s) => s.recording !== null)).recording!.id;
    expect(await otherPage.emit('video.leave', { sessionId })).toEqual({ ok: true });
    await b.until((s) => s.recording === null && !s.participants.some((p) => p.lead));
    const left = (await world.http.get(`/api/v1/sessions/${sessionId}/video/recordings`).set(intake.auth)).body.items.find((r: { id: string }) => r.id === fourth);
    expect(left).toMatchObject({ endReason: 'mediator-left' });
  });

  it('GET …/video answers the ICE servers with a TURN credential that verifies, for those who may join', async () => {
    const res = await world.http.get(`/api/v1/sessions/${sessionId}/video`).set(mediator.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ provider: 'webrtc', sessionId });
    const [stun, turn] = res.body.iceServers as { urls: string[]; username?: string; credential?: string }[];
    expect(stun).toEqual({ urls: ['stun:stun.accord.test:3478'] });
    expect(turn.urls).toEqual(['turn:turn.accord.test:3478?transport=udp', 'turn:turn.accord.test:3478?transport=tcp']);
    const [expiry, forSession] = turn.username!.split(':');
    expect(forSession).toBe(sessionId);
    expect(Number(expiry)).toBeGreaterThan(Date.now() / 1000 + 3000);
    expect(turn.credential).toBe(createHmac('sha1', TURN_SECRET).update(turn.username!).digest('base64'));

    expect((await world.http.get(`/api/v1/sessions/${sessionId}/video`).set(handler.auth)).status).toBe(200);
    for (const u of ['cmb.admin', 'sh.mediator', 'qd.mediator2']) {
      const r = await world.http.get(`/api/v1/sessions/${sessionId}/video`).set((await world.signIn(u)).auth);
      expect([u, r.status, r.body.code]).toEqual([u, 404, 'ROOM_NOT_FOUND']);
    }
    expect((await world.http.get(`/api/v1/sessions/${phoneSessionId}/video`).set(mediator.auth)).body.code).toBe('ROOM_NOT_FOUND');
    expect((await world.http.get(`/api/v1/sessions/${randomUUID()}/video`).set(mediator.auth)).status).toBe(404);
    expect((await world.http.get(`/api/v1/sessions/not-a-uuid/video`).set(mediator.auth)).status).toBe(404);
    expect((await world.http.get(`/api/v1/sessions/${sessionId}/video`)).status).toBe(401);

    const mine = await world.http.get('/api/v1/public/consumer/video').set({ 'X-Consumer-Token': consumerToken });
    expect(mine.status).toBe(200);
    expect(mine.body.sessionId).toBe(sessionId);
    expect(mine.body.iceServers[1].username).toMatch(new RegExp(`:${sessionId}$`));
    expect((await world.http.get('/api/v1/public/consumer/video').set({ 'X-Consumer-Token': otherConsumerToken })).body.sessionId).toBe(otherSessionId);
    expect((await world.http.get('/api/v1/public/consumer/video').set({ 'X-Consumer-Token': 'forged-consumer-token-xxxxxxxx' })).status).toBe(404);
    expect((await world.http.get('/api/v1/public/consumer/video')).status).toBe(404);
  });

  it('rooms of closed sessions turn everyone away', async () => {
    const fresh = await videoSession(world, intake, caseId, 300);
    await world.http.post(`/api/v1/sessions/${fresh}/cancel`).set(intake.auth).send({ reason: '不再需要' }).expect(200);
    expect((await world.http.get(`/api/v1/sessions/${fresh}/video`).set(mediator.auth)).body.code).toBe('ROOM_NOT_FOUND');
    const m = await videoTab(world.url, { token: mediator.accessToken });
    expect(await m.join(fresh)).toEqual(notFound);
  });

  it('a session cancelled while people are in the room closes it for them, on both API processes', async () => {
    const m = await videoTab(world.url, { token: mediator.accessToken });
    expect((await m.join(sessionId)).ok).toBe(true);
    const b = await videoTab(api2Url, { token: handler.accessToken });
    expect((await b.join(sessionId)).ok).toBe(true);
    await world.http.post(`/api/v1/sessions/${sessionId}/cancel`).set(intake.auth).send({ reason: '当事人撤回' }).expect(200);
    for (const tab of [m, b]) await eventually(async () => tab.events.find((e) => e.event === 'video.closed' && (e.data as { sessionId: string }).sessionId === sessionId), 15_000);
    expect(await m.emit('video.caucus', { sessionId, with: 'bank' })).toMatchObject({ ok: false, code: 'NOT_IN_ROOM' });
    expect(await b.join(sessionId)).toEqual(notFound);
  });
});
