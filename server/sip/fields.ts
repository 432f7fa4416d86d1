// The structured header values the server reads: name-addr (From, To, Contact), Via, params.
import { randomFillSync } from 'node:crypto';
import { SipParseError, type SipRequest, type SipResponse } from './message';
import { SipHeaders } from './headers';

export type Params = Map<string, string | null>;

function parseParams(text: string): Params {
  const params: Params = new Map();
  for (const part of text.split(';')) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    const key = (eq === -1 ? trimmed : trimmed.slice(0, eq)).trim().toLowerCase();
    params.set(key, eq === -1 ? null : trimmed.slice(eq + 1).trim());
  }
  return params;
}

export interface NameAddr {
  displayName: string | null;
  uri: string;
  params: Params;
}

/**
 * A display name as a quoted-string (RFC 3261 §25.1): any UTF-8 text, `"` and `\` escaped as
 * quoted-pairs, and control characters (a CR or LF would end the header) left out.
 */
export function quotedDisplayName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${name.replace(/[\u0000-\u001f\u007f]/g, '').replace(/["\\]/g, '\\$&')}"`;
}

/** A leading quoted-string (a display name that may hold `<`, `>` or `;`): its text and where it ends. */
function leadingQuoted(value: string): { text: string; end: number } | null {
  const match = /^\s*"((?:[^"\\]|\\.)*)"/.exec(value);
  return match ? { text: match[1]!.replace(/\\(.)/g, '$1'), end: match[0].length } : null;
}

/** `"Name" <sip:100@host>;tag=x` or `sip:100@host;tag=x` (header params after the addr-spec). */
export function parseNameAddr(value: string): NameAddr {
  const quoted = leadingQuoted(value);
  const open = value.indexOf('<', quoted?.end ?? 0);
  if (quoted && open === -1) throw new SipParseError('A display name without an address');
  if (open !== -1) {
    const close = value.indexOf('>', open);
    if (close === -1) throw new SipParseError('Unclosed < in an address');
    const name = quoted ? quoted.text : value.slice(0, open).trim();
    return {
      displayName: name || null,
      uri: value.slice(open + 1, close).trim(),
      params: parseParams(value.slice(close + 1)),
    };
  }
  const semi = value.indexOf(';');
  return {
    displayName: null,
    uri: (semi === -1 ? value : value.slice(0, semi)).trim(),
    params: parseParams(semi === -1 ? '' : value.slice(semi)),
  };
}

/** From and To must be readable addresses before any handler relies on them (RFC 3261 §20.20, §20.39). */
export function checkAddressHeaders(request: SipRequest): void {
  for (const name of ['From', 'To']) {
    try {
      parseNameAddr(request.headers.get(name)!);
    } catch (error) {
      throw new SipParseError(`Malformed ${name} header: ${(error as Error).message}`);
    }
  }
}

export interface SipUri {
  scheme: 'sip' | 'sips';
  user: string | null;
  host: string;
  port: number | null;
  params: Params;
}

/** `sip:user@host:port;params` (no password part, no headers part: the server does not need them). */
export function parseSipUri(uri: string): SipUri {
  const match =
    /^(sips?):(?:([^@;]+)@)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::([0-9]{1,5}))?((?:;[^?]*)?)(?:\?.*)?$/.exec(
      uri,
    );
  if (!match) throw new SipParseError(`Not a SIP URI: ${uri.slice(0, 60)}`);
  const port = match[4] ? Number(match[4]) : null;
  if (port !== null && port > 65535) throw new SipParseError('Port out of range in a SIP URI');
  return {
    scheme: match[1] as 'sip' | 'sips',
    user: match[2] ? decodeURIComponent(match[2]) : null,
    host: match[3]!.toLowerCase(),
    port,
    params: parseParams(match[5] ?? ''),
  };
}

export interface Via {
  transport: string;
  host: string;
  port: number | null;
  params: Params;
}

export function parseVia(value: string): Via {
  const match =
    /^SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z]+)\s+(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?:\s*:\s*([0-9]{1,5}))?\s*((?:;.*)?)$/.exec(
      value,
    );
  if (!match) throw new SipParseError('Malformed Via header');
  return {
    transport: match[1]!.toUpperCase(),
    host: match[2]!,
    port: match[3] ? Number(match[3]) : null,
    params: parseParams(match[4] ?? ''),
  };
}

export function formatVia(via: Via): string {
  const params = [...via.params].map(([k, v]) => (v === null ? `;${k}` : `;${k}=${v}`)).join('');
  return `SIP/2.0/${via.transport} ${via.host}${via.port === null ? '' : `:${via.port}`}${params}`;
}

/**
 * Random hex from a pool filled 4 KiB at a time: tags, branches and nonces are made for every
 * message, and one system call each would cost more than the rest of the answer.
 */
const pool = Buffer.alloc(4096);
let poolUsed = pool.length;
export function randomHex(bytes: number): string {
  if (poolUsed + bytes > pool.length) {
    randomFillSync(pool);
    poolUsed = 0;
  }
  poolUsed += bytes;
  return pool.toString('hex', poolUsed - bytes, poolUsed);
}

export const newTag = () => randomHex(6);
/** RFC 3261's magic cookie marks branches made by RFC 3261 implementations. */
export const newBranch = () => `z9hG4bK${randomHex(10)}`;

/** A response to a request: Via, From, To (with a tag past 100), Call-ID and CSeq copied; Record-Route too on an 18x or 2xx. */
export function buildResponse(
  request: SipRequest,
  status: number,
  reason: string,
  options: { toTag?: string; headers?: [string, string][]; body?: Buffer; contentType?: string } = {},
): SipResponse {
  const headers = new SipHeaders();
  for (const via of request.headers.getAll('Via')) headers.append('Via', via);
  const from = request.headers.get('From');
  if (from !== undefined) headers.append('From', from);
  const to = request.headers.get('To');
  if (to !== undefined) {
    const hasTag = /;\s*tag=/i.test(to.slice(to.lastIndexOf('>') + 1));
    headers.append('To', !hasTag && status > 100 ? `${to};tag=${options.toTag ?? newTag()}` : to);
  }
  for (const name of ['Call-ID', 'CSeq']) {
    const value = request.headers.get(name);
    if (value !== undefined) headers.append(name, value);
  }
  // RFC 3261 §12.1.1: a UAS's 18x and 2xx carry the request's Record-Route, every value in
  // order, so the caller's route set holds the proxies that asked to stay in the dialog (else its
  // ACK and BYE bypass a carrier's proxy).
  if ((status >= 180 && status < 190) || (status >= 200 && status < 300))
    for (const route of request.headers.getAll('Record-Route')) headers.append('Record-Route', route);
  for (const [name, value] of options.headers ?? []) headers.append(name, value);
  if (options.contentType) headers.append('Content-Type', options.contentType);
  return { kind: 'response', status, reason, headers, body: options.body ?? Buffer.alloc(0) };
}
