// What call control asks of the media agent when a call's two sides cannot talk to each other
// directly: a softphone (WebRTC: ICE, DTLS-SRTP) and a desk phone (plain RTP). Each such SIP leg
// gets an anchor point in the agent that does the offer/answer with its phone, and a bridge
// carries the audio (and RFC 4733 keys) between two points. A point belongs to its leg, not to
// the call: a transfer re-patches it to another point and the phone notices nothing.

/** How a phone does media: WebRTC (ICE, DTLS-SRTP) or plain RTP. */
export type MediaKind = 'webrtc' | 'rtp';

/** RFC 3264 direction, from the side that wrote the description. */
export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export type AudioCodec = 'PCMU' | 'PCMA' | 'opus';

export interface AnchorPoint {
  readonly kind: MediaKind;
  /** The codec the point sends its phone: settled by its first offer/answer. */
  readonly codec: AudioCodec | null;
  /** Whether the phone's last offer put the call on hold (it asked not to be sent audio). */
  readonly holding: boolean;
  /**
   * An offer of the agent's to the phone, sent with `direction` (sendonly while the other side
   * holds); the first lists `prefer` first, so the phone picks what the other side speaks.
   */
  offer(direction: Direction, prefer: readonly AudioCodec[]): Promise<string>;
  /** The phone's answer to the last offer; false when it cannot be used. */
  accept(answer: string): Promise<boolean>;
  /** Answers the phone's offer (its first, or a re-offer: hold, resume, new ICE); null when unusable. */
  answer(offer: string, prefer: readonly AudioCodec[]): Promise<string | null>;
  /** Plays a key to the phone as RFC 4733 events; false when it negotiated none (send SIP INFO). */
  sendDigit(digit: string): boolean;
  /** A key the phone sent as RFC 4733 events. */
  onDigit: ((digit: string) => void) | null;
  /** The phone's media failed for good (ICE or DTLS gave up): the call cannot go on. */
  onFailed: (() => void) | null;
  close(): void;
}

/** Audio flowing between two points until closed (the points stay open). */
export interface Bridge {
  close(): void;
}

export interface MediaAnchors {
  /** The kind of phone an SDP body comes from, or null when the agent cannot read it. */
  kindOf(sdp: string): MediaKind | null;
  /** The codecs an SDP body lists, in its order, among those the agent knows. */
  codecsOf(sdp: string): AudioCodec[];
  /** A new point for a phone of `kind`, or null when the agent holds all the calls it may. */
  open(kind: MediaKind): Promise<AnchorPoint | null>;
  bridge(a: AnchorPoint, b: AnchorPoint): Bridge;
  /**
   * Plays music (8 kHz samples) to the point's phone in a loop, its bridge silenced meanwhile,
   * until stopped (music on hold, or a ring group's caller while members ring).
   */
  playMusic(point: AnchorPoint, samples: Int16Array): { stop(): void };
  /** Plays a key to the point's phone as tones in its audio (ITU-T Q.23): a carrier that takes keys in band. */
  playKey(point: AnchorPoint, digit: string): void;
}

/** The refusal a caller hears when the agent has no room for another anchored call. */
export const BRIDGE_FULL = { status: 503, reason: 'Service Unavailable (media bridge full)' } as const;
