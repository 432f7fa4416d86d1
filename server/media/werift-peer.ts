// What every WebRTC peer of the agent shares: werift's RTCPeerConnection on the agent's port
// range, its public address offered as a host candidate, and the local description completed
// with every candidate (SIP carries no trickle ICE). Gathering binds ports that werift picks by
// trying them in turn, so two peers gathering at once could pick the same one: one gathers at a
// time.
import { isIP } from 'node:net';
import { RTCPeerConnection, RTCRtpCodecParameters } from 'werift';

export interface WebRtcOptions {
  /** The ports ICE may bind (the upper half of the agent's media range). */
  icePorts: [number, number];
  /** The agent's public address, offered as a host candidate even when it is loopback. */
  publicAddress: string;
  /** Where peers wait for their turn to gather candidates. */
  gathering: Serial;
}

/** Runs tasks one after another. */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export const OPUS_48K = (payloadType: number) =>
  new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48_000, channels: 2, payloadType });
export const PCMU_8K = () =>
  new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8000, payloadType: 0 });
export const PCMA_8K = () =>
  new RTCRtpCodecParameters({ mimeType: 'audio/PCMA', clockRate: 8000, payloadType: 8 });
export const TELEPHONE_EVENT = (clockRate: number, payloadType: number) =>
  new RTCRtpCodecParameters({ mimeType: 'audio/telephone-event', clockRate, payloadType });

export function peerConnection(codecs: RTCRtpCodecParameters[], options: WebRtcOptions): RTCPeerConnection {
  return new RTCPeerConnection({
    codecs: { audio: codecs },
    iceServers: [],
    icePortRange: options.icePorts,
    iceUseIpv6: false,
    iceAdditionalHostAddresses: isIP(options.publicAddress) ? [options.publicAddress] : undefined,
  });
}

/**
 * werift's ICE asks Google's STUN server (stun.l.google.com) whenever no STUN server is given,
 * even with no ICE servers configured: a DNS lookup and a request to a third party for each
 * call, and a wait for its answer before the description can go. The agent is at its public
 * address already; a peer whose ICE transports exist gathers host candidates only.
 */
export function gatherHostOnly(pc: RTCPeerConnection): void {
  for (const ice of pc.iceTransports) ice.connection.stunServer = undefined;
}

/** Makes `pc`'s next description (an offer, or the answer to the remote offer) and waits for its candidates. */
export function describe(
  pc: RTCPeerConnection,
  options: WebRtcOptions,
  kind: 'offer' | 'answer',
): Promise<string> {
  return options.gathering.run(async () => {
    gatherHostOnly(pc);
    await pc.setLocalDescription(kind === 'offer' ? await pc.createOffer() : await pc.createAnswer());
    await new Promise<void>((resolve) => {
      if (pc.iceGatheringState === 'complete') return resolve();
      const { unSubscribe } = pc.iceGatheringStateChange.subscribe((state) => {
        if (state !== 'complete') return;
        unSubscribe();
        resolve();
      });
    });
    const sdp = pc.localDescription?.sdp;
    if (!sdp) throw new Error('werift made no description');
    return sdp;
  });
}

/**
 * After an ICE restart (new credentials in a re-offer) werift 0.24 leaves ICE unchecked while
 * DTLS is up (its connect() returns early on a connected DTLS transport), so no pair is ever
 * nominated again and nothing is sent. The checks are started here for each transport whose
 * DTLS is up but which lost its pair; DTLS and SRTP go on over the new one. (A transport still
 * connecting for the first time is werift's own business: starting its checks twice breaks them.)
 */
export function resumeIceAfterRestart(pc: RTCPeerConnection): void {
  for (const dtls of pc.dtlsTransports) {
    const ice = dtls.iceTransport;
    if (dtls.state !== 'connected' || ice.connection.nominated || ice.state === 'closed') continue;
    if (!ice.connection.remoteUsername) continue;
    // A failed start leaves no pair: the point's connection watchdog or the call's BYE ends it.
    ice.start().catch(() => undefined);
  }
}
