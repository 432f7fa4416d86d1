// tel:, sip: and callto: links (a click in a browser or another app, handed over by the OS)
// turned into what the softphone dials, or a precise refusal. Only a number or a plain
// sip:user@host comes out: parameters and headers of the link (a Replaces, a Subject, a
// transport) are never passed on.
import { Value } from 'typebox/value';
import { DialTarget } from '../../common/ipc/domains/calls';

export type LinkRefusal =
  /** Not one of the three schemes the app registers. */
  | 'unsupported-scheme'
  /** Broken percent-encoding, characters no number or address has, an empty or overlong part. */
  | 'malformed'
  /** A sip: address without a user part, or a tel:/callto: without digits. */
  | 'no-number';

export type DialLink = { ok: true; target: string } | { ok: false; refusal: LinkRefusal; message: string };

/** Longer than any link worth reading: refused before it is looked at. */
const MAX_LINK_LENGTH = 2048;
/** A dialable number: digits with an optional leading + (global), or the keypad's * and #. */
const NUMBER = /^(\+[0-9]{1,31}|[0-9*#]{1,32})$/;
/** RFC 3966 visual separators, and the spaces and slashes people paste in. */
const SEPARATORS = /[-.()\s/]/g;
const SIP_USER = /^[A-Za-z0-9+*#._-]{1,64}$/;
const HOST = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/;

const refuse = (refusal: LinkRefusal, message: string): DialLink => ({ ok: false, refusal, message });

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** A phone number as written in a tel: or callto: link, or the refusal. */
function number(written: string, scheme: string): DialLink {
  const decoded = decode(written);
  if (decoded === null) return refuse('malformed', `The ${scheme}: link's percent-encoding is broken`);
  const bare = decoded.replace(SEPARATORS, '');
  if (bare === '' || bare === '+') return refuse('no-number', `The ${scheme}: link has no number`);
  if (!NUMBER.test(bare)) return refuse('malformed', `The ${scheme}: link's number is not a phone number`);
  return { ok: true, target: bare };
}

/** RFC 3966: the number before the first parameter (phone-context, ext, isub), which are dropped. */
function telLink(rest: string): DialLink {
  return number(rest.replace(/^\/\//, '').split(';')[0]!, 'tel');
}

/** callto:NUMBER or callto://NUMBER, with an optional trailing slash or query, as web pages write it. */
function calltoLink(rest: string): DialLink {
  const written = rest.replace(/^\/\//, '').split(/[?;]/)[0]!.replace(/\/$/, '');
  return number(written, 'callto');
}

/** sip:user@host[:port]: URI parameters and headers are dropped. */
function sipLink(rest: string): DialLink {
  const address = rest.split(/[;?]/)[0]!;
  const at = address.lastIndexOf('@');
  if (at <= 0) return refuse('no-number', 'The sip: link names no one to call (no user part)');
  const user = decode(address.slice(0, at));
  if (user === null) return refuse('malformed', "The sip: link's percent-encoding is broken");
  const [host, port, ...extra] = address.slice(at + 1).split(':');
  if (!SIP_USER.test(user)) return refuse('malformed', "The sip: link's user part is not a number or a name");
  if (!host || !HOST.test(host) || extra.length > 0)
    return refuse('malformed', "The sip: link's host is not a host name or IPv4 address");
  if (port !== undefined && !(/^[0-9]{1,5}$/.test(port) && Number(port) > 0 && Number(port) <= 65535))
    return refuse('malformed', "The sip: link's port is not a port number");
  return { ok: true, target: `sip:${user}@${host.toLowerCase()}${port === undefined ? '' : `:${port}`}` };
}

const READERS = new Map([
  ['tel', telLink],
  ['sip', sipLink],
  ['callto', calltoLink],
]);

/** Reads a link the OS handed to the app. */
export function parseDialLink(link: string): DialLink {
  if (link.length > MAX_LINK_LENGTH) return refuse('malformed', 'The link is too long');
  const colon = link.indexOf(':');
  const scheme = colon === -1 ? '' : link.slice(0, colon).toLowerCase();
  const rest = link.slice(colon + 1).trim();
  const read = READERS.get(scheme);
  if (!read) return refuse('unsupported-scheme', 'Only tel:, sip: and callto: links can be dialled');
  const result = read(rest);
  // Whatever comes out is checked against the contract's own schema, as an IPC request would be.
  if (result.ok && !Value.Check(DialTarget, result.target))
    return refuse('malformed', 'The link does not make a number the app can dial');
  return result;
}

const LINK_SCHEME = /^(tel|sip|callto|switchboard):/i;

/**
 * The link in a command line (Windows and Linux start the app, or a second instance, with the
 * link as an argument): the first argument that is one (to dial, or the app's own switchboard:).
 * Switches (`--…`) are never links.
 */
export function linkInArgv(argv: readonly string[]): string | null {
  return argv.find((argument) => !argument.startsWith('-') && LINK_SCHEME.test(argument)) ?? null;
}
