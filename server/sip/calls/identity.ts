// Who a party is, as a name-addr for the headers that say it: the From of a call the office
// places, and P-Asserted-Identity (RFC 3325) on what it relays to a softphone, so a caller's
// screen shows the name of whoever answered, and a transferred call the party it now reaches.
// The office is the only peer its own devices talk to, so they may trust this header from it.
import type { CallParty } from '../../directory/call-log';
import { quotedDisplayName } from '../fields';

export const nameAddrOf = (party: CallParty, domain: string): string =>
  `${party.name ? `${quotedDisplayName(party.name)} ` : ''}<sip:${party.number}@${domain}>`;

export const assertedIdentity = (party: CallParty, domain: string): [string, string] => [
  'P-Asserted-Identity',
  nameAddrOf(party, domain),
];
