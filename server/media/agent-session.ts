/** What the agent runs on a caller's stream: it ends by itself or when the caller hangs up. */
export interface AgentSession {
  /** The SDP answer for the caller. */
  readonly answer: string;
  /** The caller's ACK came. */
  start(): void;
  /** A key from the caller, in the media or by SIP INFO. */
  digit(digit: string): void;
  hangUp(): void;
  /** Settles once the session is over. */
  readonly result: Promise<unknown>;
}
