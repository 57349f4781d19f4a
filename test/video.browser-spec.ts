import type { Page } from 'playwright-core';
import { BrowserStage } from './support/browser-stage';
import { assignedCase } from './support/stories';
import { eventually, SignedIn, TestWorld } from './support/test-world';
import { videoSession } from './support/video';
import { sentMessage as sentMessageOf } from './support/messages';

/**
 * The video room in two browsers with Chromium's fake camera and microphone: the mediator
 * opens the room from the case page; the consumer opens the SMS link on a phone, types the
 * one-time code and enters the video mediation; they wait until the mediator admits them; then
 * each page receives the other's media (the remote <video> has a picture, and the connection's
 * inbound-rtp bytes keep growing). The caucus stops the media to the waiting party; a
 * recording, once both have agreed, is uploaded by the mediator's page and plays back. The
 * consumer's network drops and comes back: they are back in the room without being admitted again. Build the portal first (`npm run build:portal`).
 */


describe('a mediator and a consumer in one video room', () => {
  let world: TestWorld;
  let stage: BrowserStage;
  let intake: SignedIn;
  let handler: SignedIn;

  beforeAll(async () => {
    stage = await BrowserStage.open('video', {}, { fakeMedia: true });
    world = stage.world;
    // the worker sends the SMS (development transport)
    await world.startWorker();
    [intake, handler] = await Promise.all([world.signIn('qd.intake'), world.signIn('icbc.qd.handler')]);
  });

  afterAll(async () => {
    await stage?.close();
  });

  afterEach(async () => {
    await stage.afterEach();
    // the rooms of a finished story stop, so the next one has the machine's cores
    await stage.closePages();
  });

  const sentMessage = (caseId: string, pattern: RegExp, except?: ReadonlySet<string>) => sentMessageOf(world, intake, caseId, pattern, except);

  /** The remote <video> shows a picture: frames decoded with a size. */
  async function pictureIn(page: Page, testId: string): Promise<{ width: number; height: number }> {
    const video = page.getByTestId(testId);
    await video.waitFor();
    await page.waitForFunction((id) => {
      const v = document.querySelector(`[data-testid="${id}"]`) as HTMLVideoElement | null;
      return !!v && v.videoWidth > 0 && v.readyState >= 2 && !v.paused;
    }, testId, { timeout: 30_000 });
    return video.evaluate((v: HTMLVideoElement) => ({ width: v.videoWidth, height: v.videoHeight }));
  }

  /** A page whose RTCPeerConnections the test can read the stats of (nothing in the portal for it). */
  async function videoPage(opts: { phone?: boolean } = {}): Promise<Page> {
    const page = await stage.newPage(opts);
    await page.context().grantPermissions(['camera', 'microphone']);
    await page.addInitScript(() => {
      const Native = window.RTCPeerConnection;
      const all: RTCPeerConnection[] = [];
      (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = all;
      window.RTCPeerConnection = class extends Native {
        constructor(config?: RTCConfiguration) {
          super(config);
          all.push(this);
        }
      } as typeof RTCPeerConnection;
    });
    return page;
  }

  /** Bytes received over the page's open peer connections, audio and video (inbound-rtp). */
  const bytesIn = (page: Page) =>
    page.evaluate(async () => {
      const totals = { audio: 0, video: 0 };
      for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
        if (pc.connectionState === 'closed') continue;
        const stats = await pc.getStats();
        stats.forEach((r: { type: string; kind?: string; bytesReceived?: number }) => {
          if (r.type === 'inbound-rtp' && (r.kind === 'audio' || r.kind === 'video')) totals[r.kind] += r.bytesReceived ?? 0;
        });
      }
      return totals;
    });

  async function mediaFlowsInto(page: Page): Promise<void> {
    const first = await bytesIn(page);
    await eventually(async () => {
      const now = await bytesIn(page);
      return now.video > first.video + 5000 && now.audio > first.audio;
    }, 20_000);
  }

  /** Intake sends the link; the consumer opens it on a phone and types the code: their session's page. */
  async function consumerIn(caseId: string, sessionId: string): Promise<Page> {
    await world.http.post(`/api/v1/sessions/${sessionId}/consumer-link`).set(intake.auth).expect(201);
    const token = (await sentMessage(caseId, /\/c\/([A-Za-z0-9_-]{20,64})/))[1];
    const phone = await videoPage({ phone: true });
    await phone.goto(`/c/${token}`);
    await phone.getByTestId('consumer-get-code').click();
    const code = (await sentMessage(caseId, /验证码 (\d{6})/))[1];
    await phone.getByTestId('consumer-code').fill(code);
    await phone.getByTestId('consumer-verify').click();
    await phone.getByTestId('consumer-session').waitFor();
    return phone;
  }

  /** …and enters the video room, where they wait to be admitted. */
  async function consumerWaiting(caseId: string, sessionId: string): Promise<Page> {
    const phone = await consumerIn(caseId, sessionId);
    await phone.getByTestId('consumer-enter-video').click();
    await phone.getByTestId('video-waiting').filter({ hasText: '请稍候，调解员将邀请您进入视频调解' }).waitFor();
    return phone;
  }

  /** No video arrives for a while (a few RTCP/padding bytes at most). */
  async function noVideoInto(page: Page): Promise<void> {
    const before = await bytesIn(page);
    await page.waitForTimeout(1500);
    expect((await bytesIn(page)).video - before.video).toBeLessThan(3000);
  }

  it('the mediator admits the consumer from the waiting room and both see and hear each other', async () => {
    const caseId = await assignedCase(world, { handler, intake }, 'qd.mediator');
    const sessionId = await videoSession(world, intake, caseId, 2, 'video', 15);

    // the mediator opens the room from the case page
    const mediator = await videoPage();
    await stage.signIn(mediator, 'qd.mediator', '张伟');
    await mediator.goto(`/cases/${caseId}`);
    const row = mediator.getByTestId('sessions-table').locator('tr').filter({ has: mediator.getByTestId('session-video') });
    await row.getByTestId('session-video').click();
    await mediator.waitForURL((url) => url.pathname === `/sessions/${sessionId}/video`);
    await mediator.getByTestId('video-waiting-room').waitFor();
    await pictureIn(mediator, 'video-local');
    await mediator.getByText('请从等候室准入银行代表和消费者').waitFor();
    await stage.screenshot(mediator, '1-mediator-alone');

    // intake sends the link; the consumer opens it on a phone, types the code and enters: they wait
    const phone = await consumerWaiting(caseId, sessionId);
    await pictureIn(phone, 'video-local');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await stage.screenshot(phone, '2-phone-waiting');

    // the mediator sees them in the waiting room (masked name) and admits them
    const consumerName = (await world.http.get(`/api/v1/cases/${caseId}`).set(intake.auth)).body.consumerName as string;
    await mediator.getByTestId('video-waiting-name-consumer').filter({ hasText: consumerName }).waitFor();
    await stage.screenshot(mediator, '3-mediator-waiting-room');
    await mediator.getByTestId('video-admit-consumer').click();

    // each page receives the other's media
    const atMediator = await pictureIn(mediator, 'video-remote-consumer');
    const atPhone = await pictureIn(phone, 'video-remote-mediator');
    expect(atMediator.width).toBeGreaterThan(0);
    expect(atPhone.width).toBeGreaterThan(0);
    await Promise.all([mediaFlowsInto(mediator), mediaFlowsInto(phone)]);
    expect(await phone.getByTestId('video-waiting').count()).toBe(0);
    expect(await mediator.getByTestId('video-remote-consumer').locator('xpath=..').innerText()).toContain(consumerName);
    await stage.screenshot(mediator, '4-mediator-in-call');
    await stage.screenshot(phone, '5-phone-in-call');

    // the mediator mutes: the consumer's page shows it
    await mediator.getByTestId('video-mic').click();
    await phone.getByTestId('video-remote-mediator').locator('xpath=..').locator('.anticon-audio-muted').waitFor();
    await mediator.getByTestId('video-mic').click();

    // 背靠背: while the mediator talks with the bank alone, the consumer waits and receives nothing
    await mediator.getByTestId('video-caucus').getByText('与银行代表单独').click();
    await phone.getByTestId('video-caucus-waiting').filter({ hasText: '调解员正在与另一方单独沟通，请稍候' }).waitFor();
    await phone.getByTestId('video-remote-mediator').locator('xpath=..').getByText('单独沟通中').waitFor();
    await mediator.getByTestId('video-remote-consumer').locator('xpath=..').getByText('等候中').waitFor();
    const during = await bytesIn(phone);
    await phone.waitForTimeout(1500);
    const later = await bytesIn(phone);
    // no video frames from the mediator while apart (a few RTCP/padding bytes at most)
    expect(later.video - during.video).toBeLessThan(3000);
    await stage.screenshot(phone, '6-phone-caucus-waiting');
    await mediator.getByTestId('video-caucus').getByText('全体').click();
    await phone.getByTestId('video-caucus-waiting').waitFor({ state: 'detached' });
    await mediaFlowsInto(phone);

    // recording needs both: the mediator is told who hasn't agreed
    await mediator.getByTestId('video-record').click();
    await mediator.getByTestId('video-consent-missing').waitFor();
    await mediator.getByTestId('video-consent').click();
    await phone.getByTestId('video-consent').click();
    await mediator.getByTestId('video-record').click();
    await phone.getByTestId('video-recording').waitFor();
    // the mediator's page records the room and uploads it in slices as it goes
    await mediator.locator('[data-testid="video-recording-uploaded"]:not([data-chunks="0"]):not([data-chunks="1"])').waitFor({ timeout: 20_000 });
    await stage.screenshot(mediator, '7-mediator-recording');
    await mediator.getByTestId('video-record').click();
    await phone.getByTestId('video-recording').waitFor({ state: 'detached' });
    const recordings = await eventually(async () => {
      const res = await world.http.get(`/api/v1/sessions/${sessionId}/video/recordings`).set(intake.auth);
      const last = res.body.items[res.body.items.length - 1];
      return last?.endedAt && last.chunkCount >= 3 ? res.body.items : null;
    }, 20_000);
    const recording = recordings[recordings.length - 1];
    expect(recording).toMatchObject({ endReason: 'stopped', contentType: 'video/webm', startedByName: '张伟' });
    expect(recording.consentedParticipants.map((p: { role: string }) => p.role)).toEqual(['mediator', 'consumer']);
    expect(recording.sizeBytes).toBeGreaterThan(10_000);
    // …and the file plays back: a picture of the room, a few seconds long
    const played = await mediator.evaluate(async (url) => {
      const token = JSON.parse(sessionStorage.getItem('accord.session')!).accessToken as string;
      const blob = await (await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).blob();
      const v = document.createElement('video');
      v.muted = true;
      v.src = URL.createObjectURL(blob);
      await new Promise((resolve, reject) => {
        v.onloadeddata = resolve;
        v.onerror = () => reject(new Error(`the recording does not play: ${v.error?.code} ${v.error?.message} (${blob.type}, ${blob.size} bytes)`));
      });
      const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
      // not a black picture: the fake cameras' green test pattern is in it
      const c = document.createElement('canvas');
      c.width = v.videoWidth;
      c.height = v.videoHeight;
      const ctx = c.getContext('2d')!;
      await v.play();
      let greenShare = 0;
      for (let i = 0; i < 12 && greenShare < 0.2; i += 1) {
        await new Promise((r) => setTimeout(r, 250));
        ctx.drawImage(v, 0, 0);
        const px = ctx.getImageData(0, 0, c.width, c.height).data;
        let green = 0;
        for (let j = 0; j < px.length; j += 4) if (px[j + 1] > 100 && px[j] < 80) green += 1;
        greenShare = green / (px.length / 4);
      }
      return { width: v.videoWidth, height: v.videoHeight, type: blob.type, head: Array.from(head), greenShare };
    }, `/api/v1/sessions/${sessionId}/video/recordings/${recording.id}/content`);
    expect(played).toMatchObject({ width: 960, height: 540, head: [0x1a, 0x45, 0xdf, 0xa3] });
    expect(played.greenShare).toBeGreaterThan(0.2);

    // the phone's network drops and comes back: back in the room without being admitted again
    await phone.context().setOffline(true);
    await phone.getByTestId('video-connection').filter({ hasText: '网络中断，正在重新连接…' }).waitFor({ timeout: 30_000 });
    await mediator.getByTestId('video-remote-consumer').locator('xpath=..').getByText('重新连接中').waitFor({ timeout: 30_000 });
    await phone.context().setOffline(false);
    await phone.getByTestId('video-connection').filter({ hasText: '已连接' }).waitFor({ timeout: 30_000 });
    expect(await phone.getByTestId('video-waiting').count()).toBe(0);
    await mediaFlowsInto(phone);
    await mediaFlowsInto(mediator);
    await stage.screenshot(phone, '8-phone-reconnected');
  }, 240_000);

  it('three parties: the bank is admitted during a caucus with the consumer, waits, then everyone sees everyone', async () => {
    const caseId = await assignedCase(world, { handler, intake }, 'qd.mediator2', '赵六');
    const sessionId = await videoSession(world, intake, caseId, 2);

    const mediator = await videoPage();
    await stage.signIn(mediator, 'qd.mediator2', '陈静');
    await mediator.goto(`/sessions/${sessionId}/video`);
    await mediator.getByTestId('video-waiting-room').waitFor();

    const phone = await consumerWaiting(caseId, sessionId);
    await mediator.getByTestId('video-admit-consumer').click();
    await pictureIn(mediator, 'video-remote-consumer');
    await pictureIn(phone, 'video-remote-mediator');

    // the mediator talks with the consumer alone; the bank's handler arrives from the case page
    await mediator.getByTestId('video-caucus').getByText('与消费者单独').click();
    await phone.getByTestId('video-caucus-tag').waitFor();
    const bank = await videoPage();
    await stage.signIn(bank, 'icbc.qd.handler', '吴婷');
    await bank.goto(`/cases/${caseId}`);
    await bank.getByTestId('session-video').click();
    await bank.getByTestId('video-waiting').waitFor();
    await mediator.getByTestId('video-admit-bank').click();
    // admitted, but waiting: the caucus goes on without them
    await bank.getByTestId('video-caucus-waiting').filter({ hasText: '调解员正在与另一方单独沟通，请稍候' }).waitFor();
    await bank.getByTestId('video-remote-mediator').waitFor();
    await bank.getByTestId('video-remote-consumer').waitFor();
    await noVideoInto(bank);
    await mediaFlowsInto(phone);
    await stage.screenshot(bank, '9-bank-waits-during-caucus');
    await stage.screenshot(mediator, '10-mediator-caucus-with-consumer');

    // everyone back together: three pictures each way
    await mediator.getByTestId('video-caucus').getByText('全体').click();
    await bank.getByTestId('video-caucus-waiting').waitFor({ state: 'detached' });
    await pictureIn(bank, 'video-remote-mediator');
    await pictureIn(bank, 'video-remote-consumer');
    await pictureIn(mediator, 'video-remote-bank');
    await pictureIn(phone, 'video-remote-bank');
    await Promise.all([mediaFlowsInto(bank), mediaFlowsInto(phone), mediaFlowsInto(mediator)]);
    await stage.screenshot(mediator, '11-mediator-three-parties');
    await stage.screenshot(phone, '12-phone-three-parties');
  }, 240_000);

  it('the whole story from the console: the consumer confirms from the link and joins, the mediator admits and runs it, the bank watches live, the console\'s caucus holds the media back, and the mediator adjourns with the next date', async () => {
    const caseId = await assignedCase(world, { handler, intake }, 'qd.mediator', '钱七');
    // after the first story's session of this mediator (the room opens half an hour before)
    const sessionId = await videoSession(world, intake, caseId, 20, 'video', 15);

    // the mediator's console and the bank's, side by side
    const mediator = await videoPage();
    await stage.signIn(mediator, 'qd.mediator', '张伟');
    await mediator.goto(`/sessions/${sessionId}`);
    await mediator.getByTestId('console-confirm-consumer').filter({ hasText: '消费者待确认' }).waitFor();
    const bank = await stage.newPage();
    await stage.signIn(bank, 'icbc.qd.handler', '吴婷');
    await bank.goto(`/sessions/${sessionId}`);
    await bank.getByTestId('console-status').filter({ hasText: '已预约' }).waitFor();

    // the consumer opens the SMS link on a phone, confirms the time: the mediator's console shows it live
    const phone = await consumerIn(caseId, sessionId);
    await phone.getByTestId('consumer-confirm').click();
    await mediator.getByTestId('console-confirm-consumer').filter({ hasText: '消费者已确认' }).waitFor();

    // both enter the room: the mediator from the console, the consumer from the phone page; admitted is checked in
    await mediator.getByTestId('console-video').click();
    await mediator.getByTestId('video-waiting-room').waitFor();
    await phone.getByTestId('consumer-enter-video').click();
    await phone.getByTestId('video-waiting').waitFor();
    await mediator.getByTestId('video-admit-consumer').click();
    await bank.getByTestId('console-status').filter({ hasText: '等候中' }).waitFor();
    await bank.getByTestId('checkin-consumer').getByTestId('checked-in').waitFor();
    await pictureIn(mediator, 'video-remote-consumer');
    await pictureIn(phone, 'video-remote-mediator');
    await Promise.all([mediaFlowsInto(mediator), mediaFlowsInto(phone)]);

    // the mediator begins: the bank's page turns 进行中 without reloading
    await mediator.getByTestId('console-begin').click();
    await bank.getByTestId('console-status').filter({ hasText: '进行中' }).waitFor();

    // 背靠背 from the console: recorded there, and the room holds the mediator's media back from the consumer
    await mediator.getByTestId('console-caucus-bank').click();
    await phone.getByTestId('video-caucus-waiting').filter({ hasText: '调解员正在与另一方单独沟通，请稍候' }).waitFor();
    await bank.getByTestId('console-caucus').waitFor();
    // the mediator's page holds its media back once it has the room's caucus too
    await mediator.getByTestId('video-remote-consumer').locator('xpath=..').getByText('等候中').waitFor();
    await phone.getByTestId('video-remote-mediator').locator('xpath=..').getByText('单独沟通中').waitFor();
    await noVideoInto(phone);
    await stage.screenshot(mediator, 'story-console-caucus');
    await mediator.getByTestId('console-caucus-end').click();
    await phone.getByTestId('video-caucus-waiting').waitFor({ state: 'detached' });
    await mediaFlowsInto(phone);
    const caucuses = (await world.http.get(`/api/v1/sessions/${sessionId}/console`).set(intake.auth)).body.caucuses;
    expect(caucuses).toEqual([expect.objectContaining({ withParty: 'bank', endedAt: expect.any(String) })]);

    // the mediator adjourns and books the next date from the free slots in the same step:
    // the bank sees 休会, the room closes for the consumer, the case is scheduled again
    await mediator.getByTestId('console-adjourn').click();
    const dialog = mediator.getByRole('dialog').filter({ hasText: '休会原因' });
    await dialog.getByLabel('休会原因').fill('消费者需补充收入证明');
    await dialog.getByTestId('adjourn-book-next').click();
    const slot = dialog.getByTestId('slot').first();
    await slot.waitFor();
    const nextAt = (await slot.getAttribute('data-starts-at'))!;
    await slot.click();
    await stage.screenshot(mediator, 'story-adjourn-next-date');
    await mediator.locator('#console-adjourn-ok').click();
    await bank.getByTestId('console-status').filter({ hasText: '休会' }).waitFor();
    await phone.getByTestId('video-closed').waitFor({ timeout: 15_000 });
    await stage.screenshot(bank, 'story-bank-adjourned');
    const sessions = (await world.http.get(`/api/v1/cases/${caseId}/sessions`).set(handler.auth)).body.items as { status: string; startsAt: string }[];
    expect(sessions.map((x) => [x.status, x.startsAt])).toEqual([
      ['adjourned', expect.any(String)],
      ['booked', nextAt],
    ]);
    expect((await world.http.get(`/api/v1/cases/${caseId}`).set(handler.auth)).body.status).toBe('scheduled');
  }, 240_000);
});
