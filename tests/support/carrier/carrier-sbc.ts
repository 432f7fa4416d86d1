// A carrier's border controller on a loopback address, as the office's IP trunk sees it: it
// answers OPTIONS, and each INVITE as the test says (answer with a G.711 SDP, ring only, refuse),
// keeping every INVITE so the test can read what the office sent (Request-URI, From,
// P-Asserted-Identity, Privacy, Diversion); a re-INVITE is answered with its SDP too. BYE is
// taken as it comes, and an ACK's answer to the offer of a 200 (to an INVITE that had none) sets
// where its media goes.
import dgram from 'node:dgram';
import { parseMessage, serializeMessage, type SipRequest } from '../../../server/sip/message';
import { buildResponse, newTag } from '../../../server/sip/fields';
import { RtpPeer } from '../media-peers';
import { answerTo } from './outside-caller';
import { tagOf } from '../../../server/sip/calls/leg';

/** 200 answers (with SDP), 180 rings for ever, anything else refuses. */
export interface SbcAnswer {
  status: number;
  reason: string;
}

export class CarrierSbc {
  /** What the next INVITEs get. */
  answer: SbcAnswer = { status: 200, reason: 'OK' };
  readonly invites: SipRequest[] = [];
  readonly byes: SipRequest[] = [];
  /** Keys the office sent as SIP INFO. */
  readonly infos: SipRequest[] = [];
  private readonly socket = dgram.createSocket('udp4');
  private readonly answered = new Map<string, Buffer>();

  private constructor(readonly media: RtpPeer) {
    this.socket.on('message', (bytes, remote) => this.receive(bytes, remote));
  }

  static async start(address: string): Promise<CarrierSbc> {
    const sbc = new CarrierSbc(await RtpPeer.open('PCMU'));
    await new Promise<void>((resolve) => sbc.socket.bind(0, address, resolve));
    return sbc;
  }

  get address(): string {
    return this.socket.address().address;
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** The INVITE numbered `index` (in arrival order, retransmissions left out), once it came. */
  async invite(index: number, timeoutMs = 5_000): Promise<SipRequest> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const invite = this.invites[index];
      if (invite) return invite;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${this.address}: INVITE ${index} never came`);
  }

  private receive(bytes: Buffer, remote: dgram.RemoteInfo): void {
    const message = parseMessage(bytes);
    if (message.kind !== 'request') return;
    const reply = (response: ReturnType<typeof buildResponse>) => {
      const wire = serializeMessage(response);
      this.socket.send(wire, remote.port, remote.address);
      return wire;
    };
    // A re-INVITE (the office moving the call's media, as a transfer does) is answered afresh.
    const callId = message.headers.get('Call-ID')!;
    const transaction = `${callId} ${message.headers.get('CSeq')}`;
    if (message.method === 'INVITE') {
      const before = this.answered.get(transaction);
      if (before) return void this.socket.send(before, remote.port, remote.address);
      // The calls the office placed; a re-INVITE (its To tagged) belongs to one of them.
      if (!tagOf(message.headers.get('To'))) this.invites.push(message);
      const toTag = newTag();
      const { answer } = this;
      if (answer.status === 200) {
        // An INVITE without an offer (the office putting a caller it holds through): the 200
        // offers, and the office's answer in the ACK says where to send (RFC 3264 §5).
        if (message.body.length > 0) this.media.sendTo(message.body.toString());
        // A proxy on the way (the carrier's) stays in the dialog: buildResponse echoes its
        // Record-Route (RFC 3261 §12.1.1).
        this.answered.set(
          transaction,
          reply(
            buildResponse(message, 200, 'OK', {
              toTag,
              headers: [['Contact', `<sip:carrier@${this.address}:${this.port}>`]],
              body: Buffer.from(answerTo(message.body.toString(), this.media.description())),
              contentType: 'application/sdp',
            }),
          ),
        );
      } else if (answer.status === 180) reply(buildResponse(message, 180, 'Ringing', { toTag }));
      else
        this.answered.set(
          transaction,
          reply(buildResponse(message, answer.status, answer.reason, { toTag })),
        );
      return;
    }
    if (message.method === 'ACK') {
      if (message.body.length > 0) this.media.sendTo(message.body.toString());
      return;
    }
    if (message.method === 'BYE') this.byes.push(message);
    if (message.method === 'INFO') this.infos.push(message);
    reply(buildResponse(message, 200, 'OK'));
  }

  close(): void {
    this.media.close();
    this.socket.close();
  }
}
