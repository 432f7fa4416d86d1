// Malformed headers reach no handler: every method the service answers gets 400 naming the
// header, never 500, and the stack's safety net catches nothing.
import { describe, expect, it } from 'vitest';
import { parseMessage, type SipResponse } from '../../server/sip/message';
import { useSipOffice } from '../support/sip-office';
import { request, udpPeer } from './support';

describe('malformed From and To headers', () => {
  const started = useSipOffice();

  const cases = ['INVITE', 'REFER', 'NOTIFY', 'INFO', 'BYE', 'REGISTER', 'OPTIONS'].flatMap((method) =>
    (['From', 'To'] as const).map((header) => ({ method, header })),
  );

  it.each(cases)(
    'answers $method with an unclosed < in $header with 400 naming $header',
    async ({ method, header }) => {
      const peer = await udpPeer(started.sip.ports.udp);
      try {
        const broken = request(method, 'UDP').replace(
          new RegExp(`^${header}: <(sip:[^>]*)>`, 'm'),
          `${header}: "Eve" <$1`,
        );
        expect(broken).toContain(`${header}: "Eve" <sip:`);
        peer.send(broken);
        const answer = parseMessage(await peer.next()) as SipResponse;
        expect(answer.status).toBe(400);
        expect(answer.reason).toBe(`Bad Request (Malformed ${header} header: Unclosed < in an address)`);
        expect(started.sip.stack.stats.caught).toBe(0);
      } finally {
        peer.close();
      }
    },
  );
});
