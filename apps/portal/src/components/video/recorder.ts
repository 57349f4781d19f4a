/**
 * The mediator's browser records the room: every visible stream drawn into one canvas (a grid)
 * and every audible one mixed into one track, fed to a MediaRecorder that hands out a slice
 * every few seconds; slices are uploaded in order as they come, so a closed tab loses seconds,
 * not the session.
 */
export class RoomRecorder {
  private readonly canvas = document.createElement('canvas');
  private readonly holder = document.createElement('div');
  private readonly videos = new Map<MediaStream, HTMLVideoElement>();
  private readonly sources = new Map<MediaStream, MediaStreamAudioSourceNode>();
  private readonly audio = new AudioContext();
  private readonly mix = this.audio.createMediaStreamDestination();
  private recorder?: MediaRecorder;
  private timer?: ReturnType<typeof setInterval>;
  private seq = 0;
  private uploads: Promise<void> = Promise.resolve();
  private stopped?: Promise<void>;

  constructor(
    private readonly upload: (seq: number, chunk: Blob) => Promise<void>,
    private readonly onUploaded: (chunks: number) => void,
    private readonly onError: (error: unknown) => void,
  ) {
    this.canvas.width = 960;
    this.canvas.height = 540;
    // the source <video> elements must be in the document to keep decoding frames
    Object.assign(this.holder.style, { position: 'fixed', left: '-10000px', top: '0', width: '160px', height: '120px', overflow: 'hidden' });
    document.body.appendChild(this.holder);
  }

  static mimeType(): string | undefined {
    return ['video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4'].find((t) => typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(t));
  }

  start(streams: MediaStream[]): void {
    this.update(streams);
    const ctx = this.canvas.getContext('2d')!;
    this.timer = setInterval(() => this.draw(ctx), 1000 / 15);
    this.draw(ctx);
    const tracks = [...this.canvas.captureStream(15).getVideoTracks(), ...this.mix.stream.getAudioTracks()];
    this.recorder = new MediaRecorder(new MediaStream(tracks), { mimeType: RoomRecorder.mimeType(), videoBitsPerSecond: 400_000, audioBitsPerSecond: 48_000 });
    this.recorder.ondataavailable = (e) => {
      if (!e.data.size) return;
      const seq = this.seq++;
      this.uploads = this.uploads.then(() => this.send(seq, e.data));
    };
    this.recorder.start(4000);
  }

  /** Who is in the picture and the sound now (someone joined, left, or a caucus began). */
  update(streams: MediaStream[]): void {
    const wanted = new Set(streams);
    for (const [s, v] of this.videos) {
      if (wanted.has(s)) continue;
      v.srcObject = null;
      v.remove();
      this.videos.delete(s);
      this.sources.get(s)?.disconnect();
      this.sources.delete(s);
    }
    for (const s of streams) {
      if (!this.videos.has(s)) {
        const v = document.createElement('video');
        v.muted = true;
        v.playsInline = true;
        v.srcObject = s;
        this.holder.appendChild(v);
        void v.play().catch(() => undefined);
        this.videos.set(s, v);
      }
      if (!this.sources.has(s) && s.getAudioTracks().length) {
        const node = this.audio.createMediaStreamSource(s);
        node.connect(this.mix);
        this.sources.set(s, node);
      }
    }
  }

  /** Stops, uploads the last slice and lets go of everything. */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      clearInterval(this.timer);
      const finish = () => {
        void this.uploads.finally(() => {
          for (const v of this.videos.values()) v.srcObject = null;
          this.holder.remove();
          void this.audio.close().catch(() => undefined);
          resolve();
        });
      };
      if (this.recorder && this.recorder.state !== 'inactive') {
        this.recorder.addEventListener('stop', () => setTimeout(finish, 0), { once: true });
        this.recorder.stop();
      } else finish();
    });
    return this.stopped;
  }

  private async send(seq: number, chunk: Blob): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.upload(seq, chunk);
        this.onUploaded(seq + 1);
        return;
      } catch (error) {
        if (attempt >= 3) {
          this.onError(error);
          return;
        }
        await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
      }
    }
  }

  private draw(ctx: CanvasRenderingContext2D): void {
    const { width, height } = this.canvas;
    ctx.fillStyle = '#111';
    ctx.fillRect(0, 0, width, height);
    const videos = [...this.videos.values()].filter((v) => v.videoWidth > 0);
    if (!videos.length) return;
    const cols = Math.ceil(Math.sqrt(videos.length));
    const rows = Math.ceil(videos.length / cols);
    const w = width / cols;
    const h = height / rows;
    videos.forEach((v, i) => {
      const x = (i % cols) * w;
      const y = Math.floor(i / cols) * h;
      // fit, keeping the picture's shape
      const scale = Math.min(w / v.videoWidth, h / v.videoHeight);
      const dw = v.videoWidth * scale;
      const dh = v.videoHeight * scale;
      ctx.drawImage(v, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh);
    });
  }
}
