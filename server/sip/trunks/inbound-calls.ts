// Calls in from a carrier. The number called (the DID) is read from the Request-URI, or from To
// when the Request-URI is the trunk's own Contact (a registration trunk), however the carrier
// writes it; a number the office does not own is refused (404) before anything is held for it.
// Otherwise the call takes one of the trunk's channels and rings what the number routes to, as
// though the caller had dialled it (a number routed to a voicemail box: the box answers at once);
// the caller is named as the company's people read numbers, or
// by the colleague whose direct number it is.
import type { OfficeDb } from '../../db/database';
import type { CallParty } from '../../directory/call-log';
import { readCompany } from '../../directory/company';
import { colleagueWithNumber, routeOfNumber } from '../../directory/number-routes';
import { buildResponse, parseNameAddr, parseSipUri } from '../fields';
import type { SipRequest } from '../message';
import type { CallControl } from '../calls/call-control';
import type { LiveTrunk, TrunkDirectory } from './trunk-directory';
import type { InboundHandler } from './inbound-gate';
import { callerE164, didCandidates, displayNumber } from './outside-numbers';

/** The user part of a header's or the Request-URI's SIP URI, or null. */
function userOf(uri: string | undefined): string | null {
  try {
    return uri === undefined ? null : parseSipUri(uri).user;
  } catch {
    return null;
  }
}

const headerUser = (request: SipRequest, name: string) => {
  const value = request.headers.get(name);
  try {
    return value === undefined ? null : userOf(parseNameAddr(value).uri);
  } catch {
    return null;
  }
};

/** RFC 3323: the carrier says the caller withheld their number. */
const withheld = (request: SipRequest) =>
  /(^|[;,\s])id([;,\s]|$)/i.test(request.headers.get('Privacy') ?? '');

const ANONYMOUS: CallParty = { number: 'anonymous', name: null, userId: null };

/** Who calls, as the office shows them: the asserted identity (else From), in the company's way. */
async function outsideCaller(db: OfficeDb, request: SipRequest, country: string): Promise<CallParty> {
  if (withheld(request)) return ANONYMOUS;
  const user = headerUser(request, 'P-Asserted-Identity') ?? headerUser(request, 'From');
  const number = user === null ? null : callerE164(user, country);
  if (!number) return ANONYMOUS;
  const colleague = await colleagueWithNumber(db, number);
  return { number, name: colleague ?? displayNumber(number, country), userId: null };
}

export interface InboundCallDeps {
  db: OfficeDb;
  calls: CallControl;
  trunks: TrunkDirectory;
}

export function inboundCalls({ db, calls, trunks }: InboundCallDeps): InboundHandler {
  return async (trunk: LiveTrunk, request, flow, transaction) => {
    // A call that went round between the office and a carrier (a number forwarded to itself).
    if (Number(request.headers.get('Max-Forwards') ?? '70') <= 0)
      return buildResponse(request, 483, 'Too Many Hops');
    const { country } = await readCompany(db);
    const users = [userOf(request.uri), headerUser(request, 'To')].filter((u): u is string => u !== null);
    const route = await routeOfNumber(
      db,
      users.flatMap((user) => didCandidates(user, country)),
    );
    if (!route) return buildResponse(request, 404, 'Not Found (not a number of this office)');
    const release = trunks.takeChannel(trunk);
    if (!release)
      return buildResponse(request, 503, 'Service Unavailable (the trunk is at its channel limit)');
    const placed = calls.placeFromOutside(
      request,
      flow,
      transaction,
      await outsideCaller(db, request, country),
      route.number,
      trunk.config.dtmfMode,
      route.kind === 'voicemail',
    );
    if ('kind' in placed) {
      release();
      return placed;
    }
    placed.onFinished(release);
  };
}
