// A desk phone calling over UDP with a plain-RTP G.711 stream: raw SIP (INVITE with digest,
// ACK, BYE) and a real RTP socket that sends tones, silence and RFC 4733 keys, paced in real
// time, and keeps what the agent plays back.
import dgram from 'node:dgram';
import { parseMessage, serializeMessage, type SipResponse } from '../../server/sip/message';
import { buildResponse, parseNameAddr } from '../../server/sip/fields';
import { decodeG711, encodeG711, type G711Law } from '../../server/media/g711';
import { buildRtp, parseRtp } from '../../server/media/rtp';
import { Ticker } from '../../server/media/ticker';
import { udpPeer, type Peer } from '../sip/support';
import { DOMAIN, authorization } from '../sip/desk-phone';

const FRAME = 160;
const ticker = new Ticker();

export interface Device {
  sipUsername: string;
  sipPassword: string;
}

export function g711Offer(port: number, law: G711Law = 'PCMU', audioLine?: string): string {
  const pt = law === 'PCMU' ? 0 : 8;
  return [
    'v=0',
    `o=desk 1 1 IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    audioLine ?? `m=audio ${port} RTP/AVP ${pt} 101`,
    `a=rtpmap:${pt} ${law}/8000`,
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-15',
    '',
  ].join('\r\n');
}

let calls = 0;

export class RtpCaller {
  /** Every G.711 sample the agent sent, in order. */
  readonly heard: number[] = [];
  private readonly rtp = dgram.createSocket('udp4');
  private remote: { address: string; port: number } | null = null;
  private sequence = 1;
  private timestamp = 1000;
  private lastPacketAt = 0;
  /** Who waits for the next packet from the agent (nextPacket). */
  private readonly packetWaiters: ((at: number) => void)[] = [];
  private callId = `rtp-caller-${++calls}-${process.pid}`;
  private cseq = 1;
  private remoteTag = '';
  private target = '';
  private callee = '';

  private constructor(
    private readonly sip: Peer,
    private readonly extension: string,
    private readonly device: Device,
    readonly law: G711Law,
  ) {
    this.rtp.on('message', (bytes) => {
      const packet = parseRtp(bytes);
      if (!packet) return;
      this.lastPacketAt = performance.now();
      this.heard.push(...decodeG711(this.law, packet.payload));
      const waiting = this.packetWaiters.splice(0);
      for (const resolve of waiting) resolve(this.lastPacketAt);
    });
  }

  static async open(sipPort: number, extension: string, device: Device, law: G711Law = 'PCMU') {
    const sip = await udpPeer(sipPort);
    const caller = new RtpCaller(sip, extension, device, law);
    await new Promise<void>((resolve) => caller.rtp.bind(0, '127.0.0.1', resolve));
    return caller;
  }

  get rtpPort(): number {
    return this.rtp.address().port;
  }

  /** Dials `to` with `offer` (default: this caller's G.711 offer); the final response. */
  async dial(to: string, offer = g711Offer(this.rtpPort, this.law)): Promise<SipResponse> {
    this.callee = to;
    const send = (proxyAuthorization?: string) => {
      return this.transact(this.invite(to, offer, proxyAuthorization));
    };
    const challenge = await send();
    if (challenge.status !== 407) return challenge;
    const answer = authorization(
      challenge.headers.getAll('Proxy-Authenticate')[0]!,
      this.device.sipUsername,
      this.device.sipPassword,
      '00000001',
      'INVITE',
      `sip:${to}@${DOMAIN}`,
    );
    this.cseq++;
    const final = await send(answer);
    if (final.status === 200) {
      this.remoteTag = parseNameAddr(final.headers.get('To')!).params.get('tag') ?? '';
      this.target = parseNameAddr(final.headers.get('Contact')!).uri;
      const sdp = final.body.toString();
      const port = Number(/m=audio (\d+)/.exec(sdp)![1]);
      const address = /c=IN IP4 (\S+)/.exec(sdp)![1]!;
      this.remote = { address, port };
      this.sip.send(this.inDialog('ACK', this.cseq));
    } else this.sip.send(this.inDialog('ACK', this.cseq, final));
    return final;
  }

  /** Resolves once the agent has played something and then gone quiet (greeting and beep done). */
  promptPlayed(quietMs = 300, timeoutMs = 30_000): Promise<void> {
    return this.playedSince(0, quietMs, timeoutMs);
  }

  /**
   * Resolves once the agent has played something after the first `mark` samples heard (say,
   * `heard.length` before a key was pressed) and then gone quiet.
   */
  async playedSince(mark: number, quietMs = 400, timeoutMs = 30_000): Promise<void> {
    for (const deadline = performance.now() + timeoutMs; performance.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (this.heard.length > mark && performance.now() - this.lastPacketAt >= quietMs) return;
    }
    throw new Error('the agent played nothing new, or never stopped');
  }

  /** When the next packet from the agent arrives (performance.now()); rejects after `timeoutMs`. */
  nextPacket(timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the agent sent nothing')), timeoutMs);
      this.packetWaiters.push((at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  }

  /** Sends a tone (or silence with hz 0) for `seconds`, paced in 20 ms packets. */
  send(seconds: number, hz: number): Promise<void> {
    const frames = Math.round((seconds * 1000) / 20);
    let sent = 0;
    return new Promise((resolve) => {
      const remove = ticker.add(() => {
        const frame = Int16Array.from({ length: FRAME }, (_, i) =>
          hz ? Math.round(10000 * Math.sin((2 * Math.PI * hz * (this.timestamp + i)) / 8000)) : 0,
        );
        this.packet(this.law === 'PCMU' ? 0 : 8, encodeG711(this.law, frame));
        this.timestamp += FRAME;
        if (++sent >= frames) {
          remove();
          resolve();
        }
      });
    });
  }

  /** Keys as RFC 4733 events, one after another: digits, * and #. */
  pressKeys(keys: string): void {
    for (const key of keys) this.pressKey(key === '*' ? 10 : key === '#' ? 11 : Number(key));
  }

  /** An RFC 4733 key: three packets with one timestamp, the last with the end bit. */
  pressKey(event: number): void {
    for (const end of [false, false, true]) {
      const payload = Buffer.from([event, end ? 0x80 | 10 : 10, 0, 160]);
      this.packet(101, payload, this.timestamp);
    }
    this.timestamp += FRAME;
  }

  /** Hangs up; resolves with the BYE's answer. */
  async hangUp(): Promise<number> {
    this.cseq++;
    return (await this.transact(this.inDialog('BYE', this.cseq))).status;
  }

  /** Waits for the agent's BYE and answers it. */
  async hungUpOn(timeoutMs: number): Promise<void> {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
      const message = parseMessage(await this.sip.next(deadline - Date.now()));
      if (message.kind === 'request' && message.method === 'BYE') {
        this.sip.send(serializeMessage(buildResponse(message, 200, 'OK')));
        return;
      }
    }
    throw new Error('the agent did not hang up');
  }

  close(): void {
    this.sip.close();
    this.rtp.close();
  }

  private packet(payloadType: number, payload: Buffer, timestamp = this.timestamp): void {
    if (!this.remote) throw new Error('no call');
    const bytes = buildRtp({
      payloadType,
      marker: false,
      sequence: this.sequence++,
      timestamp,
      ssrc: 0x1234,
      payload,
    });
    this.rtp.send(bytes, this.remote.port, this.remote.address);
  }

  /**
   * Sends a request and waits for its final response, sending it again on RFC 3261's timers
   * (500 ms doubling to 4 s) until any response comes, for 32 s at most: UDP may lose either.
   */
  private async transact(request: string): Promise<SipResponse> {
    const deadline = Date.now() + 32_000;
    let interval = 500;
    let answered = false;
    this.sip.send(request);
    while (Date.now() < deadline) {
      let message;
      try {
        message = parseMessage(await this.sip.next(answered ? deadline - Date.now() : interval));
      } catch {
        this.sip.send(request);
        interval = Math.min(interval * 2, 4000);
        continue;
      }
      if (message.kind !== 'response') continue;
      answered = true;
      if (message.status >= 200) return message;
    }
    throw new Error('no final response');
  }

  private invite(to: string, offer: string, proxyAuthorization?: string): string {
    return [
      `INVITE sip:${to}@${DOMAIN} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${this.sip.localPort};branch=z9hG4bK${this.callId}-${this.cseq};rport`,
      'Max-Forwards: 70',
      `From: <sip:${this.extension}@${DOMAIN}>;tag=${this.callId}`,
      `To: <sip:${to}@${DOMAIN}>`,
      `Call-ID: ${this.callId}`,
      `CSeq: ${this.cseq} INVITE`,
      `Contact: <sip:${this.extension}@127.0.0.1:${this.sip.localPort}>`,
      ...(proxyAuthorization ? [`Proxy-Authorization: ${proxyAuthorization}`] : []),
      'Content-Type: application/sdp',
      `Content-Length: ${Buffer.byteLength(offer)}`,
      '',
      offer,
    ].join('\r\n');
  }

  private inDialog(method: string, cseq: number, failed?: SipResponse): string {
    const branch = method === 'ACK' && failed ? `${this.callId}-${cseq}` : `${this.callId}-${method}-${cseq}`;
    const to = failed ? failed.headers.get('To')! : `<sip:${this.callee}@${DOMAIN}>;tag=${this.remoteTag}`;
    return [
      `${method} ${failed ? `sip:${this.callee}@${DOMAIN}` : this.target} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${this.sip.localPort};branch=z9hG4bK${branch};rport`,
      'Max-Forwards: 70',
      `From: <sip:${this.extension}@${DOMAIN}>;tag=${this.callId}`,
      `To: ${to}`,
      `Call-ID: ${this.callId}`,
      `CSeq: ${cseq} ${method}`,
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
  }
}
