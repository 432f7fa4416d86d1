// What a session of the agent needs from a caller's media, whatever its kind (plain RTP or WebRTC).

export interface MediaEndpoint {
  /** The SDP answer for the caller's offer. */
  readonly answer: string;
  /** The rate `play` takes samples at. */
  readonly rate: number;
  /** Sends the samples in 20 ms frames; resolves once all are sent or the endpoint closed. */
  play(samples: Int16Array): Promise<void>;
  /** Stops what `play` is sending (the caller pressed a key over a prompt); its promise resolves. */
  stopPlaying(): void;
  /** Receives the caller's audio as Opus packets with their level; null while not recording. */
  onRecorded: ((packet: Uint8Array, rms: number) => void) | null;
  /** A key the caller pressed (RFC 4733 in the media). */
  onDigit: ((digit: string) => void) | null;
  /** The stream failed (DTLS or ICE gave up): treated as the caller hanging up. */
  onFailed: (() => void) | null;
  /** The caller's audio as 8 kHz PCM as it arrives, for a conference's mixer; null when not wanted. */
  onHeard: ((samples: Int16Array) => void) | null;
  /** Sends one 20 ms frame of 8 kHz PCM now: the mixer's ticker paces these, not `play`'s. */
  sendFrame(frame: Int16Array): void;
  /** The Opus stream's header values (see ogg-opus.ts). */
  readonly format: { inputSampleRate: number; preSkip: number };
  close(): void;
}
