// SIP messages (RFC 3261 §7): an exact parser with limits, and the serialiser. Anything the
// parser cannot make sense of is a SipParseError naming why; nothing else is ever thrown.
// SIP is UTF-8 text (§7.3.1): a display name "Lucía García" is the bytes 4C 75 63 C3 AD 61…
// on the wire, read and written as such; the body is bytes, and Content-Length counts bytes.
import { isUtf8 } from 'node:buffer';
import { LIST_HEADERS, SipHeaders, canonicalHeaderName } from './headers';

export const SIP_VERSION = 'SIP/2.0';

export interface SipLimits {
  maxMessageBytes: number;
  maxHeaders: number;
  maxLineBytes: number;
}

export const DEFAULT_LIMITS: SipLimits = { maxMessageBytes: 65_535, maxHeaders: 100, maxLineBytes: 8_192 };

export interface SipRequest {
  kind: 'request';
  method: string;
  uri: string;
  headers: SipHeaders;
  body: Buffer;
}

export interface SipResponse {
  kind: 'response';
  status: number;
  reason: string;
  headers: SipHeaders;
  body: Buffer;
}

export type SipMessage = SipRequest | SipResponse;

export class SipParseError extends Error {
  constructor(
    reason: string,
    /** What was understood before the error: enough, for a request, to answer 400. */
    readonly partial?: SipRequest,
  ) {
    super(reason);
    this.name = 'SipParseError';
  }
}

const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
const REQUEST_LINE = /^([A-Za-z0-9\-.!%*_+`'~]+) (\S+) SIP\/2\.0$/;
const STATUS_LINE = /^SIP\/2\.0 ([1-6][0-9]{2}) ([^\r\n]*)$/;
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"]+$/;
const MANDATORY = ['Via', 'From', 'To', 'Call-ID', 'CSeq'];

/** Any byte below space other than tab, CR and LF (NUL, bell, escape…) or DEL. */
function hasControlBytes(bytes: Buffer): boolean {
  for (const byte of bytes) {
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f) return true;
  }
  return false;
}

/** Splits a list header value on commas outside quotes and angle brackets. */
export function splitList(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '"' && value[i - 1] !== '\\') quoted = !quoted;
    else if (!quoted && c === '<') depth++;
    else if (!quoted && c === '>') depth--;
    else if (!quoted && depth === 0 && c === ',') {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(value.slice(start).trim());
  return parts.filter((p) => p.length > 0);
}

function parseHeaderLines(lines: string[], limits: SipLimits): SipHeaders {
  const headers = new SipHeaders();
  const unfolded: string[] = [];
  for (const line of lines) {
    if (Buffer.byteLength(line) > limits.maxLineBytes) throw new SipParseError('Header line too long');
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (unfolded.length === 0) throw new SipParseError('Continuation line without a header');
      unfolded[unfolded.length - 1] += ` ${line.trim()}`;
    } else {
      unfolded.push(line);
    }
  }
  if (unfolded.length > limits.maxHeaders) throw new SipParseError('Too many headers');
  for (const line of unfolded) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new SipParseError(`Malformed header line "${line.slice(0, 40)}"`);
    const name = line.slice(0, colon).trimEnd();
    const value = line.slice(colon + 1).trim();
    if (!TOKEN.test(name)) throw new SipParseError(`Malformed header name "${name.slice(0, 40)}"`);
    const canonical = canonicalHeaderName(name);
    for (const v of LIST_HEADERS.has(canonical) ? splitList(value) : [value]) headers.append(canonical, v);
  }
  return headers;
}

/** CSeq: a number below 2^31 and a method (RFC 3261 §8.1.1.5). */
export function parseCSeq(value: string | undefined): { seq: number; method: string } | null {
  const match = value ? /^([0-9]{1,10})\s+([A-Za-z0-9\-.!%*_+`'~]+)$/.exec(value) : null;
  if (!match) return null;
  const seq = Number(match[1]);
  return seq < 2 ** 31 ? { seq, method: match[2]! } : null;
}

/** The CSeq of a message the parser accepted (it checked the header), or of one the server built. */
export function cseqOf(message: SipMessage): { seq: number; method: string } {
  const cseq = parseCSeq(message.headers.get('CSeq'));
  if (!cseq) throw new SipParseError('Malformed CSeq header');
  return cseq;
}

function checkRequest(request: SipRequest): void {
  for (const name of MANDATORY) {
    if (!request.headers.has(name)) throw new SipParseError(`Missing ${name} header`, request);
  }
  const cseq = parseCSeq(request.headers.get('CSeq'));
  if (!cseq) throw new SipParseError('Malformed CSeq header', request);
  if (cseq.method !== request.method)
    throw new SipParseError('CSeq method does not match the request method', request);
  const maxForwards = request.headers.get('Max-Forwards');
  if (maxForwards !== undefined && !/^[0-9]{1,3}$/.test(maxForwards)) {
    throw new SipParseError('Malformed Max-Forwards header', request);
  }
  if (!URI.test(request.uri)) throw new SipParseError('Malformed Request-URI', request);
}

/**
 * Parses one whole message. A body longer than Content-Length is cut to it (RFC 3261 §18.3,
 * datagrams); a shorter one is an error. Over a stream the framer has already cut the bytes.
 */
export function parseMessage(data: Buffer, limits: SipLimits = DEFAULT_LIMITS): SipMessage {
  if (data.length > limits.maxMessageBytes) throw new SipParseError('Message too large');
  const end = data.indexOf('\r\n\r\n');
  if (end === -1) throw new SipParseError('No end of headers');
  const headBytes = data.subarray(0, end);
  if (hasControlBytes(headBytes)) throw new SipParseError('Control characters in the headers');
  // Bytes that are not UTF-8 are read as U+FFFD only to understand enough of the request to
  // answer it 400; nothing of such a message goes further.
  const validText = isUtf8(headBytes);
  const head = headBytes.toString('utf8');
  const [startLine = '', ...headerLines] = head.split('\r\n');
  if (headerLines.some((l) => l.includes('\n') || l.includes('\r'))) throw new SipParseError('Bare CR or LF');
  let body = data.subarray(end + 4);

  const requestMatch = REQUEST_LINE.exec(startLine);
  const statusMatch = requestMatch ? null : STATUS_LINE.exec(startLine);
  if (!requestMatch && !statusMatch) throw new SipParseError('Malformed start line');

  let headers: SipHeaders;
  const shell: SipRequest | undefined = requestMatch
    ? { kind: 'request', method: requestMatch[1]!, uri: requestMatch[2]!, headers: new SipHeaders(), body }
    : undefined;
  try {
    headers = parseHeaderLines(headerLines, limits);
  } catch (error) {
    throw new SipParseError((error as Error).message, shell);
  }
  if (!validText) throw new SipParseError('Headers are not UTF-8', shell && { ...shell, headers });

  const contentLength = headers.get('Content-Length');
  if (contentLength !== undefined) {
    if (!/^[0-9]{1,9}$/.test(contentLength)) {
      throw new SipParseError('Malformed Content-Length', shell && { ...shell, headers });
    }
    const length = Number(contentLength);
    if (length > body.length)
      throw new SipParseError('Body shorter than Content-Length', shell && { ...shell, headers });
    body = body.subarray(0, length);
  }

  if (requestMatch) {
    const request: SipRequest = {
      kind: 'request',
      method: requestMatch[1]!,
      uri: requestMatch[2]!,
      headers,
      body,
    };
    checkRequest(request);
    return request;
  }
  const response: SipResponse = {
    kind: 'response',
    status: Number(statusMatch![1]),
    reason: statusMatch![2]!,
    headers,
    body,
  };
  if (!parseCSeq(headers.get('CSeq')) || !headers.has('Via') || !headers.has('Call-ID')) {
    throw new SipParseError('Response without a valid CSeq, Via or Call-ID');
  }
  return response;
}

/** The bytes of a message, its text in UTF-8; Content-Length always written from the body's bytes. */
export function serializeMessage(message: SipMessage): Buffer {
  const lines = [
    message.kind === 'request'
      ? `${message.method} ${message.uri} ${SIP_VERSION}`
      : `${SIP_VERSION} ${message.status} ${message.reason}`,
  ];
  for (const [name, value] of message.headers.entries()) {
    if (name !== 'Content-Length') lines.push(`${name}: ${value}`);
  }
  lines.push(`Content-Length: ${message.body.length}`, '', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'utf8'), message.body]);
}
