// A desk phone over UDP as its own program, for namespaces a test makes (`ip netns exec … tsx
// tests/support/udp-phone.ts …`): it registers with digest, answers calls, and follows RFC 3261
// to the letter about where to send: responses to the top Via's sent-by (§18.2.2, no received
// parameter when it sits beside the office on one network), in-dialog requests to the Contact
// (§12.2). A wildcard or unreachable address there makes them go nowhere, which is what a test
// of the advertised address looks for. It reports on stdout, one JSON line per event, and takes
// commands on stdin (`bye`, `mute`).
import dgram from 'node:dgram';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { parseMessage, serializeMessage, type SipRequest, type SipResponse } from '../../server/sip/message';
import {
  buildResponse,
  newBranch,
  newTag,
  parseNameAddr,
  parseSipUri,
  parseVia,
} from '../../server/sip/fields';
import { SipHeaders } from '../../server/sip/headers';
import { digestResponse, parseDigestParams } from '../../server/sip/digest';

const { values } = parseArgs({
  options: {
    office: { type: 'string' },
    bind: { type: 'string' },
    extension: { type: 'string' },
    username: { type: 'string' },
    password: { type: 'string' },
    domain: { type: 'string' },
  },
});
const [officeHost, officePort] = values.office!.split(':') as [string, string];
const { extension, username, password, domain } = values as Record<
  'extension' | 'username' | 'password' | 'domain',
  string
>;
const socket = dgram.createSocket('udp4');
const report = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);
let muted = false;
let dialog: { callId: string; local: string; remote: string; target: string; seq: number } | null = null;

function send(message: SipRequest | SipResponse, host: string, port: number): void {
  socket.send(serializeMessage(message), port, host);
}

/** §18.2.2: to `received` if the request carries one, else the sent-by host; rport if given. */
function respond(request: SipRequest, response: SipResponse): void {
  const via = parseVia(request.headers.get('Via')!);
  const host = via.params.get('received') ?? via.host.replace(/^\[(.*)\]$/, '$1');
  const rport = via.params.get('rport');
  send(response, host, rport ? Number(rport) : (via.port ?? 5060));
}

function request(method: string, uri: string, headers: [string, string][]): SipRequest {
  const all = new SipHeaders();
  const { address, port } = socket.address();
  all.append('Via', `SIP/2.0/UDP ${address}:${port};branch=${newBranch()};rport`);
  all.append('Max-Forwards', '70');
  for (const [name, value] of headers) all.append(name, value);
  return { kind: 'request', method, uri, headers: all, body: Buffer.alloc(0) };
}

let registerSeq = 0;
function register(authorization?: string): void {
  const { address, port } = socket.address();
  const headers: [string, string][] = [
    ['From', `<sip:${extension}@${domain}>;tag=${newTag()}`],
    ['To', `<sip:${extension}@${domain}>`],
    ['Call-ID', `udp-phone-${extension}`],
    ['CSeq', `${++registerSeq} REGISTER`],
    ['Contact', `<sip:${extension}@${address}:${port}>`],
    ['Expires', '600'],
  ];
  if (authorization) headers.push(['Authorization', authorization]);
  send(request('REGISTER', `sip:${domain}`, headers), officeHost, Number(officePort));
}

function answerChallenge(challenge: string): string {
  const params = parseDigestParams(challenge)!;
  const nonce = params.get('nonce')!;
  const algorithm = params.get('algorithm') as 'MD5' | 'SHA-256';
  const uri = `sip:${domain}`;
  const response = digestResponse({
    algorithm,
    username,
    realm: domain,
    password,
    method: 'REGISTER',
    uri,
    nonce,
    qop: { nc: '00000001', cnonce: 'udpphone' },
  });
  return `Digest username="${username}", realm="${domain}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=${algorithm}, qop=auth, nc=00000001, cnonce="udpphone"`;
}

function onRequest(message: SipRequest): void {
  if (muted) return;
  if (message.method === 'INVITE') {
    const contact = parseNameAddr(message.headers.get('Contact')!).uri;
    const localTag = newTag();
    const own = `<sip:${extension}@${socket.address().address}:${socket.address().port}>`;
    dialog = {
      callId: message.headers.get('Call-ID')!,
      local: `${message.headers.get('To')!};tag=${localTag}`,
      remote: message.headers.get('From')!,
      target: contact,
      seq: 1,
    };
    report({ event: 'invite', via: message.headers.get('Via'), contact });
    respond(message, buildResponse(message, 180, 'Ringing', { toTag: localTag }));
    const sdp = `v=0\r\no=phone 1 1 IN IP4 ${socket.address().address}\r\ns=-\r\nc=IN IP4 ${socket.address().address}\r\nt=0 0\r\nm=audio 7078 RTP/AVP 0\r\n`;
    respond(
      message,
      buildResponse(message, 200, 'OK', {
        toTag: localTag,
        headers: [['Contact', own]],
        contentType: 'application/sdp',
        body: Buffer.from(sdp),
      }),
    );
    return;
  }
  if (message.method === 'ACK') {
    report({ event: 'ack' });
    return;
  }
  if (message.method === 'BYE') report({ event: 'bye' });
  respond(message, buildResponse(message, 200, 'OK'));
}

socket.on('message', (bytes) => {
  const message = parseMessage(bytes);
  if (message.kind === 'request') return onRequest(message);
  const method = message.headers.get('CSeq')!.split(' ')[1];
  if (method === 'REGISTER') {
    if (message.status === 401 && registerSeq === 1)
      return register(answerChallenge(message.headers.getAll('WWW-Authenticate')[0]!));
    report({ event: 'registered', status: message.status });
  } else if (method === 'BYE') report({ event: 'bye-answered', status: message.status });
});

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'mute') muted = true;
  if (line === 'bye' && dialog) {
    const target = parseSipUri(dialog.target);
    const host = target.host.replace(/^\[(.*)\]$/, '$1');
    report({ event: 'sending-bye', host, port: target.port ?? 5060 });
    send(
      request('BYE', dialog.target, [
        ['From', dialog.local],
        ['To', dialog.remote],
        ['Call-ID', dialog.callId],
        ['CSeq', `${++dialog.seq} BYE`],
      ]),
      host,
      target.port ?? 5060,
    );
  }
});

socket.bind(0, values.bind, () => {
  report({ event: 'listening', address: socket.address().address, port: socket.address().port });
  register();
});
