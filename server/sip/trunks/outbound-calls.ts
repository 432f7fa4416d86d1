// Calls out through the trunks. The number dialled is read with the dial plan in the company's
// country; the person's outbound permission (or, on a forwarded call, the permission of whoever
// forwarded it; a receptionist's key is the company's own call, an administrator's choice) says
// whether it may go; premium-rate numbers go only where the company allows them; the toll caps
// are taken. An emergency number skips all of that: it goes out on any trunk
// that is up, past every limit, with the company's main number. Each trunk then gets its attempt
// in failover order, the numbers written as its carrier wants, caller ID where it wants it
// (From, P-Asserted-Identity, Privacy), and Diversion or History-Info on a forwarded call.
import type { OfficeDb } from '../../db/database';
import { readCompany } from '../../directory/company';
import { findMainNumber } from '../../directory/phone-numbers';
import { readPreferences } from '../../directory/preferences';
import type { Logger } from '../../logger';
import { quotedDisplayName } from '../fields';
import { sdpBody, sdpOf } from '../calls/anchoring';
import type { DigestCredentials } from '../calls/challenge-answer';
import type { Forwarding, OutsideAttempt, OutsideRoute, OutsideRouter } from '../calls/outside-route';
import { uriHost } from './carrier-requests';
import { carrierNumber, mayCall, readDialled } from './dial-plan';
import { displayNumber } from './outside-numbers';
import { codecsForDtmf, offerWithin } from './trunk-codecs';
import { LinkError } from './carrier-link';
import type { LiveTrunk, TrunkDirectory } from './trunk-directory';
import type { TollGuard, TollLimits } from './toll-guard';

const refuse = (status: number, reason: string): OutsideRoute => ({ kind: 'refuse', status, reason });

/** The number a person's calls out show: their direct number, else the company's main one. */
async function directNumber(db: OfficeDb, extension: string): Promise<string | null> {
  const row = await db
    .selectFrom('phone_numbers')
    .select('number')
    .where('route_type', '=', 'extension')
    .where('route_target', '=', extension)
    .where('is_main', '=', 0)
    .orderBy('number')
    .executeTakeFirst();
  return row?.number ?? null;
}

/** Where the attempt's INVITE goes (the trunk's carrier, the number in the Request-URI), and its To. */
function carrierAddress(trunk: LiveTrunk, user: string): { uri: string; to: string } {
  const { host, transport } = trunk.config;
  const params = transport === 'UDP' ? '' : `;transport=${transport === 'TLS' ? 'tls' : 'tcp'}`;
  return {
    uri: `sip:${user}@${uriHost(host)}:${trunk.link.port}${params}`,
    to: `<sip:${user}@${uriHost(host)}>`,
  };
}

/** A registration trunk's account, which answers the carrier's challenge to an INVITE too. */
function accountOf({ config }: LiveTrunk): DigestCredentials | null {
  if (!config.registration || config.password === null) return null;
  return {
    username: config.registration.authUsername ?? config.registration.username,
    password: config.password,
  };
}

interface CallerId {
  number: string | null;
  name: string | null;
  hidden: boolean;
}

/** The headers a trunk's settings ask for, caller ID and redirection. */
function identityHeaders(
  trunk: LiveTrunk,
  callerId: CallerId,
  written: (e164: string) => string,
  domain: string,
  forwarding: { number: string | null; reason: Forwarding['reason'] } | null,
  calleeUri: string,
): { from: string; headers: [string, string][] } {
  const { config } = trunk;
  const host = uriHost(config.registration?.domain ?? config.host);
  const shown = callerId.number ? `<sip:${written(callerId.number)}@${host}>` : null;
  const named = (address: string) =>
    callerId.name && !callerId.hidden ? `${quotedDisplayName(callerId.name)} ${address}` : address;
  const anonymous = '"Anonymous" <sip:anonymous@anonymous.invalid>';
  const headers: [string, string][] = [];
  let from = shown && !callerId.hidden ? named(shown) : anonymous;
  if (shown && (config.callerIdHeader === 'p-asserted-identity' || callerId.hidden)) {
    // A hidden number still goes in P-Asserted-Identity for a carrier that honours Privacy;
    // to one that does not, it is not sent at all.
    if (!callerId.hidden || config.privacy) headers.push(['P-Asserted-Identity', named(shown)]);
    if (config.callerIdHeader === 'p-asserted-identity' && !callerId.hidden) from = named(shown);
  }
  if (callerId.hidden && config.privacy) headers.push(['Privacy', 'id']);
  if (forwarding?.number) {
    const by = `sip:${written(forwarding.number)}@${domain}`;
    if (config.redirectionHeaders.includes('diversion'))
      headers.push(['Diversion', `<${by}>;reason=${forwarding.reason};counter=1`]);
    if (config.redirectionHeaders.includes('history-info')) {
      const cause = forwarding.reason === 'user-busy' ? 486 : forwarding.reason === 'no-answer' ? 408 : 302;
      headers.push(['History-Info', `<${by}>;index=1, <${calleeUri};cause=${cause}>;index=1.1`]);
    }
  }
  return { from, headers };
}

export interface OutboundDeps {
  db: OfficeDb;
  trunks: TrunkDirectory;
  toll: TollGuard;
  logger: Logger;
  /** The office's SIP domain, for what Diversion names when no number of the office does. */
  domain: string;
}

export function outboundCalls(deps: OutboundDeps): OutsideRouter {
  const { db, trunks, toll } = deps;
  return async (number, caller, forwarding, byCompany = false) => {
    const company = await readCompany(db);
    const { country } = company;
    const dialled = readDialled(number, country);
    if (!dialled) return null;
    if (dialled.kind === 'invalid') return refuse(404, 'Not Found (no such phone number)');
    const emergency = dialled.kind === 'emergency';
    const international =
      dialled.kind === 'international' || (dialled.kind === 'premium' && dialled.international);
    // Whose call it is: the person placing it, or whoever forwarded it out of the office; nobody's
    // but the company's for a receptionist's key, which an administrator set to this number.
    const owner = byCompany ? null : caller.userId ? caller : (forwarding?.by ?? null);
    const preferences = owner?.userId ? await readPreferences(db, owner.userId) : null;
    const permission = byCompany ? 'international' : (preferences?.outboundCalls ?? 'internal');
    const limits: TollLimits = {
      perUser: company.outside_calls_per_user,
      total: company.outside_calls_total,
      internationalMinutesPerDay: company.international_minutes_per_day,
    };
    if (!emergency) {
      if (!mayCall(permission, dialled))
        return refuse(403, `Forbidden (${international ? 'international' : 'outside'} calls not allowed)`);
      if (dialled.kind === 'premium' && company.premium_numbers_allowed !== 1)
        return refuse(403, 'Forbidden (premium-rate numbers not allowed)');
      if (international && (await toll.internationalUsedUp(limits)))
        return refuse(403, 'Forbidden (the international minutes of the day are used up)');
    }
    const taken = toll.take(owner?.userId ?? null, limits, emergency);
    if (taken.kind === 'refused')
      return refuse(
        403,
        `Forbidden (${taken.cap === 'calls-per-user' ? 'your' : 'the office’s'} outside call limit is reached)`,
      );

    const main = await findMainNumber(db);
    const ownerExtension = owner?.number ?? null;
    const direct = ownerExtension && owner?.userId ? await directNumber(db, ownerExtension) : null;
    // A forwarded outside caller keeps their own number (the carrier sees Diversion beside it).
    const outsideCaller =
      !byCompany && !caller.userId && caller.number.startsWith('+') ? caller.number : null;
    const callerId: CallerId = emergency
      ? { number: main ?? direct, name: null, hidden: false }
      : {
          number: outsideCaller ?? direct ?? main,
          name: outsideCaller || byCompany ? null : caller.name,
          hidden: !outsideCaller && (preferences?.hideCallerId ?? false),
        };
    const forwardedBy = forwarding && {
      number: forwarding.by.userId ? ((await directNumber(db, forwarding.by.number)) ?? main) : main,
      reason: forwarding.reason,
    };
    const e164 = dialled.kind === 'emergency' ? null : dialled.e164;
    const calledNumber = dialled.kind === 'emergency' ? dialled.digits : dialled.e164;

    async function* attempts(): AsyncGenerator<OutsideAttempt> {
      for (const trunk of trunks.forOutbound({ ignoreLimits: emergency })) {
        const release = trunks.takeChannel(trunk, emergency);
        if (!release) continue;
        let flow;
        try {
          flow = await trunk.link.open();
        } catch (error) {
          release();
          if (!(error instanceof LinkError)) throw error;
          deps.logger.warn(
            { trunk: trunk.config.name, error: error.message },
            'trunk not reachable for a call out',
          );
          continue;
        }
        const written = (n: string) => carrierNumber(n, trunk.config.numberFormat, country);
        // An emergency number goes as dialled: carriers route it by the caller's location.
        const { uri, to } = carrierAddress(trunk, e164 ? written(e164) : calledNumber);
        const { from, headers } = identityHeaders(trunk, callerId, written, deps.domain, forwardedBy, uri);
        const credentials = accountOf(trunk);
        yield {
          destination: { uri, flow },
          from,
          to,
          headers,
          release,
          dtmf: trunk.config.dtmfMode,
          restrictOffer: (offer) => {
            const sdp = sdpOf(offer);
            // No offer in the INVITE: the carrier makes one, and the caller's answer is theirs.
            if (sdp === null) return offer;
            const kept = offerWithin(sdp, codecsForDtmf(trunk.config.codecs, trunk.config.dtmfMode));
            return kept === null ? null : sdpBody(kept);
          },
          ...(credentials && { credentials }),
        };
      }
    }

    return {
      kind: 'route',
      callee: {
        number: calledNumber,
        name: e164 ? displayNumber(e164, country) : null,
        userId: null,
      },
      attempts: attempts(),
      finished: (talkSeconds) => {
        taken.release();
        if (international)
          toll
            .addInternational(talkSeconds)
            .catch((error: unknown) =>
              deps.logger.error({ error: String(error) }, 'international minutes not counted'),
            );
      },
    };
  };
}
