// One call's audio: its RTCPeerConnection, the microphone track it sends (its own clone, so
// muting one call leaves the others alone) and the element that plays what it receives.
import type { MediaStats, MediaWork } from '../../../common/ipc/domains/media';
import { iceGathered } from './ice-gathering';

export type IceServers = Extract<MediaWork, { action: 'describe' }>['iceServers'];

export class CallConnection {
  private readonly pc: RTCPeerConnection;
  private readonly sender: RTCRtpSender;
  private readonly player = new Audio();
  private track: MediaStreamTrack;
  private muted = false;

  constructor(iceServers: IceServers, microphone: MediaStreamTrack, speaker: string | null) {
    this.pc = new RTCPeerConnection({ iceServers, bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    this.track = microphone.clone();
    // addTrack (not addTransceiver): an incoming offer's audio section then reuses this sender.
    this.sender = this.pc.addTrack(this.track, new MediaStream([this.track]));
    this.player.autoplay = true;
    this.pc.addEventListener('track', (event) => {
      this.player.srcObject = new MediaStream([event.track]);
      this.player.play().catch((error: unknown) => console.warn('The call’s audio cannot play', error));
    });
    void this.useSpeaker(speaker);
  }

  /** This side's description: the answer when an offer waits, else a new offer. */
  async describe(hold: boolean, iceRestart: boolean): Promise<string> {
    const answering = this.pc.signalingState === 'have-remote-offer';
    const transceiver = this.pc.getTransceivers().find((t) => t.sender === this.sender);
    // On hold this side only sends (music or silence); the other side answers recvonly.
    if (transceiver) transceiver.direction = hold ? 'sendonly' : 'sendrecv';
    const description = answering ? await this.pc.createAnswer() : await this.pc.createOffer({ iceRestart });
    await this.pc.setLocalDescription(description);
    await iceGathered(this.pc);
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error('No local description was made');
    return sdp;
  }

  /** The other side's description: the answer to our offer, or a new offer (also a re-INVITE's). */
  async apply(sdp: string): Promise<void> {
    const type = this.pc.signalingState === 'have-local-offer' ? 'answer' : 'offer';
    await this.pc.setRemoteDescription({ type, sdp });
  }

  mute(muted: boolean): void {
    this.muted = muted;
    this.track.enabled = !muted;
  }

  /** Switches the microphone mid-call, keeping this call's mute. */
  async useMicrophone(microphone: MediaStreamTrack): Promise<void> {
    const next = microphone.clone();
    next.enabled = !this.muted;
    await this.sender.replaceTrack(next);
    this.track.stop();
    this.track = next;
  }

  async useSpeaker(speaker: string | null): Promise<void> {
    await this.player.setSinkId(speaker ?? '').catch((error: unknown) => {
      console.warn('The chosen speaker cannot be used; the default plays instead', error);
    });
  }

  async stats(): Promise<MediaStats> {
    const figures: MediaStats = { packetsSent: 0, packetsReceived: 0, audioLevel: 0 };
    for (const report of (await this.pc.getStats()).values() as IterableIterator<Record<string, unknown>>) {
      if (report.kind !== 'audio') continue;
      if (report.type === 'outbound-rtp') figures.packetsSent += Number(report.packetsSent ?? 0);
      if (report.type === 'inbound-rtp') {
        figures.packetsReceived += Number(report.packetsReceived ?? 0);
        figures.audioLevel = Math.max(figures.audioLevel, Math.min(1, Number(report.audioLevel ?? 0)));
      }
    }
    return figures;
  }

  close(): void {
    this.track.stop();
    this.player.srcObject = null;
    this.pc.close();
  }
}
