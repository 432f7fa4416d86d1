// A call's media for Node tests of signalling (and the Kamailio interop test): plain SDP naming
// its phone and direction (sendonly on hold), remembering every description it was given.
// The app's real media is the renderer's MediaEngine, tested in Chromium (tests/e2e).
import type { MediaStats } from '../../common/ipc/domains/media';
import type { CallMedia } from '../../main/softphone/call-media';

export class StaticMedia implements CallMedia {
  available = true;
  readonly applied = new Map<string, string[]>();
  readonly muted = new Map<string, boolean>();
  readonly closed = new Set<string>();
  /** Every description asked for, with its options. */
  readonly described: { callId: string; hold: boolean; iceRestart: boolean }[] = [];
  private version = 0;

  constructor(private readonly name: string) {}

  describe(callId: string, options: { hold: boolean; iceRestart: boolean }): Promise<string> {
    this.version++;
    this.described.push({ callId, ...options });
    return Promise.resolve(
      [
        'v=0',
        `o=${this.name} 1 ${this.version} IN IP4 127.0.0.1`,
        's=-',
        'c=IN IP4 127.0.0.1',
        't=0 0',
        'm=audio 40000 RTP/AVP 0',
        `a=${options.hold ? 'sendonly' : 'sendrecv'}`,
        '',
      ].join('\r\n'),
    );
  }

  apply(callId: string, sdp: string): Promise<void> {
    this.applied.set(callId, [...(this.applied.get(callId) ?? []), sdp]);
    return Promise.resolve();
  }

  /** The direction the other side last offered or answered for the call. */
  lastDirection(callId: string): string | undefined {
    return /a=(sendrecv|sendonly|recvonly|inactive)/.exec(this.applied.get(callId)?.at(-1) ?? '')?.[1];
  }

  mute(callId: string, muted: boolean): Promise<void> {
    this.muted.set(callId, muted);
    return Promise.resolve();
  }

  stats(): Promise<MediaStats> {
    return Promise.resolve({ packetsSent: 0, packetsReceived: 0, audioLevel: 0 });
  }

  close(callId: string): void {
    this.closed.add(callId);
  }
}
