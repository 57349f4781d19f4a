import type { VideoParticipant, VideoRoomState, VideoSignal } from '@accord/contracts';

type IceServers = RTCIceServer[];
type Send = (signal: VideoSignal & { to: string }) => Promise<boolean>;

interface Peer {
  id: string;
  /** The peer's page: a new one means a new connection. */
  connId: string;
  /** This connection's instance, chosen by the offerer. */
  pcId: string;
  pc: RTCPeerConnection;
  offerer: boolean;
  stream: MediaStream;
  /** ICE candidates that came before the remote description. */
  early: RTCIceCandidateInit[];
  healTimer?: ReturnType<typeof setTimeout>;
}

const newId = () => Math.random().toString(36).slice(2, 12) + Date.now().toString(36);

/**
 * The browser side of the room: one RTCPeerConnection per admitted peer (a mesh; ≤ 4 parties).
 * No glare: of two peers, the one with the smaller participant id always offers, the other
 * answers. A connection is never renegotiated: when it fails, or the peer's page changes
 * (a new connId), the offerer starts a new one (a new pc id) and the answerer follows. A socket
 * reconnect keeps the page's connId, so connections that still carry media stay up.
 * Who may see and hear whom (the caucus) is applied to what this page sends: the tracks towards
 * a peer outside the caucus pair are replaced by nothing.
 */
export class Mesh {
  private readonly peers = new Map<string, Peer>();
  /** Candidates for a connection whose offer has not arrived yet (signals may overtake each other). */
  private readonly orphanCandidates = new Map<string, RTCIceCandidateInit[]>();
  private allowed: (peerId: string) => boolean = () => true;
  private closed = false;

  constructor(
    private readonly selfId: string,
    private readonly iceServers: IceServers,
    private local: MediaStream | null,
    private readonly send: Send,
    private readonly onStreams: (streams: Map<string, MediaStream>) => void,
    private readonly onConnection: (peerId: string, state: RTCPeerConnectionState) => void = () => undefined,
  ) {}

  /** Follows the room: connections to every admitted peer, none to anyone else. */
  reconcile(state: VideoRoomState): void {
    if (this.closed) return;
    const me = state.participants.find((p) => p.id === this.selfId);
    const targets = new Map<string, VideoParticipant>();
    if (me?.admitted) for (const p of state.participants) if (p.id !== this.selfId && p.admitted) targets.set(p.id, p);
    for (const [id, peer] of this.peers) {
      const t = targets.get(id);
      // gone or sent back to the waiting room; for the offerer also a new page of the peer (the
      // answerer learns of a new connection from the new pc id of the offer)
      if (!t || (peer.offerer && t.connId !== peer.connId)) this.drop(id);
    }
    for (const t of targets.values()) {
      if (this.peers.has(t.id) || !t.connected) continue;
      if (this.selfId < t.id) void this.offer(t.id, t.connId);
    }
    this.emitStreams();
  }

  /** After the socket came back: connections that no longer carry media start afresh. */
  heal(): void {
    for (const peer of this.peers.values()) {
      const s = peer.pc.connectionState;
      if (s !== 'connected' && s !== 'connecting' && s !== 'new') this.restart(peer);
    }
  }

  /** Which peers this page may exchange media with (the caucus). */
  setAllowed(allowed: (peerId: string) => boolean): void {
    this.allowed = allowed;
    for (const peer of this.peers.values()) void this.applyTracks(peer);
  }

  /** The camera or microphone changed (or came late). */
  setLocal(stream: MediaStream | null): void {
    this.local = stream;
    for (const peer of this.peers.values()) void this.applyTracks(peer);
  }

  async onSignal(s: VideoSignal): Promise<void> {
    if (this.closed || !s.from) return;
    const from = s.from;
    let peer = this.peers.get(from);
    if (s.restart) {
      if (peer?.offerer && peer.pcId === s.pc) this.restart(peer);
      return;
    }
    if (s.description?.type === 'offer') {
      if (from < this.selfId) {
        // the peer offers: a new pc id means a new connection
        if (peer && peer.pcId !== s.pc) {
          this.drop(from);
          peer = undefined;
        }
        if (!peer) peer = this.create(from, '', s.pc, false);
        await peer.pc.setRemoteDescription(s.description as RTCSessionDescriptionInit);
        await this.applyTracks(peer);
        await peer.pc.setLocalDescription(await peer.pc.createAnswer());
        await this.flushCandidates(peer);
        await this.send({ to: from, pc: peer.pcId, description: peer.pc.localDescription!.toJSON() as VideoSignal['description'] });
      }
      return;
    }
    if (s.description?.type === 'answer') {
      if (peer?.offerer && peer.pcId === s.pc && peer.pc.signalingState === 'have-local-offer') {
        await peer.pc.setRemoteDescription(s.description as RTCSessionDescriptionInit);
        await this.flushCandidates(peer);
      }
      return;
    }
    if (s.candidate !== undefined && s.candidate !== null) {
      if (peer && peer.pcId === s.pc) {
        if (peer.pc.remoteDescription) await peer.pc.addIceCandidate(s.candidate).catch(() => undefined);
        else peer.early.push(s.candidate);
      } else {
        const key = `${from}|${s.pc}`;
        this.orphanCandidates.set(key, [...(this.orphanCandidates.get(key) ?? []), s.candidate].slice(-50));
      }
    }
  }

  /** Live connections by peer: for stats in tests and the "connecting" badge. */
  connection(peerId: string): RTCPeerConnection | undefined {
    return this.peers.get(peerId)?.pc;
  }

  close(): void {
    this.closed = true;
    for (const id of [...this.peers.keys()]) this.drop(id);
    this.emitStreams();
  }

  // ── Inside ────────────────────────────────────────────────────────────────────────────

  private create(id: string, connId: string, pcId: string, offerer: boolean): Peer {
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    const peer: Peer = { id, connId, pcId, pc, offerer, stream: new MediaStream(), early: [] };
    this.peers.set(id, peer);
    pc.onicecandidate = (e) => {
      if (this.peers.get(id) !== peer) return;
      void this.send({ to: id, pc: pcId, candidate: e.candidate ? (e.candidate.toJSON() as VideoSignal['candidate']) : null });
    };
    pc.ontrack = (e) => {
      if (!peer.stream.getTracks().includes(e.track)) peer.stream.addTrack(e.track);
      e.track.onended = () => peer.stream.removeTrack(e.track);
      // a new MediaStream object, so the <video> element notices
      peer.stream = new MediaStream(peer.stream.getTracks());
      this.emitStreams();
    };
    pc.onconnectionstatechange = () => {
      if (this.peers.get(id) !== peer) return;
      this.onConnection(id, pc.connectionState);
      clearTimeout(peer.healTimer);
      if (pc.connectionState === 'failed') this.restart(peer);
      // "disconnected" often recovers by itself; if it doesn't within a few seconds, start afresh
      if (pc.connectionState === 'disconnected') peer.healTimer = setTimeout(() => this.restart(peer), 5000);
    };
    if (!offerer) {
      const early = this.orphanCandidates.get(`${id}|${pcId}`);
      if (early) {
        peer.early.push(...early);
        this.orphanCandidates.delete(`${id}|${pcId}`);
      }
    }
    return peer;
  }

  private async offer(id: string, connId: string): Promise<void> {
    const peer = this.create(id, connId, newId(), true);
    for (const kind of ['audio', 'video'] as const) {
      const track = this.track(kind);
      if (track && this.allowed(id)) peer.pc.addTransceiver(track, { direction: 'sendrecv', streams: this.local ? [this.local] : [] });
      else peer.pc.addTransceiver(kind, { direction: track ? 'sendrecv' : 'recvonly' });
    }
    try {
      await peer.pc.setLocalDescription(await peer.pc.createOffer());
      const sent = await this.send({ to: id, pc: peer.pcId, description: peer.pc.localDescription!.toJSON() as VideoSignal['description'] });
      // not delivered (the peer just left or isn't admitted yet): try again shortly if they are still there
      if (!sent && this.peers.get(id) === peer) peer.healTimer = setTimeout(() => this.restart(peer), 2000);
    } catch {
      if (this.peers.get(id) === peer) peer.healTimer = setTimeout(() => this.restart(peer), 2000);
    }
  }

  private restart(peer: Peer): void {
    if (this.closed || this.peers.get(peer.id) !== peer) return;
    if (peer.offerer) {
      const connId = peer.connId;
      this.drop(peer.id);
      void this.offer(peer.id, connId);
    } else {
      void this.send({ to: peer.id, pc: peer.pcId, restart: true });
    }
  }

  private drop(id: string): void {
    const peer = this.peers.get(id);
    if (!peer) return;
    clearTimeout(peer.healTimer);
    this.peers.delete(id);
    peer.pc.onicecandidate = null;
    peer.pc.ontrack = null;
    peer.pc.onconnectionstatechange = null;
    peer.pc.close();
  }

  private track(kind: 'audio' | 'video'): MediaStreamTrack | null {
    return this.local?.getTracks().find((t) => t.kind === kind) ?? null;
  }

  /** Our tracks on every transceiver towards this peer, or none when the caucus keeps us apart. */
  private async applyTracks(peer: Peer): Promise<void> {
    const allowed = this.allowed(peer.id);
    for (const t of peer.pc.getTransceivers()) {
      if (t.currentDirection === 'stopped') continue;
      const kind = t.receiver.track.kind as 'audio' | 'video';
      const own = this.track(kind);
      const track = allowed ? own : null;
      if (t.sender.track !== track) await t.sender.replaceTrack(track).catch(() => undefined);
      // answering: send whenever we have a camera/microphone, even if the caucus holds it back for
      // now (the track comes back by replaceTrack, without a new negotiation)
      if (own && !peer.offerer && peer.pc.signalingState === 'have-remote-offer' && t.direction !== 'sendrecv') {
        t.direction = 'sendrecv';
        if (this.local) t.sender.setStreams?.(this.local);
      }
    }
  }

  private async flushCandidates(peer: Peer): Promise<void> {
    for (const c of peer.early.splice(0)) await peer.pc.addIceCandidate(c).catch(() => undefined);
  }

  private emitStreams(): void {
    const streams = new Map<string, MediaStream>();
    for (const p of this.peers.values()) if (p.stream.getTracks().length) streams.set(p.id, p.stream);
    this.onStreams(streams);
  }
}
