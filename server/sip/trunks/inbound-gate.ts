// Requests that concern a trunk, before anything else is done with them. One that claims to
// come from a carrier but comes from an address not its own is refused at once: no digest
// challenge, no lookup, no transaction. Over UDP it is not answered at all (its source may be
// forged, and an answer would be reflected at whoever that is; a scanner learns nothing either);
// over TCP and TLS, whose source the handshake proved, it gets a 403 saying so, which tells a
// carrier whose addresses changed what is wrong. A call in from the trunk itself goes to the
// inbound handler (inbound-calls.ts), told which trunk it came through.
import { buildResponse } from '../fields';
import type { SipRequest, SipResponse } from '../message';
import type { RequestGate } from '../stack';
import type { ServerTransaction } from '../transactions';
import type { Flow } from '../transports/transport';
import type { RateLimitedLog } from '../../rate-limited-log';
import type { LiveTrunk, TrunkDirectory } from './trunk-directory';

const hasToTag = (request: SipRequest) => /;\s*tag=/i.test(request.headers.get('To') ?? '');

/** What takes an initial INVITE from a trunk's carrier. */
export type InboundHandler = (
  trunk: LiveTrunk,
  request: SipRequest,
  flow: Flow,
  transaction: ServerTransaction,
) => Promise<SipResponse | void> | SipResponse | void;

export function trunkGate(trunks: TrunkDirectory, log: RateLimitedLog, inbound: InboundHandler): RequestGate {
  return (request, flow) => {
    const match = trunks.matchInbound(request, flow);
    if (match.kind === 'none') return 'pass';
    if (match.kind === 'claimed') {
      log.warn(
        {
          trunk: match.trunk.config.name,
          method: request.method,
          address: flow.address,
          transport: flow.transport,
        },
        'request claiming to come through a trunk from an address not its carrier’s: refused',
      );
      return flow.transport === 'UDP'
        ? 'drop'
        : { answer: buildResponse(request, 403, "Forbidden (not from this trunk's carrier)") };
    }
    if (request.method !== 'INVITE' || hasToTag(request)) return 'pass';
    const { trunk } = match;
    return { handler: (invite, from, transaction) => inbound(trunk, invite, from, transaction) };
  };
}
